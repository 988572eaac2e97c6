import type { BenchOptions } from '../bench-options.js';
import type { BenchStack } from '../bench-stack.js';
import type { ComparisonSection, Fact } from '../report/bench-report.js';
import type { TargetResult } from '../targets.js';

/** What a suite gets: the shared processes, the options, a progress printer. */
export interface SuiteContext {
  readonly stack: BenchStack;
  readonly options: BenchOptions;
  progress(line: string): void;
  /** Figures one suite leaves for a fact another suite (or the run) derives from them. */
  readonly figures: Map<string, number>;
}

/** What a suite adds to the report. */
export interface SuiteOutput {
  readonly sections: ComparisonSection[];
  readonly facts: Fact[];
  readonly targets: TargetResult[];
}
