import { describe, expect, it } from 'vitest';
import { caseName, listCharts } from './chart-matrix.js';
import { helm, helm3, suite } from './test-context.js';

const s = suite();

describe.skipIf(!s.helm)(`helm lint --strict ${s.helmMissing ?? ''}`, () => {
  it('finds the auth, posts and umbrella charts', () => {
    const charts = listCharts(s.chartsDir);
    expect(charts).toEqual(expect.arrayContaining(['auth', 'posts']));
    expect(charts.length).toBeGreaterThanOrEqual(3);
  });
});

// Each helm lints its own copy of the charts, whose umbrella dependencies it built.
describe.each([
  { name: `helm (${s.helmVersion})`, available: s.helm, missing: s.helmMissing, run: helm, renders: s.renders },
  { name: `helm 3 (${s.helm3Version})`, available: s.helm3, missing: s.helm3Missing, run: helm3, renders: s.helm3Renders },
])('$name', ({ available, missing, run, renders }) => {
  describe.skipIf(!available)(`lint --strict ${missing ?? ''}`, () => {
    it.each(renders.map((r) => [caseName(r), r] as const))('passes for %s', async (_name, c) => {
      const res = await run().lint(c.chartDir, c.valuesFile);
      const output = `${res.stdout}\n${res.stderr}`;
      expect(output, output).toContain('0 chart(s) failed');
      expect(output).not.toMatch(/\[(WARNING|ERROR)\]/);
      expect(res.code).toBe(0);
    });
  });
});
