import type { SavedCase } from './case-report.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown results: how it was run, then one row per case. */
export function formatResults(cases: readonly SavedCase[], when: Date, machine: string): string {
  const profile = cases[0]?.profile ?? 'unknown';
  const rows = [...cases]
    .sort((a, b) => a.order - b.order)
    .map((c) => `| ${cell(c.title)} | ${cell(c.load)} | ${cell(c.measured)} | ${cell(c.target)} | ${c.passed ? 'yes' : '**no**'} |`);
  return [
    `Profile \`${profile}\`, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC, on ${machine}; the load generator runs on the same machine as both services.`,
    '',
    '| Case | Load and fault | Measured | Target | Met |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
