import { median, pairedRatio } from '@app/testkit';
import type { RoundResults } from './alternate-rounds.js';
import type { LoadResult } from './load-run.js';
import type { ContenderSummary } from './report/bench-report.js';

/** The median of a figure over the rounds that measured it (NaN when none did). */
export function medianOf(results: readonly LoadResult[], figure: 'serverCpuUs' | 'databaseCpuUs'): number {
  return median(results.flatMap((r) => (r[figure] === undefined ? [] : [r[figure]])));
}

/** Medians of one contender's rounds, and every problem any round had. */
export function summarize(name: string, label: string, results: readonly LoadResult[]): ContenderSummary {
  return {
    name,
    label,
    rps: median(results.map((r) => r.rps)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    cpuUs: medianOf(results, 'serverCpuUs'),
    rounds: results.length,
    problems: [...new Set(results.flatMap((r) => r.problems))],
  };
}

/** The rounds of `name`; throws for a name that was not measured (a bench wiring bug). */
export function roundsOf(results: RoundResults, name: string): readonly LoadResult[] {
  const rounds = results.get(name);
  if (!rounds) throw new Error(`no results for ${name}`);
  return rounds;
}

/** `a` over `b` by round: throughput (higher is better) or p99 latency (lower is better). */
export function ratioBetween(results: RoundResults, a: string, b: string, figure: 'rps' | 'p99Ms'): number {
  return pairedRatio(
    roundsOf(results, a).map((r) => r[figure]),
    roundsOf(results, b).map((r) => r[figure]),
  );
}

/**
 * What the throughput ratio `a ÷ b` would be if each server had a core to itself: b's CPU per
 * response over a's, paired by round. NaN when either was not watched.
 */
export function cpuRatio(results: RoundResults, a: string, b: string): number {
  const cpu = (name: string) => roundsOf(results, name).map((r) => r.serverCpuUs ?? Number.NaN);
  return pairedRatio(cpu(b), cpu(a));
}

/** The CPU-based ratio as a note for a throughput target, or undefined when it was not measured. */
export function cpuNote(results: RoundResults, a: string, b: string): string | undefined {
  const ratio = cpuRatio(results, a, b);
  return Number.isFinite(ratio) ? `by server CPU per request ${ratio.toFixed(2)}x` : undefined;
}

/** The problems of the runs of every named contender, prefixed with the name. */
export function problemsOf(results: RoundResults, names: readonly string[]): string[] {
  return names.flatMap((name) => [...new Set(roundsOf(results, name).flatMap((r) => r.problems))].map((p) => `${name}: ${p}`));
}
