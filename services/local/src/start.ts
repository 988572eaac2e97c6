/**
 * `npm start`: the local run. Prepares DATA_DIR (dev key set, demo users), then starts auth and
 * posts as two processes with embedded defaults. Every variable in the environment passes through
 * to both services, except PORT (use AUTH_PORT / POSTS_PORT).
 */
import { fileURLToPath } from 'node:url';
import { ensureLocalState } from './local-state.js';
import { supervise } from './supervisor.js';
import { waitForReady } from './wait-for-ready.js';

const log = (line: string) => process.stderr.write(`[local] ${line}\n`);
const servicePath = (name: string) => fileURLToPath(new URL(`../../${name}/dist/main.js`, import.meta.url));

async function main(): Promise<number> {
  const env = process.env;
  const host = env.HOST ?? '127.0.0.1';
  const authPort = env.AUTH_PORT ?? '4000';
  const postsPort = env.POSTS_PORT ?? '4001';
  const issuer = env.ISSUER ?? `http://localhost:${authPort}`;
  const state = await ensureLocalState(env.DATA_DIR ?? '.data');
  for (const file of state.created) log(`created ${file}`);

  const base = (port: string) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const { PORT: _ignored, ...passThrough } = env;
  const common = { ...passThrough, HOST: host, ISSUER: issuer, DATA_DIR: state.dataDir };
  const running = supervise(
    [
      {
        name: 'auth',
        entry: servicePath('auth'),
        env: { KEYS_FILE: state.keysFile, USERS_FILE: state.usersFile, ...common, PORT: authPort },
      },
      {
        name: 'posts',
        entry: servicePath('posts'),
        env: { SEED_DEMO_DATA: 'true', JWKS_URL: `${base(authPort)}/.well-known/jwks.json`, ...common, PORT: postsPort },
      },
    ],
    log,
  );
  waitForReady([`${base(authPort)}/readyz`, `${base(postsPort)}/readyz`], 30_000).then(
    () =>
      log(
        [
          `ready: auth ${base(authPort)}  posts ${base(postsPort)}  (data in ${state.dataDir})`,
          `try:   curl -s -X POST ${base(authPort)}/api/login -H 'Content-Type: application/json' -d '{"username":"jack","password":"jack_password"}'`,
        ].join('\n[local] '),
      ),
    (err: unknown) => log(`services did not become ready: ${err instanceof Error ? err.message : String(err)}`),
  );
  return running;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
