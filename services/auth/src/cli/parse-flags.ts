import { parseArgs } from 'node:util';
import { UsageError } from './cli-io.js';

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses `args` strictly against `spec`; unknown flags and stray arguments are usage errors. */
export function parseFlags<S extends FlagSpec>(args: string[], spec: S): { [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean } {
  try {
    const { values } = parseArgs({ args, options: spec, strict: true, allowPositionals: false });
    return values as { [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A non-negative integer flag value. */
export function intFlag(name: string, value: string | undefined, options: { min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}
