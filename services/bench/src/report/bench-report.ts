import type { MachineInfo } from '@app/testkit';
import type { TargetResult } from '../targets.js';

/** One contender of a comparison: medians over its rounds. */
export interface ContenderSummary {
  readonly name: string;
  /** What it is, for the table. */
  readonly label: string;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU microseconds per response (NaN when not watched). */
  readonly cpuUs: number;
  readonly rounds: number;
  /** Problems of any of its runs (wrong status or body, errors): its figures are not to be trusted. */
  readonly problems: readonly string[];
}

/** A table of contenders measured against each other in the same rounds. */
export interface ComparisonSection {
  readonly title: string;
  readonly rows: readonly ContenderSummary[];
  /** What was measured and how, one or two sentences. */
  readonly note?: string;
}

/** A figure that is reported without a contender table (e.g. sign/s, start-up times). */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** How the run was made. */
export interface RunSettings {
  readonly suites: readonly string[];
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
  readonly command: string;
}

/** Everything one bench run produced; the markdown, SVG and JSON writers read only this. */
export interface BenchReport {
  readonly machine: MachineInfo;
  readonly settings: RunSettings;
  readonly startedAt: string;
  readonly elapsedS: number;
  readonly sections: readonly ComparisonSection[];
  readonly facts: readonly Fact[];
  readonly targets: readonly TargetResult[];
}
