/**
 * Starts the real auth and posts servers in this process on port 0 over loopback, wired as in
 * production (posts fetches auth's JWKS over HTTP), with state in a fresh temp directory.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@app/shared';
import { loadAuthConfig, startServer as startAuth } from '@app/auth';
import { loadPostsConfig, startServer as startPosts } from '@app/posts';
import { ensureLocalState } from '@app/local';

export interface TestStack {
  authUrl: string;
  postsUrl: string;
  dataDir: string;
  keysFile: string;
  /** The first private key of the key set, PEM, for forging tokens in tests. */
  privateKeyPem: string;
  kid: string;
  login(username: string, password: string): Promise<Response>;
  token(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Adds or overrides variables for both services. */
  env?: Record<string, string>;
  /** A fixed port for auth, when the issuer must be its real address. */
  authPort?: number;
}

/** Starts both services with their state in a new temp directory. */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const env = options.env ?? {};
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-'));
  const state = await ensureLocalState(dataDir);
  const logger = createLogger({ service: 'e2e', level: 'silent' });
  const common = { HOST: '127.0.0.1', LOG_LEVEL: 'silent', PORT: '0', ...env };
  // The issuer must be known before auth listens, so auth gets a fixed public name here; posts
  // fetches keys from the real listening address, as it does over a Service name in a cluster.
  const issuer = env.ISSUER ?? 'http://auth.test';
  const auth = await startAuth(
    loadAuthConfig({ ...common, PORT: String(options.authPort ?? 0), ISSUER: issuer, KEYS_FILE: state.keysFile, USERS_FILE: state.usersFile }),
    { logger },
  );
  const posts = await startPosts(
    loadPostsConfig({
      ...common,
      ISSUER: issuer,
      JWKS_URL: `${auth.url}/.well-known/jwks.json`,
      DATABASE_URL: `sqlite:${join(dataDir, 'posts.sqlite')}`,
      SEED_DEMO_DATA: 'true',
    }),
    { logger },
  );
  const keySet = JSON.parse(await readFile(state.keysFile, 'utf8')) as { keys: { kid: string; privateKey: string }[] };
  const first = keySet.keys[0]!;
  const login = (username: string, password: string) =>
    fetch(`${auth.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  return {
    authUrl: auth.url,
    postsUrl: posts.url,
    dataDir,
    keysFile: state.keysFile,
    privateKeyPem: first.privateKey,
    kid: first.kid,
    login,
    async token(username, password) {
      const res = await login(username, password);
      if (res.status !== 200) throw new Error(`login as ${username} failed with ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    async stop() {
      await posts.stop();
      await auth.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
