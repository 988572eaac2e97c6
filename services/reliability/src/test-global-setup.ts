import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, machineInfo, replaceMarkedSection } from '@app/testkit';
import type { TestProject } from 'vitest/node';
import type { SavedCase } from './case-report.js';
import { loadProfile } from './profile.js';
import { formatResults } from './results-table.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each case saves its figures for the table written at the end of the run. */
    figuresDir: string;
  }
}

/** Every case of the suite; the README and results file are written only when all of them ran. */
const CASE_COUNT = 6;

const resultsFile = fileURLToPath(new URL('../results/latest.md', import.meta.url));
const readmeFile = fileURLToPath(new URL('../../../README.md', import.meta.url));

/**
 * Gives the cases a directory for their figures; at the end prints the results table and, in
 * the full profile with every case run, writes it to results/latest.md and the README.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const profile = loadProfile();
  const machine = describeMachine(machineInfo());
  const dir = await mkdtemp(join(tmpdir(), 'reliability-figures-'));
  project.provide('figuresDir', dir);
  return async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    const cases = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as SavedCase));
    await rm(dir, { recursive: true, force: true });
    if (cases.length === 0) return;
    const table = formatResults(cases, new Date(), machine);
    process.stdout.write(`\nReliability results\n\n${table}\n`);
    if (profile.name !== 'full' || cases.length < CASE_COUNT) return;
    const command = 'Measured by `npm run test:reliability`; the same cases run in `npm test` with seconds-long faults (`RELIABILITY_PROFILE=fast`).\n\n';
    await writeFile(resultsFile, `# Reliability results\n\n${command}${table}`);
    await writeFile(readmeFile, replaceMarkedSection(await readFile(readmeFile, 'utf8'), 'reliability', `${command}${table}`));
    process.stdout.write(`wrote ${resultsFile} and the README's reliability section\n`);
  };
}
