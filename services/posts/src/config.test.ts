import { ConfigError } from '@app/shared';
import { describe, expect, it } from 'vitest';
import { loadPostsConfig, postsConfigSchema } from './config.js';

describe('loadPostsConfig', () => {
  it('applies the documented defaults and derives JWKS_URL and DATABASE_URL', () => {
    const config = loadPostsConfig({ ISSUER: 'http://localhost:4000/' });
    expect(config).toMatchObject({
      PORT: 4001, AUDIENCE: 'posts', JWKS_URL: 'http://localhost:4000/.well-known/jwks.json', DATA_DIR: './.data',
      DATABASE_URL: 'sqlite:./.data/posts.sqlite', SEED_DEMO_DATA: false, JWKS_TIMEOUT_MS: 5000, JWKS_MIN_TTL_SECONDS: 30,
      JWKS_MAX_TTL_SECONDS: 3600, JWKS_COOLDOWN_SECONDS: 30, JWKS_STALE_MAX_SECONDS: 86_400, TOKEN_CACHE_SIZE: 10_000,
      CLOCK_TOLERANCE_SECONDS: 30, DATABASE_POOL_MAX: 10,
    });
    expect(config.ISSUER).toBe('http://localhost:4000/');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps an explicit JWKS_URL and DATABASE_URL', () => {
    const config = loadPostsConfig({ ISSUER: 'https://auth.example', JWKS_URL: 'http://auth:4000/.well-known/jwks.json', DATABASE_URL: 'postgres://u@db/posts' });
    expect(config.JWKS_URL).toBe('http://auth:4000/.well-known/jwks.json');
    expect(config.DATABASE_URL).toBe('postgres://u@db/posts');
  });

  it('names every bad variable at once, without echoing DATABASE_URL', () => {
    let error: ConfigError | undefined;
    try {
      loadPostsConfig({ PORT: '99999', DATABASE_URL: 'mysql://secret@db', TOKEN_CACHE_SIZE: '-1' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error?.problems.join('\n') ?? '';
    for (const name of ['PORT', 'ISSUER', 'DATABASE_URL', 'TOKEN_CACHE_SIZE']) expect(text).toContain(`${name}:`);
    expect(text).not.toContain('secret');
  });

  it('refuses a minimum TTL above the maximum', () => {
    expect(() => loadPostsConfig({ ISSUER: 'http://a', JWKS_MIN_TTL_SECONDS: '600', JWKS_MAX_TTL_SECONDS: '60' })).toThrow(/JWKS_MIN_TTL_SECONDS/);
  });

  it('documents every variable it reads', () => {
    for (const [name, spec] of Object.entries(postsConfigSchema)) expect(spec.doc.length, name).toBeGreaterThan(5);
    expect(Object.keys(postsConfigSchema)).toEqual(expect.arrayContaining(['HOST', 'LOG_LEVEL', 'SHUTDOWN_DELAY_MS', 'ISSUER', 'JWKS_URL']));
  });
});
