import { randomBytes } from 'node:crypto';
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
