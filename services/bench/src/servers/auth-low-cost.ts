/**
 * auth's own app (login route, token issuer, key store) with the demo users hashed in memory at
 * `BCRYPT_COST`. The users file refuses costs below 10, rightly; this entry exists only so the
 * bench can lower the cost and show what a login costs besides bcrypt (mostly the RS256 signature).
 * Composed like auth's `startServer`, minus the users file.
 */
import bcrypt from 'bcryptjs';
import { createApp, KeyStore, loadAuthConfig, UserDirectory } from '@app/auth';
import { DEMO_USERS } from '@app/local';
import { createLogger, listen } from '@app/shared';
import { requiredEnv } from './peer-env.js';

const cost = Number(requiredEnv('BCRYPT_COST'));
const config = loadAuthConfig({ ...process.env, USERS_FILE: 'unused: the users are built in memory' });
const logger = createLogger({ service: 'auth-low-cost', level: config.LOG_LEVEL });
const users = await UserDirectory.create(
  await Promise.all(DEMO_USERS.map(async (u) => ({ username: u.username, name: u.name, hash: await bcrypt.hash(u.password, cost) }))),
);
const keyStore = new KeyStore({
  file: config.KEYS_FILE,
  logger,
  reloadIntervalMs: config.KEYS_RELOAD_INTERVAL_MS,
  tokenTtlSeconds: config.ACCESS_TOKEN_TTL,
});
await keyStore.start();
await listen(createApp({ config, logger, keyStore, users }), config.PORT, config.HOST);
