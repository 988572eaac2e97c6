import { describeMachine, machineInfo } from '@app/testkit';
import type { BenchOptions, Suite } from './bench-options.js';
import { BenchStack } from './bench-stack.js';
import type { BenchReport, Fact } from './report/bench-report.js';
import { authSuite, LOW_BCRYPT_COST } from './suites/auth-suite.js';
import { floodSuite } from './suites/flood-suite.js';
import { memoryFacts } from './suites/memory-facts.js';
import { postsSuite } from './suites/posts-suite.js';
import { signingSuite } from './suites/signing-suite.js';
import { startupSuite } from './suites/startup-suite.js';
import type { SuiteContext, SuiteOutput } from './suites/suite-context.js';

const RUNNERS: Record<Suite, (ctx: SuiteContext) => Promise<SuiteOutput>> = {
  posts: postsSuite,
  flood: floodSuite,
  auth: authSuite,
  signing: signingSuite,
  startup: startupSuite,
};

/**
 * How much of a login is the RS256 signature: logins/s over tokens signed/s on one core (the
 * share of one core's time spent signing, when the server is busy on one core).
 */
function signingShare(figures: ReadonlyMap<string, number>): Fact[] {
  const tokens = figures.get('tokensPerS');
  const cost10 = figures.get('loginPerS.cost10');
  const low = figures.get('loginPerS.low');
  if (tokens === undefined || cost10 === undefined || low === undefined) return [];
  const pct = (logins: number) => `${((logins / tokens) * 100).toFixed(1)}%`;
  return [{ label: 'RS256 signing share of login time', value: `${pct(cost10)} at bcrypt cost 10, ${pct(low)} at cost ${LOW_BCRYPT_COST}` }];
}

/**
 * Runs the chosen suites in order on one set of processes, then reads every service's peak
 * RSS (after all the load) and stops everything. `command` is how the run was asked for.
 */
export async function runBench(options: BenchOptions, command: string, progress: (line: string) => void): Promise<BenchReport> {
  const machine = machineInfo();
  const started = Date.now();
  progress(`machine: ${describeMachine(machine)}`);
  const stack = await BenchStack.create({
    logLevel: options.logLevel,
    ...(options.logDir ? { logDir: options.logDir } : {}),
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
  });
  const output: SuiteOutput = { sections: [], facts: [], targets: [] };
  const facts: Fact[] = [];
  const figures = new Map<string, number>();
  try {
    for (const suite of options.suites) {
      progress(`== ${suite}`);
      const result = await RUNNERS[suite]({ stack, options, progress, figures });
      output.sections.push(...result.sections);
      output.facts.push(...result.facts);
      output.targets.push(...result.targets);
    }
    facts.push(...signingShare(figures));
    const memory = await memoryFacts(await stack.processes());
    facts.push(...memory.facts);
    output.targets.push(...memory.targets);
  } finally {
    await stack.stop();
  }
  return {
    machine,
    settings: {
      suites: options.suites,
      rounds: options.rounds,
      durationS: options.durationS,
      warmupS: options.warmupS,
      connections: options.connections,
      command,
    },
    startedAt: new Date(started).toISOString(),
    elapsedS: Math.round((Date.now() - started) / 1000),
    sections: output.sections,
    facts: [...output.facts, ...facts],
    targets: output.targets,
  };
}
