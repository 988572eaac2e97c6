import { Counter, Gauge, type Registry } from 'prom-client';
import type { KeyStore } from './keys/key-store.js';

/** Why a login failed: the `reason` label of `auth_login_failures_total`. */
export type LoginFailureReason = 'bad_credentials' | 'rate_limited' | 'invalid_request';

/** auth's own metrics. Labels are closed sets or key ids, never user names. */
export interface AuthMetrics {
  readonly tokensIssued: Counter;
  readonly loginFailures: Counter<'reason'>;
  readonly keyReloads: Counter<'result'>;
}

/**
 * Registers auth's metrics on `registry`. The key gauges are computed at scrape time from the
 * key store, because a key becomes current or stops being published as time passes, not only
 * when the file changes.
 */
export function createAuthMetrics(registry: Registry, keyStore: KeyStore): AuthMetrics {
  const tokensIssued = new Counter({
    name: 'auth_tokens_issued_total',
    help: 'Access tokens issued',
    registers: [registry],
  });
  const loginFailures = new Counter({
    name: 'auth_login_failures_total',
    help: 'Failed login attempts, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  for (const reason of ['bad_credentials', 'rate_limited', 'invalid_request'] satisfies LoginFailureReason[]) {
    loginFailures.inc({ reason }, 0);
  }
  const keyReloads = new Counter({
    name: 'auth_key_reload_total',
    help: 'Reads of a changed key set file, by result (loaded or rejected)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const result of ['loaded', 'rejected']) keyReloads.inc({ result }, 0);

  new Gauge({
    name: 'auth_signing_key_info',
    help: 'The key that signs new tokens (value 1, labelled with its kid)',
    labelNames: ['kid'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const key = keyStore.current?.signingKey(keyStore.clock());
      if (key) this.set({ kid: key.kid }, 1);
    },
  });
  new Gauge({
    name: 'auth_signing_key_age_seconds',
    help: 'Seconds since the signing key was created (alert when rotation stalls)',
    registers: [registry],
    collect() {
      const now = keyStore.clock();
      const key = keyStore.current?.signingKey(now);
      this.set(key ? Math.max(0, (now - key.createdAt) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'auth_keys_published',
    help: 'Keys in the published JWKS (next, current and retiring)',
    registers: [registry],
    collect() {
      this.set(keyStore.current?.published(keyStore.clock()).length ?? 0);
    },
  });
  return { tokensIssued, loginFailures, keyReloads };
}
