import { describe, expect, it } from 'vitest';
import { caseName, listCharts } from './chart-matrix.js';
import { helm, suite } from './test-context.js';

const s = suite();

describe.skipIf(!s.helm)(`helm lint --strict ${s.helmMissing ?? ''}`, () => {
  it('finds the auth, posts and umbrella charts', () => {
    const charts = listCharts(s.chartsDir);
    expect(charts).toEqual(expect.arrayContaining(['auth', 'posts']));
    expect(charts.length).toBeGreaterThanOrEqual(3);
  });

  it.each(s.renders.map((r) => [caseName(r), r] as const))('passes for %s', async (_name, c) => {
    const res = await helm().lint(c.chartDir, c.valuesFile);
    const output = `${res.stdout}\n${res.stderr}`;
    expect(output, output).toContain('0 chart(s) failed');
    expect(output).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(res.code).toBe(0);
  });
});
