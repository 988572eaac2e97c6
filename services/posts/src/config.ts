import { ConfigError, bool, commonSchema, int, parseConfig, port, str, url, type ConfigOf } from '@app/shared';

/**
 * Every environment variable posts reads. The chart tests import this object to check the
 * env names a Deployment sets, so a variable that is not listed here is never read.
 */
export const postsConfigSchema = {
  ...commonSchema,
  PORT: port({ doc: 'TCP port to listen on (0 = any free port)', default: 4001 }),
  ISSUER: url({ doc: 'The exact `iss` accepted in access tokens (auth’s public URL)', required: true }),
  AUDIENCE: str({ doc: 'Audience that must appear in a token’s `aud`', default: 'posts' }),
  JWKS_URL: url({ doc: 'Where the JWK Set is fetched (default <ISSUER>/.well-known/jwks.json)' }),
  DATA_DIR: str({ doc: 'Directory for local state (the default SQLite file)', default: './.data' }),
  DATABASE_URL: str({
    doc: 'sqlite:<path>, sqlite::memory: or postgres(ql)://... (default sqlite:<DATA_DIR>/posts.sqlite)',
    pattern: /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
    secret: true,
  }),
  DATABASE_POOL_MAX: int({ doc: 'Largest PostgreSQL connection pool', default: 10, min: 1, max: 200 }),
  DATABASE_TIMEOUT_MS: int({
    doc: 'PostgreSQL connect and query timeout; past it the request gets 503',
    default: 5000,
    min: 100,
    max: 120_000,
  }),
  SEED_DEMO_DATA: bool({ doc: 'Insert the six demo posts when the database is new', default: false }),
  JWKS_TIMEOUT_MS: int({ doc: 'Timeout of one JWKS fetch', default: 5000, min: 100, max: 60_000 }),
  JWKS_MIN_TTL_SECONDS: int({ doc: 'Lower bound for the JWKS Cache-Control max-age', default: 30, min: 0, max: 86_400 }),
  JWKS_MAX_TTL_SECONDS: int({ doc: 'Upper bound for the JWKS Cache-Control max-age', default: 3600, min: 1, max: 604_800 }),
  JWKS_COOLDOWN_SECONDS: int({
    doc: 'At most one refetch per this many seconds because of an unknown kid',
    default: 30,
    min: 0,
    max: 3600,
  }),
  JWKS_STALE_MAX_SECONDS: int({
    doc: 'How long past its expiry a cached JWKS keeps verifying while refreshes fail',
    default: 86_400,
    min: 0,
    max: 2_592_000,
  }),
  TOKEN_CACHE_SIZE: int({ doc: 'Verified tokens kept in the LRU (0 disables the cache)', default: 10_000, min: 0, max: 1_000_000 }),
  CLOCK_TOLERANCE_SECONDS: int({ doc: 'Clock skew allowed on exp/nbf/iat', default: 30, min: 0, max: 300 }),
} as const;

type Parsed = ConfigOf<typeof postsConfigSchema>;

/** The typed, frozen posts configuration with derived defaults applied. */
export type PostsConfig = Readonly<Omit<Parsed, 'JWKS_URL' | 'DATABASE_URL'> & { JWKS_URL: string; DATABASE_URL: string }>;

/** The JWKS URL an issuer publishes by convention. */
export function defaultJwksUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
}

/**
 * Parses the environment (throws a `ConfigError` naming every bad variable) and derives
 * `JWKS_URL` from `ISSUER` and `DATABASE_URL` from `DATA_DIR` when they are unset.
 */
export function loadPostsConfig(env: Readonly<Record<string, string | undefined>>): PostsConfig {
  const parsed = parseConfig(postsConfigSchema, env);
  if (parsed.JWKS_MIN_TTL_SECONDS > parsed.JWKS_MAX_TTL_SECONDS) {
    throw new ConfigError([
      `JWKS_MIN_TTL_SECONDS: must not exceed JWKS_MAX_TTL_SECONDS (${parsed.JWKS_MIN_TTL_SECONDS} > ${parsed.JWKS_MAX_TTL_SECONDS})`,
    ]);
  }
  return Object.freeze({
    ...parsed,
    JWKS_URL: parsed.JWKS_URL ?? defaultJwksUrl(parsed.ISSUER),
    DATABASE_URL: parsed.DATABASE_URL ?? `sqlite:${parsed.DATA_DIR.replace(/\/+$/, '')}/posts.sqlite`,
  });
}
