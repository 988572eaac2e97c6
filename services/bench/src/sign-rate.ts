import { KeyStore, TokenIssuer, type AuthenticatedUser } from '@app/auth';
import { createLogger } from '@app/shared';

const USER: AuthenticatedUser = { username: 'jack', name: 'Jack', scopes: ['posts:read', 'posts:write'] };
const WARMUP_SIGNS = 50;

/**
 * Access tokens per second from auth's own `TokenIssuer` (key set loaded by its `KeyStore`,
 * the key imported once), one token at a time, so one core at most is busy: jose hands the RSA
 * signature to a libuv thread while the main thread waits.
 */
export async function tokenSignRate(keysFile: string, seconds: number): Promise<number> {
  const keyStore = new KeyStore({
    file: keysFile,
    logger: createLogger({ service: 'bench', level: 'silent' }),
    reloadIntervalMs: 3_600_000,
    tokenTtlSeconds: 900,
  });
  await keyStore.start();
  try {
    const issuer = new TokenIssuer({ keyStore, issuer: 'http://127.0.0.1', audience: 'posts', clientId: 'posts-web', ttlSeconds: 900 });
    for (let i = 0; i < WARMUP_SIGNS; i++) await issuer.issue(USER);
    let signs = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    while (performance.now() < until) {
      await issuer.issue(USER);
      signs++;
    }
    return signs / ((performance.now() - started) / 1000);
  } finally {
    keyStore.stop();
  }
}
