import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@app/shared';
import { DEMO_USERS, ensureLocalState } from '@app/local';
import { loginToken, postLogin, serviceEntry, ServiceProcess } from '@app/testkit';

/** Environment overrides of a stack, per service. */
export interface StackOptions {
  readonly auth?: Readonly<Record<string, string>>;
  /** Omit posts entirely with `false` (the login cases need auth only). */
  readonly posts?: Readonly<Record<string, string>> | false;
}

/** What a successful login returns (RFC 9068 access token and its kid). */
export interface IssuedToken {
  readonly token: string;
  readonly kid: string;
  /** `iat` and `exp` in epoch milliseconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** The kid, `iat` and `exp` of a JWT, read without verifying it (the services verify). */
function peekToken(token: string): Omit<IssuedToken, 'token'> {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  return { kid: String(header?.kid), issuedAt: Number(payload?.iat) * 1000, expiresAt: Number(payload?.exp) * 1000 };
}

/**
 * `name` listening on 127.0.0.1:`port` with exactly `env` (logging warnings and worse unless it
 * says otherwise), ready once `/readyz` answers 200.
 */
function startService(name: 'auth' | 'posts', port: number, env: Readonly<Record<string, string>>): Promise<ServiceProcess> {
  return ServiceProcess.start({ name, entry: serviceEntry(name), port, env: { LOG_LEVEL: 'warn', ...env, HOST: '127.0.0.1' }, readyTimeoutMs: 20_000 });
}

/**
 * auth and posts as two real processes on loopback, wired as in production (posts fetches
 * auth's JWKS over HTTP; the issuer is auth's real address), with the local key set, the demo
 * users and the SQLite file in a fresh temp directory. auth listens on a fixed port so it can
 * be killed and started again at the same address.
 */
export class ReliabilityStack {
  private constructor(
    readonly dataDir: string,
    readonly keysFile: string,
    private readonly authPort: number,
    private readonly authEnv: Readonly<Record<string, string>>,
    public auth: ServiceProcess,
    readonly posts: ServiceProcess | undefined,
  ) {}

  static async start(options: StackOptions = {}): Promise<ReliabilityStack> {
    const dataDir = await mkdtemp(join(tmpdir(), 'reliability-'));
    try {
      const state = await ensureLocalState(dataDir);
      const authPort = await freePort();
      const issuer = `http://127.0.0.1:${authPort}`;
      const authEnv = { ISSUER: issuer, KEYS_FILE: state.keysFile, USERS_FILE: state.usersFile, ...options.auth };
      const auth = await startService('auth', authPort, authEnv);
      let posts: ServiceProcess | undefined;
      if (options.posts !== false) {
        posts = await startService('posts', await freePort(), {
          ISSUER: issuer,
          JWKS_URL: `${issuer}/.well-known/jwks.json`,
          DATA_DIR: dataDir,
          DATABASE_URL: `sqlite:${join(dataDir, 'posts.sqlite')}`,
          SEED_DEMO_DATA: 'true',
          ...options.posts,
        }).catch(async (err: unknown) => {
          await auth.stop();
          throw err;
        });
      }
      return new ReliabilityStack(dataDir, state.keysFile, authPort, authEnv, auth, posts);
    } catch (err) {
      await rm(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  /** posts, for cases that started it. */
  get postsProcess(): ServiceProcess {
    if (!this.posts) throw new Error('this stack runs without posts');
    return this.posts;
  }

  /** Starts auth again on its port with the same environment (after a kill). */
  async restartAuth(): Promise<void> {
    this.auth = await startService('auth', this.authPort, this.authEnv);
  }

  /** POST /api/login; `headers` adds e.g. X-Forwarded-For. */
  login(username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    return postLogin(this.auth.url, username, password, headers);
  }

  /** Logs a demo user in and returns the token with its kid and expiry. */
  async token(username: (typeof DEMO_USERS)[number]['username']): Promise<IssuedToken> {
    const user = DEMO_USERS.find((u) => u.username === username)!;
    const token = await loginToken(this.auth.url, user.username, user.password);
    return { token, ...peekToken(token) };
  }

  /** Stops both processes (SIGTERM, then SIGKILL) and removes the temp directory. */
  async stop(): Promise<void> {
    await Promise.all([this.posts?.stop(), this.auth.stop()]);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
