import { describe, expect, it } from 'vitest';
import { checkTarget, formatFigure, skippedTarget, type TargetDef } from './targets.js';

const ratio: TargetDef = { id: 'r', description: 'posts ÷ bare', unit: 'x', op: '>=', limit: 0.85 };

describe('checkTarget', () => {
  it('says met when the figure is on the right side of the limit, including the limit itself', () => {
    expect(checkTarget(ratio, 0.85).status).toBe('met');
    expect(checkTarget(ratio, 1.3).status).toBe('met');
  });
  it('says NOT met otherwise, keeping the figure', () => {
    expect(checkTarget(ratio, 0.84)).toMatchObject({ status: 'NOT met', measured: 0.84 });
    expect(checkTarget({ ...ratio, op: '<=', limit: 150, unit: 'MB' }, 151).status).toBe('NOT met');
    expect(checkTarget({ ...ratio, op: '>', limit: 0.9 }, 0.9).status).toBe('NOT met');
  });
  it('keeps a note on a met or missed target', () => {
    expect(checkTarget(ratio, 0.8, [], 'by server CPU per request 0.95x')).toMatchObject({ status: 'NOT met', detail: 'by server CPU per request 0.95x' });
  });
  it('calls a figure from runs with problems invalid, whatever its value', () => {
    expect(checkTarget(ratio, 5, ['bare: 3 responses with a wrong body'])).toMatchObject({
      status: 'invalid',
      detail: 'bare: 3 responses with a wrong body',
    });
  });
  it('calls a missing figure skipped', () => {
    expect(checkTarget(ratio, Number.NaN).status).toBe('skipped');
    expect(skippedTarget(ratio, 'PostgreSQL unreachable')).toMatchObject({ status: 'skipped', detail: 'PostgreSQL unreachable' });
  });
});

describe('formatFigure', () => {
  it('prints each unit the way the tables show it', () => {
    expect(formatFigure(1.234, 'x')).toBe('1.23x');
    expect(formatFigure(412.6, 'ms')).toBe('413 ms');
    expect(formatFigure(97.25, 'MB')).toBe('97.3 MB');
    expect(formatFigure(2, 'fetches')).toBe('2');
    expect(formatFigure(undefined, 'x')).toBe('n/a');
  });
});
