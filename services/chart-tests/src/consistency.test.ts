import { describe, expect, it } from 'vitest';
import { caseName } from './chart-matrix.js';
import { CHECKS } from './checks/index.js';
import { renderOf, suite } from './test-context.js';

const s = suite();
const cases = s.renders.filter((r) => r.code === 0);

describe.skipIf(!s.helm)(`rendered objects are consistent with the services ${s.helmMissing ?? ''}`, () => {
  describe.each(cases.map((r) => [caseName(r), r] as const))('%s', (_name, c) => {
    it.each(Object.keys(CHECKS))('passes the %s check', (check) => {
      expect(CHECKS[check]!(renderOf(c))).toEqual([]);
    });
  });
});
