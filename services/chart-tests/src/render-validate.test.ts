import { afterAll, describe, expect, it } from 'vitest';
import { caseName } from './chart-matrix.js';
import { renderOf, suite } from './test-context.js';
import { validateObjects } from './validate-objects.js';

const s = suite();
let validated = 0;

describe.skipIf(!s.helm)(`rendered objects validate against Kubernetes 1.36 and the CRD schemas ${s.helmMissing ?? ''}`, () => {
  afterAll(() => {
    console.info(`chart-tests: ${validated} objects validated in ${s.renders.length} chart x values renders`);
  });

  it.each(s.renders.map((r) => [caseName(r), r] as const))('%s renders and every object is valid', async (_name, c) => {
    expect(c.code, c.stderr).toBe(0);
    const { objects } = renderOf(c);
    expect(objects.length).toBeGreaterThan(0);
    expect(await validateObjects(objects)).toEqual([]);
    validated += objects.length;
  });
});
