import type { Contender } from './alternate-rounds.js';
import { runLoad, type LoadSpec } from './load-run.js';

/** A contender that puts `spec` (minus its duration) on a server for each of its runs. */
export function httpContender(name: string, spec: Omit<LoadSpec, 'durationS'>): Contender {
  return { name, run: (durationS) => runLoad({ ...spec, durationS }) };
}
