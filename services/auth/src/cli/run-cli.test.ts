import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeySet } from '../keys/key-set.js';
import { parseKeySetFile } from '../keys/key-set-file.js';
import { tempDir } from '../test-fixtures.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const T0 = Date.parse('2026-12-04T09:00:00Z');

async function cli(argv: string[], options: { stdin?: string; env?: Record<string, string>; now?: number } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => options.stdin ?? '',
    stdinIsTty: false,
    env: options.env ?? {},
    now: () => new Date(options.now ?? T0),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('auth-cli keys', () => {
  it('generate prints a one-key set that signs at once', async () => {
    const { code, stdout } = await cli(['keys', 'generate']);
    expect(code).toBe(0);
    const set = KeySet.fromFile(parseKeySetFile(stdout));
    expect(set.signingKey(T0)?.bits).toBe(2048);
    expect(set.keys[0]!.kid).toMatch(/^[0-9a-f]{16}$/);
  });

  it('generate --file writes mode 0600 and refuses to overwrite without --force', async () => {
    const file = join(dir, 'keys.json');
    expect((await cli(['keys', 'generate', '--bits', '3072', '--file', file])).code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(KeySet.fromFile(parseKeySetFile(await readFile(file, 'utf8'))).keys[0]!.bits).toBe(3072);
    const again = await cli(['keys', 'generate', '--file', file]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/exists; use "keys rotate"/) });
  });

  it('rotate adds a key that signs after JWKS_MAX_AGE plus a margin, and repeating it adds nothing', async () => {
    const file = join(dir, 'keys.json');
    await cli(['keys', 'generate', '--file', file]);
    const env = { JWKS_MAX_AGE: '300', CLOCK_SKEW_SECONDS: '60', ACCESS_TOKEN_TTL: '900' };
    const first = await cli(['keys', 'rotate', '--file', file], { env, now: T0 + 3600_000 });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/added [0-9a-f]{16}: published now, signs from 2026-12-04T10:08:00Z/);
    expect(first.stdout).toMatch(/retiring [0-9a-f]{16}: published until 2026-12-04T10:24:00Z/);
    const second = await cli(['keys', 'rotate', '--file', file], { env, now: T0 + 3660_000 });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/already pending[\s\S]*unchanged/) });
    expect(parseKeySetFile(await readFile(file, 'utf8')).keys).toHaveLength(2);
  });

  it('rotate reads KEYS_FILE when --file is absent and honours --activate-in 0', async () => {
    const file = join(dir, 'keys.json');
    await cli(['keys', 'generate', '--file', file]);
    const { code } = await cli(['keys', 'rotate', '--activate-in', '0'], { env: { KEYS_FILE: file }, now: T0 + 60_000 });
    expect(code).toBe(0);
    const set = KeySet.fromFile(parseKeySetFile(await readFile(file, 'utf8')), { tokenTtlSeconds: 900 });
    expect(set.keys.map((k) => set.stateOf(k, T0 + 60_000))).toEqual(['current', 'retiring']);
  });

  it('resolves a relative --file from INIT_CWD, where npm was invoked', async () => {
    expect((await cli(['keys', 'generate', '--file', 'k.json'], { env: { INIT_CWD: dir } })).code).toBe(0);
    expect(parseKeySetFile(await readFile(join(dir, 'k.json'), 'utf8')).keys).toHaveLength(1);
  });

  it('list shows kid, state and times but no private material unless asked', async () => {
    const file = join(dir, 'keys.json');
    await cli(['keys', 'generate', '--file', file]);
    const plain = await cli(['keys', 'list', '--file', file]);
    expect(plain.stdout).toMatch(/^KID\s+STATE\s+BITS\s+CREATED\s+ACTIVATE\s+RETIRE\n[0-9a-f]{16}\s+current\s+2048\s+2026-12-04T09:00:00Z/);
    expect(plain.stdout).not.toContain('PRIVATE');
    const json = JSON.parse((await cli(['keys', 'list', '--file', file, '--json'])).stdout) as object[];
    expect(json[0]).toMatchObject({ state: 'current', retireAt: null });
    expect(JSON.stringify(json)).not.toContain('PRIVATE');
    expect((await cli(['keys', 'list', '--file', file, '--show-private'])).stdout).toContain('BEGIN PRIVATE KEY');
  });

  it('fails with exit 1 and a clear message for a broken file', async () => {
    const file = join(dir, 'keys.json');
    await writeFile(file, '{"keys": []}');
    expect(await cli(['keys', 'list', '--file', file])).toMatchObject({ code: 1, stderr: 'error: the key set has no keys\n' });
    expect(await cli(['keys', 'rotate', '--file', join(dir, 'missing.json')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/ENOENT/) });
  });

  it.each([
    [['keys']],
    [['keys', 'explode']],
    [['keys', 'generate', '--bits', '1024']],
    [['keys', 'generate', '--nope']],
    [['keys', 'rotate']],
    [['keys', 'rotate', '--file', 'x', '--activate-in', 'soon']],
    [['frobnicate']],
    [[]],
  ])('exits 2 with usage for %j', async (argv) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  });
});

describe('auth-cli users hash-password', () => {
  it('hashes the password from stdin without its trailing newline', async () => {
    const { code, stdout } = await cli(['users', 'hash-password'], { stdin: 'jack_password\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\$2b\$10\$.{53}\n$/);
    expect(await bcrypt.compare('jack_password', stdout.trim())).toBe(true);
  });

  it('takes --cost and refuses a cost under 10', async () => {
    expect((await cli(['users', 'hash-password', '--cost', '11'], { stdin: 'pw' })).stdout).toMatch(/^\$2b\$11\$/);
    expect((await cli(['users', 'hash-password', '--cost', '9'], { stdin: 'pw' })).code).toBe(2);
  });

  it('fails with exit 1 on an empty stdin', async () => {
    expect(await cli(['users', 'hash-password'], { stdin: '' })).toMatchObject({ code: 1, stderr: 'error: no password on stdin\n' });
  });
});
