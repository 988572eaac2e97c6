import { parse, stringify } from 'yaml';

/** One user of the users file (like Dex's `staticPasswords`). */
export interface UserRecord {
  username: string;
  /** bcrypt hash, `$2a$`/`$2b$`/`$2y$`, cost >= 10. */
  hash: string;
  name?: string;
  scopes?: string[];
}

/** Thrown for a users file that cannot be used; the message names the entry and field. */
export class UsersFileError extends Error {
  override readonly name = 'UsersFileError';
}

/** Scopes a user gets when the file lists none. */
export const DEFAULT_SCOPES = ['posts:read', 'posts:write'] as const;

export const USERNAME_MAX_LENGTH = 128;
const BCRYPT = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/; // RFC 6749 scope-token
const CONTROL = /[\x00-\x1f\x7f]/;

/** The cost factor of a bcrypt hash. */
export function bcryptCost(hash: string): number {
  const m = BCRYPT.exec(hash);
  if (!m) throw new UsersFileError('not a bcrypt hash');
  return Number(m[1]);
}

function user(raw: unknown, index: number): UserRecord {
  const where = `users[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsersFileError(`${where} must be a mapping`);
  const r = raw as Record<string, unknown>;
  if (typeof r.username !== 'string' || r.username.length === 0 || r.username.length > USERNAME_MAX_LENGTH || CONTROL.test(r.username)) {
    throw new UsersFileError(`${where}.username must be a string of 1-${USERNAME_MAX_LENGTH} printable characters`);
  }
  const who = `${where} (${r.username})`;
  if (typeof r.hash !== 'string' || !BCRYPT.test(r.hash)) throw new UsersFileError(`${who}.hash must be a bcrypt hash ($2a$, $2b$ or $2y$)`);
  if (bcryptCost(r.hash) < 10) throw new UsersFileError(`${who}.hash must have a bcrypt cost of at least 10`);
  if (r.name !== undefined && (typeof r.name !== 'string' || r.name.length > 256)) {
    throw new UsersFileError(`${who}.name must be a string of at most 256 characters`);
  }
  if (r.scopes !== undefined && (!Array.isArray(r.scopes) || !r.scopes.every((s) => typeof s === 'string' && SCOPE.test(s)))) {
    throw new UsersFileError(`${who}.scopes must be a list of scope tokens`);
  }
  return {
    username: r.username,
    hash: r.hash,
    ...(r.name !== undefined ? { name: r.name as string } : {}),
    ...(r.scopes !== undefined ? { scopes: [...new Set(r.scopes as string[])] } : {}),
  };
}

/** Parses a users file (YAML, which includes JSON); throws `UsersFileError` naming the problem. */
export function parseUsersFile(text: string): UserRecord[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UsersFileError(`the users file is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { users?: unknown }).users)) {
    throw new UsersFileError('the users file must be a mapping with a "users" list');
  }
  const users = (doc as { users: unknown[] }).users.map(user);
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.username)) throw new UsersFileError(`username "${u.username}" appears more than once`);
    seen.add(u.username);
  }
  return users;
}

/** Renders users as a users file (YAML) that `parseUsersFile` reads back. */
export function formatUsersFile(users: { username: string; hash: string; name?: string; scopes?: string[] }[]): string {
  const clean = users.map((u) => ({
    username: u.username,
    hash: u.hash,
    ...(u.name !== undefined ? { name: u.name } : {}),
    ...(u.scopes !== undefined ? { scopes: u.scopes } : {}),
  }));
  parseUsersFile(JSON.stringify({ users: clean }));
  return stringify({ users: clean });
}
