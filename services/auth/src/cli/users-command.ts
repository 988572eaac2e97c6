import { hashPassword, MIN_BCRYPT_COST, MAX_BCRYPT_COST } from '../users/hash-password.js';
import { UsageError, type CliIo } from './cli-io.js';
import { intFlag, parseFlags } from './parse-flags.js';

export const USERS_USAGE = `usage:
  users hash-password [--cost ${MIN_BCRYPT_COST}-${MAX_BCRYPT_COST}]   reads the password from stdin, prints its bcrypt hash`;

async function hashPasswordCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { cost: { type: 'string' } });
  const cost = intFlag('cost', flags.cost, { min: MIN_BCRYPT_COST, max: MAX_BCRYPT_COST }) ?? MIN_BCRYPT_COST;
  if (io.stdinIsTty) io.stderr('type the password, then Enter and Ctrl-D:\n');
  // One trailing newline is the end of the line, not part of the password (`echo pw | ...`).
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (password.length === 0) {
    io.stderr('error: no password on stdin\n');
    return 1;
  }
  try {
    io.stdout(`${await hashPassword(password, cost)}\n`);
  } catch (err) {
    io.stderr(`error: ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
}

/** `users hash-password`. */
export async function usersCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'hash-password') return hashPasswordCommand(rest, io);
  throw new UsageError(sub === undefined ? 'users needs a subcommand' : `unknown users subcommand "${sub}"`);
}
