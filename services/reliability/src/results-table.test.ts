import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sectionMarkers } from '@app/testkit';
import { describe, expect, it } from 'vitest';
import type { SavedCase } from './case-report.js';
import { formatResults } from './results-table.js';

const row = (order: number, passed: boolean): SavedCase => ({
  order,
  title: `case ${order}`,
  load: 'a | b',
  measured: 'x\ny',
  target: 't',
  profile: 'full',
  passed,
});

describe('formatResults', () => {
  it('lists the cases in order, escapes table syntax, and marks a failed case as not met', () => {
    const table = formatResults([row(2, false), row(1, true)], new Date('2026-01-02T03:04:05Z'), 'a machine');
    expect(table).toContain('Profile `full`, 2026-01-02 03:04 UTC, on a machine');
    const lines = table.split('\n').filter((l) => l.startsWith('| case'));
    expect(lines).toEqual(['| case 1 | a \\| b | x y | t | yes |', '| case 2 | a \\| b | x y | t | **no** |']);
  });
});

describe('the published results', () => {
  const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));
  const latest = fileURLToPath(new URL('../results/latest.md', import.meta.url));

  it('the README shows the same table as results/latest.md (both written by the last full run)', async () => {
    const text = await readFile(readme, 'utf8');
    const { start, end } = sectionMarkers('reliability');
    // The markers hold no regular-expression metacharacters.
    const section = new RegExp(`${start}\n([\\s\\S]*?)${end}`).exec(text)?.[1];
    expect(section, 'README.md lacks the reliability markers').toBeDefined();
    const hasLatest = await access(latest).then(() => true, () => false);
    expect(hasLatest, 'services/reliability/results/latest.md is missing: run npm run test:reliability').toBe(true);
    const body = (await readFile(latest, 'utf8')).replace(/^# Reliability results\n\n/, '');
    expect(section).toBe(body);
  });
});
