import { tmpdir } from 'node:os';
import { join } from 'node:path';
/** The parts of the bench, each runnable alone with `--only`. */
export const SUITES = ['posts', 'flood', 'auth', 'signing', 'startup'] as const;
export type Suite = (typeof SUITES)[number];

/** How one bench run is made. */
export interface BenchOptions {
  readonly suites: readonly Suite[];
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
  /** Connections of the login runs (each login holds a bcrypt comparison for tens of ms). */
  readonly loginConnections: number;
  /** Requests per second of random-`kid` tokens in the flood runs. */
  readonly floodRate: number;
  /** Seconds of each signing measurement (openssl and the token issuer alike). */
  readonly signSeconds: number;
  /** Start-ups measured per service. */
  readonly starts: number;
  /** A PostgreSQL URL to create the throw-away database from; undefined leaves PostgreSQL out. */
  readonly pgUrl: string | undefined;
  readonly outDir: string;
  readonly writeReadme: boolean;
  /** Where the services' stdout goes (one file each); /dev/null when absent. */
  readonly logDir: string | undefined;
  readonly logLevel: string;
  /** Every server process writes a V8 CPU profile into this directory when it stops. */
  readonly cpuProfileDir: string | undefined;
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The full run: about 7 minutes (the durations fix it, whatever the machine). */
export const DEFAULT_OPTIONS: Omit<BenchOptions, 'outDir'> = {
  suites: SUITES,
  rounds: 5,
  durationS: 5,
  warmupS: 3,
  connections: 32,
  loginConnections: 4,
  floodRate: 250,
  signSeconds: 3,
  starts: 5,
  pgUrl: DEFAULT_PG_URL,
  writeReadme: false,
  logDir: undefined,
  logLevel: 'info',
  cpuProfileDir: undefined,
};

/** `--smoke`: every part once, for a fraction of a second; checks the harness, measures nothing. */
export const SMOKE_OPTIONS: Partial<BenchOptions> = {
  rounds: 1,
  durationS: 0.3,
  warmupS: 0,
  connections: 4,
  loginConnections: 2,
  floodRate: 50,
  signSeconds: 1,
  starts: 1,
};

export const USAGE = `usage: npm run bench -- [options]
  --only LIST         comma-separated suites: ${SUITES.join(',')} (default: all)
  --rounds N          alternated rounds per comparison (default ${DEFAULT_OPTIONS.rounds})
  --duration S        seconds per run (default ${DEFAULT_OPTIONS.durationS})
  --warmup S          seconds of the warm-up run per contender (default ${DEFAULT_OPTIONS.warmupS}; 0 = none)
  --connections N     concurrent connections (default ${DEFAULT_OPTIONS.connections})
  --flood-rate N      random-kid requests per second in the flood (default ${DEFAULT_OPTIONS.floodRate})
  --sign-seconds S    seconds per signing measurement (default ${DEFAULT_OPTIONS.signSeconds})
  --starts N          start-ups timed per service (default ${DEFAULT_OPTIONS.starts})
  --pg-url URL        PostgreSQL to create the throw-away database on (default ${DEFAULT_PG_URL})
  --no-pg             leave PostgreSQL out
  --out DIR           where latest.md, latest.json and ratios.svg go (default services/bench/results;
                      with --smoke a temp directory)
  --write-readme      also replace the text between <!-- bench:start --> and <!-- bench:end --> in README.md
  --logs DIR          keep each service's stdout in DIR/<name>.log (default: discarded)
  --log-level LEVEL   LOG_LEVEL of the services (default info, as in production)
  --cpu-prof DIR      every server writes a CPU profile (node --cpu-prof) into DIR when it stops
  --smoke             a few seconds in all: checks the harness, not the speed`;

/** Thrown for a bad command line; the message says which flag and why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positive(flag: string, raw: string | undefined, integer: boolean): number {
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} needs a positive ${integer ? 'integer' : 'number'}, got ${raw ?? 'nothing'}`);
  }
  return value;
}

/** Parses the command line (after `--`); `defaultOutDir` is where results go without `--out`. */
export function parseBenchArgs(argv: readonly string[], defaultOutDir: string): BenchOptions | 'help' {
  const smoke = argv.includes('--smoke');
  // A smoke run measures nothing worth keeping: it never overwrites the committed results.
  const outDir = smoke ? join(tmpdir(), 'no-shared-secret-bench-smoke') : defaultOutDir;
  let options: BenchOptions = { ...DEFAULT_OPTIONS, ...(smoke ? SMOKE_OPTIONS : {}), outDir };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--smoke':
        break;
      case '--only': {
        const names = value().split(',').filter(Boolean);
        const unknown = names.filter((n) => !(SUITES as readonly string[]).includes(n));
        if (unknown.length > 0 || names.length === 0) throw new UsageError(`--only takes ${SUITES.join(', ')}; got ${unknown.join(', ') || 'nothing'}`);
        options = { ...options, suites: SUITES.filter((s) => names.includes(s)) };
        break;
      }
      case '--rounds':
        options = { ...options, rounds: positive(flag, value(), true) };
        break;
      case '--duration':
        options = { ...options, durationS: positive(flag, value(), false) };
        break;
      case '--warmup': {
        const raw = value();
        options = { ...options, warmupS: raw === '0' ? 0 : positive(flag, raw, false) };
        break;
      }
      case '--connections':
        options = { ...options, connections: positive(flag, value(), true) };
        break;
      case '--flood-rate':
        options = { ...options, floodRate: positive(flag, value(), true) };
        break;
      case '--sign-seconds':
        options = { ...options, signSeconds: positive(flag, value(), true) };
        break;
      case '--starts':
        options = { ...options, starts: positive(flag, value(), true) };
        break;
      case '--pg-url': {
        const url = value();
        if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--pg-url must be a postgres:// URL, got ${url}`);
        options = { ...options, pgUrl: url };
        break;
      }
      case '--no-pg':
        options = { ...options, pgUrl: undefined };
        break;
      case '--out':
        options = { ...options, outDir: value() };
        break;
      case '--write-readme':
        options = { ...options, writeReadme: true };
        break;
      case '--logs':
        options = { ...options, logDir: value() };
        break;
      case '--cpu-prof':
        options = { ...options, cpuProfileDir: value() };
        break;
      case '--log-level': {
        const level = value();
        if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) throw new UsageError(`--log-level: unknown level ${level}`);
        options = { ...options, logLevel: level };
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (smoke && options.writeReadme) throw new UsageError('--write-readme cannot be used with --smoke (a smoke run measures nothing)');
  return options;
}
