import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@app/shared';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The bin directory of the newest PostgreSQL installed the Debian way, or undefined. */
export async function findPostgresBin(): Promise<string | undefined> {
  const versions = await readdir(PG_ROOT).catch(() => [] as string[]);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of newest) {
    const bin = join(PG_ROOT, version, 'bin');
    const files = await readdir(bin).catch(() => [] as string[]);
    if (files.includes('initdb') && files.includes('pg_ctl')) return bin;
  }
  return undefined;
}

/**
 * A PostgreSQL cluster of its own in a temp directory, on a free loopback port, that a test
 * may stop and start without touching anybody else's server. PostgreSQL refuses to run as
 * root, so as root the binaries run as the `postgres` user, which then owns the directory.
 */
export class ThrowawayPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** `initdb` (trust auth, user postgres) and start; the database `postgres` is ready to use. */
  static async create(bin: string): Promise<ThrowawayPostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'reliability-pg-'));
    const pg = new ThrowawayPostgres(bin, dir, await freePort());
    try {
      if (userInfo().uid === 0) {
        const { stdout } = await run('id', ['-u', 'postgres']);
        await chown(dir, Number(stdout.trim()), -1);
      }
      await pg.ctl('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
      await pg.start();
      return pg;
    } catch (err) {
      await pg.destroy();
      throw err;
    }
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A connection URL for the `postgres` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async ctl(tool: string, args: string[]): Promise<string> {
    const path = join(this.bin, tool);
    const [file, argv] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    try {
      return (await run(file, argv, { timeout: 60_000 })).stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.message}`);
    }
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.ctl('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  }

  /**
   * Stops the server. `immediate` is a crash as far as clients and the data are concerned:
   * connections drop at once and the next start replays the WAL.
   */
  async stop(mode: 'fast' | 'immediate' = 'immediate'): Promise<void> {
    await this.ctl('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  /** Stops the server if it runs and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
