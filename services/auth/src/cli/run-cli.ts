import { ConfigError } from '@app/shared';
import { KeySetFileError } from '../keys/key-set-file.js';
import { UsageError, type CliIo } from './cli-io.js';
import { KEYS_USAGE, keysCommand } from './keys-command.js';
import { USERS_USAGE, usersCommand } from './users-command.js';

export const USAGE = `auth-cli: manage auth's key set and users\n${KEYS_USAGE}\n${USERS_USAGE}\n`;

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code:
 * 0 done, 1 the operation failed, 2 the command line was wrong.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [group, ...rest] = argv;
  try {
    if (group === 'keys') return await keysCommand(rest, io);
    if (group === 'users') return await usersCommand(rest, io);
    if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
      (group === undefined ? io.stderr : io.stdout)(USAGE);
      return group === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${group}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n${USAGE}`);
      return 2;
    }
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      err instanceof KeySetFileError || err instanceof ConfigError || err instanceof RangeError
        ? err.message
        : code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR'
          ? `${code}: ${(err as NodeJS.ErrnoException).path ?? ''} cannot be read or written`
          : `${(err as Error).message ?? String(err)}`;
    io.stderr(`error: ${message}\n`);
    return 1;
  }
}
