import type { LoadResult } from './load-run.js';

/** Something measured in turns with the others: one load run of `durationS` seconds. */
export interface Contender {
  readonly name: string;
  run(durationS: number): Promise<LoadResult>;
}

/** Rounds and their length; `warmupS` 0 skips the warm-up run. */
export interface RoundPlan {
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
}

/** Every contender's results, one per round, in round order. */
export type RoundResults = ReadonlyMap<string, readonly LoadResult[]>;

/**
 * A/B(/C...) alternation: after one warm-up run each (JIT, caches, connection pools), each round
 * runs every contender once, in an order rotated by one per round so none is always first
 * after the idle gap or always last.
 */
export async function alternateRounds(
  contenders: readonly Contender[],
  plan: RoundPlan,
  progress: (line: string) => void = () => undefined,
): Promise<RoundResults> {
  if (plan.warmupS > 0) {
    for (const c of contenders) {
      const warm = await c.run(plan.warmupS);
      progress(`  warm-up ${c.name}: ${Math.round(warm.rps)} req/s${warm.problems.length ? `  PROBLEMS: ${warm.problems.join('; ')}` : ''}`);
    }
  }
  const results = new Map<string, LoadResult[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < plan.rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of order) {
      const result = await c.run(plan.durationS);
      results.get(c.name)!.push(result);
      progress(
        `  round ${round + 1}/${plan.rounds} ${c.name}: ${Math.round(result.rps)} req/s p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms` +
          (result.problems.length ? `  PROBLEMS: ${result.problems.join('; ')}` : ''),
      );
    }
  }
  return results;
}
