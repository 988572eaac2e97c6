import { describe, expect, it } from 'vitest';
import { median, pairedRatio, quantile } from './stats.js';

describe('quantile', () => {
  it('takes the nearest rank, whatever the order', () => {
    const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(quantile(values, 0)).toBe(10);
    expect(quantile(values, 0.5)).toBe(60);
    expect(quantile(values, 0.95)).toBe(100);
    expect(quantile(values, 0.99)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
  });
  it('is NaN for no values', () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});

describe('pairedRatio', () => {
  it('is the median of the per-round ratios, not the ratio of the medians', () => {
    // Rounds drift (100, 200, 400) but A is always twice B in its own round.
    expect(pairedRatio([200, 400, 800], [100, 200, 400])).toBe(2);
    expect(median([200, 400, 800]) / median([100, 400, 150])).not.toBe(pairedRatio([200, 400, 800], [100, 400, 150]));
  });
  it('skips rounds where the reference measured nothing or a figure is missing, and pairs only complete rounds', () => {
    expect(pairedRatio([10, 30, 50], [0, 10])).toBe(3);
    expect(pairedRatio([Number.NaN, 30], [10, 10])).toBe(3);
    expect(pairedRatio([Number.NaN], [10])).toBeNaN();
  });
});
