import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The measured figures of one case: one row of the results table. */
export interface CaseFigures {
  /** Position in the table (the order of issue 6). */
  readonly order: number;
  readonly title: string;
  /** The load and the fault, as run (rate, duration, requests). */
  readonly load: string;
  /** What was measured. */
  readonly measured: string;
  /** What the case requires. */
  readonly target: string;
}

/** A saved row, and whether every assertion of its case passed. */
export interface SavedCase extends CaseFigures {
  readonly profile: string;
  readonly passed: boolean;
}

/**
 * Saves a case's figures before its assertions run (so a failing case still reports what it
 * measured, marked as not met) and returns the function that marks it passed once they have.
 */
export async function reportCase(dir: string, profile: string, figures: CaseFigures): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${String(figures.order).padStart(2, '0')}.json`);
  const save = (passed: boolean) => writeFile(file, JSON.stringify({ ...figures, profile, passed } satisfies SavedCase));
  await save(false);
  return () => save(true);
}
