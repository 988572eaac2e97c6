import { describe, expect, it } from 'vitest';
import { sampleReport } from '../testing/sample-report.js';
import { renderMarkdown } from './markdown-report.js';

/** The markdown tables of `text`: runs of lines starting with a pipe. */
function tables(text: string): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  return found;
}

/** Cells of a table row, honouring escaped pipes. */
const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());

describe('renderMarkdown', () => {
  const text = renderMarkdown(sampleReport(), { headingLevel: 2, chartPath: 'ratios.svg', title: 'Benchmark results' });

  it('writes well-formed tables: a separator row, and as many cells in every row as in the header', () => {
    const all = tables(text);
    expect(all).toHaveLength(2);
    for (const table of all) {
      const width = cells(table[0]!).length;
      expect(cells(table[1]!).every((c) => c === '---')).toBe(true);
      for (const row of table) expect(cells(row)).toHaveLength(width);
    }
  });

  it('prints each target with its figure, limit and status, NOT met in bold', () => {
    expect(text).toContain('| posts (SQLite) req/s ÷ (a) bare express | 0.95x | >= 0.85x | met |');
    expect(text).toContain('| 1.10x | >= 1.20x | **NOT met** |');
    expect(text).toContain('| n/a | >= 0.85x | skipped (no PostgreSQL) |');
    expect(text).toContain('| posts peak RSS | 98.2 MB | <= 150.0 MB | met |');
  });

  it('shows the server CPU per request where it was measured', () => {
    expect(text).toContain('| posts on SQLite | 7012 | 4 ms | 9 ms | 120 µs | all as expected (5 rounds) |');
    expect(text).toContain('| 7 ms | 12 ms | n/a | INVALID');
  });

  it('marks a contender whose responses were wrong as invalid, and escapes pipes in labels', () => {
    expect(text).toContain('INVALID: unexpected statuses 401 x3');
    expect(text).toContain('(a) bare \\| express');
  });

  it('names the machine, the command and the chart, and nests its headings as asked', () => {
    expect(text).toMatch(/^# Benchmark results\n/);
    expect(text).toContain('AMD EPYC, 2 cores');
    expect(text).toContain('load average before the run 1.50 1.00 0.50');
    expect(text).toContain('`npm run bench`');
    expect(text).toContain('![Ratios against the targets](ratios.svg)');
    expect(text).toContain('\n## Targets\n');
    const inReadme = renderMarkdown(sampleReport(), { headingLevel: 3, chartPath: 'services/bench/results/ratios.svg' });
    expect(inReadme).toContain('\n### Targets\n');
    expect(inReadme).not.toContain('# Benchmark results');
  });
});
