/**
 * Configuration as a schema, parsed once at start-up.
 *
 * Every variable has a type, a default (or is required, or optional) and a one-line doc.
 * `parseConfig` reads them all, collects every problem, and throws one `ConfigError` that
 * names each bad variable, so an operator fixes the whole list in one go. The chart tests
 * import the schemas to check that every env name a Deployment sets is one the service reads.
 */

/** One environment variable: how to parse it, its default and its documentation. */
export interface Var<T, HasValue extends boolean = boolean> {
  readonly type: string;
  readonly doc: string;
  readonly required: boolean;
  readonly default: T | undefined;
  /** Never echo the raw value back in errors (URLs with passwords, for example). */
  readonly secret: boolean;
  readonly parse: (raw: string) => T;
  /** Phantom marker: whether the parsed value is always present. */
  readonly hasValue?: HasValue;
}

export type Schema = Record<string, Var<unknown>>;

/** The typed result of parsing a schema. */
export type ConfigOf<S extends Schema> = {
  readonly [K in keyof S]: S[K] extends Var<infer T, infer H> ? (H extends true ? T : T | undefined) : never;
};

interface BaseOpts<T> {
  doc: string;
  default?: T;
  required?: true;
  secret?: boolean;
}

type Built<T, O> = O extends { default: unknown } | { required: true } ? Var<T, true> : Var<T, false>;

/** Raised by a parser with a message that completes "NAME: ...". */
export class InvalidValue extends Error {}

function build<T, O extends BaseOpts<T>>(type: string, opts: O, parse: (raw: string) => T): Built<T, O> {
  return Object.freeze({
    type,
    doc: opts.doc,
    required: opts.required === true,
    default: opts.default,
    secret: opts.secret === true,
    parse,
  }) as unknown as Built<T, O>;
}

/** A free-form string. */
export function str<O extends BaseOpts<string> & { pattern?: RegExp; maxLength?: number }>(opts: O): Built<string, O> {
  return build('string', opts, (raw) => {
    if (opts.maxLength !== undefined && raw.length > opts.maxLength) {
      throw new InvalidValue(`must be at most ${opts.maxLength} characters`);
    }
    if (opts.pattern && !opts.pattern.test(raw)) throw new InvalidValue(`must match ${opts.pattern}`);
    return raw;
  });
}

/** An integer within bounds. */
export function int<O extends BaseOpts<number> & { min?: number; max?: number }>(opts: O): Built<number, O> {
  const min = opts.min ?? Number.MIN_SAFE_INTEGER;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  return build('integer', opts, (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new InvalidValue('must be an integer');
    const n = Number(raw.trim());
    if (n < min || n > max) throw new InvalidValue(`must be between ${min} and ${max}`);
    return n;
  });
}

/** A TCP port; 0 asks the OS for a free one (tests). */
export function port<O extends BaseOpts<number>>(opts: O): Built<number, O> {
  return int({ ...opts, min: 0, max: 65535 }) as unknown as Built<number, O>;
}

/** true/false, also 1/0, yes/no, on/off. */
export function bool<O extends BaseOpts<boolean>>(opts: O): Built<boolean, O> {
  return build('boolean', opts, (raw) => {
    const v = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    throw new InvalidValue('must be true or false');
  });
}

/** One of a fixed set of strings. */
export function oneOf<const V extends string, O extends BaseOpts<V>>(values: readonly V[], opts: O): Built<V, O> {
  return build(values.join('|'), opts, (raw) => {
    if (!(values as readonly string[]).includes(raw)) throw new InvalidValue(`must be one of ${values.join(', ')}`);
    return raw as V;
  });
}

/** An absolute URL with one of the given protocols (default http and https). */
export function url<O extends BaseOpts<string> & { protocols?: string[] }>(opts: O): Built<string, O> {
  const protocols = opts.protocols ?? ['http:', 'https:'];
  return build('url', opts, (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new InvalidValue('must be an absolute URL');
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new InvalidValue(`must use ${protocols.map((p) => p.replace(':', '')).join(' or ')}`);
    }
    return raw;
  });
}

/** The log levels pino understands. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown by `parseConfig` with every problem found, one per line. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Parses `env` against `schema`. Unset and empty variables take their default. Throws a
 * `ConfigError` naming every variable that is missing or malformed.
 */
export function parseConfig<S extends Schema>(schema: S, env: Readonly<Record<string, string | undefined>>): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (spec.required) problems.push(`${name}: is required (${spec.doc})`);
      else out[name] = spec.default;
      continue;
    }
    try {
      out[name] = spec.parse(raw);
    } catch (err) {
      const reason = err instanceof InvalidValue ? err.message : String(err);
      problems.push(spec.secret ? `${name}: ${reason}` : `${name}: ${reason} (got ${JSON.stringify(raw.slice(0, 200))})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out) as ConfigOf<S>;
}

/** Rows for documentation: name, type, default, doc. */
export function describeSchema(schema: Schema): { name: string; type: string; default: string; doc: string }[] {
  return Object.entries(schema).map(([name, spec]) => ({
    name,
    type: spec.type,
    default: spec.required ? '(required)' : spec.default === undefined ? '' : String(spec.default),
    doc: spec.doc,
  }));
}

/** The variables every service reads, shared so the names and docs never drift apart. */
export const commonSchema = {
  HOST: str({ doc: 'Interface to listen on', default: '0.0.0.0' }),
  LOG_LEVEL: oneOf(LOG_LEVELS, { doc: 'pino log level', default: 'info' }),
  SHUTDOWN_DELAY_MS: int({
    doc: 'After SIGTERM, how long /readyz reports 503 before the server stops accepting connections',
    default: 0,
    min: 0,
    max: 600_000,
  }),
  SHUTDOWN_TIMEOUT_MS: int({
    doc: 'Hard limit for a graceful shutdown after the delay; past it the process exits 1',
    default: 10_000,
    min: 100,
    max: 600_000,
  }),
  TRUST_PROXY: int({
    doc: 'How many reverse-proxy hops to trust for X-Forwarded-For (0 = use the socket address)',
    default: 0,
    min: 0,
    max: 10,
  }),
  BODY_LIMIT_BYTES: int({ doc: 'Largest accepted JSON body', default: 16_384, min: 256, max: 10_485_760 }),
} as const;
