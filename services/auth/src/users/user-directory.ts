import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';
import { bcryptCost, DEFAULT_SCOPES, parseUsersFile, UsersFileError, type UserRecord } from './users-file.js';

/** A user who has proven their password. */
export interface AuthenticatedUser {
  readonly username: string;
  readonly name: string;
  readonly scopes: readonly string[];
}

/**
 * The users auth knows, from `USERS_FILE`, and the password check. An unknown username is
 * compared against a dummy hash of the highest cost in the file, so it takes as long as a wrong
 * password and the response time does not tell which usernames exist.
 */
export class UserDirectory {
  private constructor(
    private readonly users: ReadonlyMap<string, UserRecord>,
    private readonly dummyHash: string,
  ) {}

  /** Builds a directory; hashes the dummy once (one bcrypt round trip at start-up). */
  static async create(users: readonly UserRecord[]): Promise<UserDirectory> {
    const cost = Math.max(10, ...users.map((u) => bcryptCost(u.hash)));
    const dummy = await bcrypt.hash(randomBytes(18).toString('base64'), cost);
    return new UserDirectory(new Map(users.map((u) => [u.username, u])), dummy);
  }

  /** Reads and validates the users file; throws naming the file and the problem. */
  static async fromFile(path: string): Promise<UserDirectory> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new UsersFileError(`USERS_FILE ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      return await UserDirectory.create(parseUsersFile(text));
    } catch (err) {
      throw new UsersFileError(`USERS_FILE ${path}: ${(err as Error).message}`);
    }
  }

  /** The bcrypt cost of the dummy hash: the highest in the file, so no user is cheaper to probe. */
  get dummyCost(): number {
    return bcryptCost(this.dummyHash);
  }

  get size(): number {
    return this.users.size;
  }

  /** Every scope some user can get (for the discovery document). */
  scopes(): string[] {
    const all = new Set<string>(DEFAULT_SCOPES);
    for (const u of this.users.values()) for (const s of u.scopes ?? []) all.add(s);
    return [...all].sort();
  }

  /** The user when the password matches, otherwise undefined; always one bcrypt comparison. */
  async verify(username: string, password: string): Promise<AuthenticatedUser | undefined> {
    const user = this.users.get(username);
    const matches = await bcrypt.compare(password, user?.hash ?? this.dummyHash);
    if (!user || !matches) return undefined;
    return { username: user.username, name: user.name ?? user.username, scopes: user.scopes ?? [...DEFAULT_SCOPES] };
  }
}
