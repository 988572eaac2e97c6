export const BENCH_START = '<!-- bench:start -->';
export const BENCH_END = '<!-- bench:end -->';

/** Replaces what stands between the bench markers of `readme` with `content`; throws without both markers in order. */
export function replaceBenchSection(readme: string, content: string): string {
  const start = readme.indexOf(BENCH_START);
  const end = readme.indexOf(BENCH_END);
  if (start < 0 || end < 0 || end < start) throw new Error(`the README needs ${BENCH_START} and then ${BENCH_END}`);
  return `${readme.slice(0, start + BENCH_START.length)}\n${content.trim()}\n${readme.slice(end)}`;
}
