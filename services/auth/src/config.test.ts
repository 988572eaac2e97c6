import { ConfigError, describeSchema } from '@app/shared';
import { describe, expect, it } from 'vitest';
import { authConfigSchema, loadAuthConfig } from './config.js';

const required = { KEYS_FILE: '/k.json', USERS_FILE: '/u.yaml' };

describe('loadAuthConfig', () => {
  it('applies the contract defaults and derives ISSUER from PORT', () => {
    const config = loadAuthConfig({ ...required, PORT: '4100' });
    expect(config).toMatchObject({
      PORT: 4100,
      ISSUER: 'http://localhost:4100',
      AUDIENCE: 'posts',
      ACCESS_TOKEN_TTL: 900,
      JWKS_MAX_AGE: 300,
      KEYS_RELOAD_INTERVAL_MS: 2000,
      CLOCK_SKEW_SECONDS: 60,
      HOST: '0.0.0.0',
      TRUST_PROXY: 0,
    });
    expect(loadAuthConfig(required).ISSUER).toBe('http://localhost:4000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps an explicit ISSUER as given', () => {
    expect(loadAuthConfig({ ...required, ISSUER: 'https://example.test/auth' }).ISSUER).toBe('https://example.test/auth');
  });

  it('names every bad or missing variable at once', () => {
    let error: unknown;
    try {
      loadAuthConfig({ PORT: 'eighty', ISSUER: 'not a url', ACCESS_TOKEN_TTL: '5' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['ACCESS_TOKEN_TTL', 'ISSUER', 'KEYS_FILE', 'PORT', 'USERS_FILE']);
  });

  it('documents every variable, including the common ones', () => {
    const rows = describeSchema(authConfigSchema);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['HOST', 'LOG_LEVEL', 'SHUTDOWN_DELAY_MS', 'TRUST_PROXY', 'ISSUER', 'KEYS_FILE']));
    for (const row of rows) expect(row.doc.length).toBeGreaterThan(10);
  });
});
