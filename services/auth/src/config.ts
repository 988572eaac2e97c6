import { commonSchema, int, parseConfig, port, str, url, type ConfigOf } from '@app/shared';

/**
 * Every environment variable auth reads. The chart tests import this schema to check the env
 * names a Deployment sets, so a variable exists here or nowhere.
 */
export const authConfigSchema = {
  ...commonSchema,
  PORT: port({ doc: 'TCP port to listen on (0 picks a free one)', default: 4000 }),
  ISSUER: url({
    doc: 'Public URL of this service: the `iss` of every token and the base of the discovery document (default http://localhost:<PORT>)',
  }),
  AUDIENCE: str({ doc: 'The `aud` claim of every access token', default: 'posts', maxLength: 256 }),
  CLIENT_ID: str({
    doc: 'The `client_id` claim: the one first-party client the login endpoint serves',
    default: 'posts-web',
    maxLength: 256,
  }),
  ACCESS_TOKEN_TTL: int({ doc: 'Lifetime of an access token in seconds', default: 900, min: 30, max: 86_400 }),
  KEYS_FILE: str({ doc: 'Path of the key set file (JSON; reloaded when it changes)', required: true }),
  USERS_FILE: str({ doc: 'Path of the users file (YAML or JSON, bcrypt hashes; read at start-up)', required: true }),
  JWKS_MAX_AGE: int({
    doc: 'Cache-Control max-age of the JWKS and discovery document, in seconds',
    default: 300,
    min: 0,
    max: 86_400,
  }),
  KEYS_RELOAD_INTERVAL_MS: int({
    doc: 'How often the key set file is checked for changes, in milliseconds',
    default: 2000,
    min: 100,
    max: 3_600_000,
  }),
  CLOCK_SKEW_SECONDS: int({
    doc: 'Clock skew allowed between replicas and verifiers; added to how long a retired key stays published',
    default: 60,
    min: 0,
    max: 3600,
  }),
  LOGIN_MAX_FAILURES: int({
    doc: 'Failed logins per username within the window before further attempts get 429 (0 disables)',
    default: 5,
    min: 0,
    max: 1_000_000,
  }),
  LOGIN_FAILURE_WINDOW_SECONDS: int({
    doc: 'Window of the failed-login limits, in seconds; a blocked caller waits until it ends',
    default: 300,
    min: 1,
    max: 86_400,
  }),
  LOGIN_IP_MAX_FAILURES: int({
    doc: 'Failed logins per client IP within the window before further attempts get 429 (0 disables)',
    default: 30,
    min: 0,
    max: 1_000_000,
  }),
} as const;

/** The typed, frozen auth configuration. */
export type AuthConfig = ConfigOf<typeof authConfigSchema> & { readonly ISSUER: string };

/** Parses `env` into the auth configuration; ISSUER defaults to http://localhost:<PORT>. */
export function loadAuthConfig(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const parsed = parseConfig(authConfigSchema, env);
  return Object.freeze({ ...parsed, ISSUER: parsed.ISSUER ?? `http://localhost:${parsed.PORT}` });
}
