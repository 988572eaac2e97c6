/** The `q` quantile (0..1) of `values` by the nearest-rank rule; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The median of `values` (upper median for an even count). */
export const median = (values: readonly number[]): number => quantile(values, 0.5);
