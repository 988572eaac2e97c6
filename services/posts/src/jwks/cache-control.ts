/**
 * The freshness lifetime of a JWKS response, from `Cache-Control`, clamped to operator
 * bounds: the issuer decides within limits, so a typo like `max-age=0` cannot turn every
 * request into a fetch, and `max-age=31536000` cannot pin a retired key for a year.
 */

const DIRECTIVE = /(?:^|,)\s*([a-z-]+)\s*(?:=\s*(?:"([^"]*)"|([^,\s]*)))?/gi;

/** The `max-age` in seconds; 0 for `no-cache`/`no-store`; undefined when the header says nothing. */
export function maxAgeSeconds(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  let maxAge: number | undefined;
  for (const match of header.matchAll(DIRECTIVE)) {
    const name = (match[1] ?? '').toLowerCase();
    const value = match[2] ?? match[3] ?? '';
    if (name === 'no-store' || name === 'no-cache') return 0;
    if (name === 'max-age' && /^\d{1,10}$/.test(value)) maxAge = Number(value);
  }
  return maxAge;
}

/** Seconds to treat a response as fresh: its max-age within [min, max], min when absent. */
export function ttlSeconds(header: string | null | undefined, min: number, max: number): number {
  const maxAge = maxAgeSeconds(header) ?? min;
  return Math.min(max, Math.max(min, maxAge));
}
