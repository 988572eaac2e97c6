/** The `q` quantile (0..1) of `values` by the nearest-rank rule; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median of the per-round ratios `a[i] / b[i]`. Pairing by round (A and B measured minutes
 * apart at most) cancels much of the drift of a shared, noisy machine that a ratio of the two
 * overall medians would keep.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) if (b[i]! > 0 && Number.isFinite(a[i]!)) ratios.push(a[i]! / b[i]!);
  return median(ratios);
}
