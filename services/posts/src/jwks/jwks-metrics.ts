import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The JWKS cache's metrics; gauges that depend on the clock are read at scrape time. */
export interface JwksMetrics {
  readonly fetchTotal: Counter<'result'>;
  readonly fetchDuration: Histogram;
  readonly keys: Gauge;
  readonly age: Gauge;
  readonly stale: Gauge;
}

/** Current state the age/stale gauges report when scraped. */
export interface JwksGaugeSource {
  ageSeconds(): number;
  isStale(): boolean;
}

/** Registers the JWKS metrics on `registry`; `source` feeds the scrape-time gauges. */
export function createJwksMetrics(registry: Registry, source: () => JwksGaugeSource | undefined): JwksMetrics {
  const fetchTotal = new Counter({
    name: 'jwks_fetch_total',
    help: 'JWK Set fetches by result (ok, not_modified, error)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const result of ['ok', 'not_modified', 'error']) fetchTotal.inc({ result }, 0);
  const fetchDuration = new Histogram({
    name: 'jwks_fetch_duration_seconds',
    help: 'Duration of JWK Set fetches in seconds',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const keys = new Gauge({ name: 'jwks_keys', help: 'Verification keys in the cached JWK Set', registers: [registry] });
  const age = new Gauge({
    name: 'jwks_age_seconds',
    help: 'Seconds since the cached JWK Set was last confirmed by the issuer (0 before the first fetch)',
    registers: [registry],
    collect() {
      this.set(source()?.ageSeconds() ?? 0);
    },
  });
  const stale = new Gauge({
    name: 'jwks_stale',
    help: '1 while verifying with an expired JWK Set because refreshes fail (stale-if-error), else 0',
    registers: [registry],
    collect() {
      this.set(source()?.isStale() ? 1 : 0);
    },
  });
  return { fetchTotal, fetchDuration, keys, age, stale };
}
