import { randomBytes } from 'node:crypto';
import { cpuSeconds } from '@app/testkit';
import type { CpuMeter } from './http-contender.js';
import pg from 'pg';

/** A database created for one bench run, dropped afterwards. */
export interface ThrowAwayDatabase {
  /** A connection URL to the new database. */
  readonly url: string;
  drop(): Promise<void>;
}

async function withClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates `bench_<pid>_<random>` on the server of `adminUrl` (a URL to any database the user
 * may connect to, e.g. postgres://postgres@127.0.0.1:5432/test). Throws when the server is
 * unreachable, so the caller can report PostgreSQL as skipped.
 */
export async function createThrowAwayDatabase(adminUrl: string): Promise<ThrowAwayDatabase> {
  const name = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a service that was killed may leave a connection behind for a moment.
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A meter of the CPU seconds the server processes (backends) of database `url` have used, from
 * /proc: PostgreSQL runs on this machine and shares its cores with everything measured. Reads
 * the backends' pids from pg_stat_activity each time (its own connection left out), so the sum
 * covers the pool connections that live through a run; `close` ends its connection.
 */
export async function databaseCpuMeter(url: string): Promise<{ read: CpuMeter; close: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  // A connection the server ends (a dropped database) only makes later readings fail.
  client.on('error', () => undefined);
  await client.connect();
  return {
    async read() {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const seconds = await Promise.all(rows.map((r) => cpuSeconds(r.pid)));
      const known = seconds.filter((s): s is number => s !== undefined);
      return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
    },
    close: () => client.end().catch(() => undefined),
  };
}
