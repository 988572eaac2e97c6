import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseConfig } from '@app/shared';
import { authConfigSchema } from '../config.js';
import { generateKeyEntry, generateKeySet, isoSeconds, KEY_BITS } from '../keys/generate-key-set.js';
import { formatKeySetFile } from '../keys/key-set-file.js';
import { KeySet } from '../keys/key-set.js';
import { rotateKeySet } from '../keys/rotate-key-set.js';
import { readKeySetFile, writeKeySetFile } from '../keys/write-key-set-file.js';
import { UsageError, type CliIo } from './cli-io.js';
import { intFlag, parseFlags } from './parse-flags.js';

/** Beyond JWKS_MAX_AGE: time for a Secret update to reach every pod (kubelet sync) and be polled. */
export const ACTIVATION_MARGIN_SECONDS = 120;

export const KEYS_USAGE = `usage:
  keys generate [--bits 2048|3072|4096] [--file F] [--force]
  keys rotate   [--file F] [--activate-in SECONDS] [--min-age SECONDS] [--bits N]
  keys list     [--file F] [--json] [--show-private]
--file defaults to $KEYS_FILE. rotate and list read ACCESS_TOKEN_TTL, CLOCK_SKEW_SECONDS and JWKS_MAX_AGE.`;

/** The token and cache timings rotation depends on, from the same variables the service reads. */
function timings(env: CliIo['env']) {
  const { ACCESS_TOKEN_TTL, CLOCK_SKEW_SECONDS, JWKS_MAX_AGE } = authConfigSchema;
  return parseConfig({ ACCESS_TOKEN_TTL, CLOCK_SKEW_SECONDS, JWKS_MAX_AGE }, env);
}

function bitsFlag(value: string | undefined): number | undefined {
  const bits = intFlag('bits', value);
  if (bits !== undefined && !(KEY_BITS as readonly number[]).includes(bits)) throw new UsageError(`--bits must be one of ${KEY_BITS.join(', ')}`);
  return bits;
}

/**
 * Resolves a file argument. Under `npm run -w services/auth` the working directory is the
 * workspace, so relative paths are taken from where npm was invoked (`INIT_CWD`), as typed.
 */
function resolveFile(file: string, io: CliIo): string {
  return resolve(io.env.INIT_CWD ?? '.', file);
}

function fileFlag(value: string | undefined, io: CliIo): string {
  const file = value ?? io.env.KEYS_FILE;
  if (!file) throw new UsageError('--file is required (or set KEYS_FILE)');
  return resolveFile(file, io);
}

async function generate(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { bits: { type: 'string' }, file: { type: 'string' }, force: { type: 'boolean' } });
  const bits = bitsFlag(flags.bits);
  const set = await generateKeySet({ ...(bits ? { bits } : {}), now: io.now() });
  if (flags.file === undefined) {
    io.stdout(formatKeySetFile(set));
    return 0;
  }
  const file = resolveFile(flags.file, io);
  const exists = await access(file).then(() => true, () => false);
  if (exists && !flags.force) {
    io.stderr(`error: ${file} exists; use "keys rotate" to add a key, or --force to replace every key\n`);
    return 1;
  }
  await writeKeySetFile(file, set);
  io.stdout(`wrote ${file}: key ${set.keys[0]!.kid} (signs from ${set.keys[0]!.activateAt})\n`);
  return 0;
}

async function rotate(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, {
    file: { type: 'string' },
    'activate-in': { type: 'string' },
    'min-age': { type: 'string' },
    bits: { type: 'string' },
  });
  const file = fileFlag(flags.file, io);
  const t = timings(io.env);
  const bits = bitsFlag(flags.bits);
  const activateInSeconds = intFlag('activate-in', flags['activate-in']) ?? t.JWKS_MAX_AGE + t.CLOCK_SKEW_SECONDS + ACTIVATION_MARGIN_SECONDS;
  const minAgeSeconds = intFlag('min-age', flags['min-age']);
  const report = await rotateKeySet(await readKeySetFile(file), {
    now: io.now(),
    activateInSeconds,
    tokenTtlSeconds: t.ACCESS_TOKEN_TTL,
    clockSkewSeconds: t.CLOCK_SKEW_SECONDS,
    ...(minAgeSeconds !== undefined ? { minAgeSeconds } : {}),
    newKey: (activateAt) => generateKeyEntry({ ...(bits ? { bits } : {}), now: io.now(), activateAt }),
  });
  for (const kid of report.pruned) io.stdout(`pruned ${kid} (past its retireAt)\n`);
  for (const r of report.retired) io.stdout(`retiring ${r.kid}: published until ${r.retireAt}\n`);
  if (report.added) io.stdout(`added ${report.added.kid}: published now, signs from ${report.added.activateAt}\n`);
  if (report.skipped) io.stdout(`no new key: ${report.skipped}\n`);
  if (report.changed) await writeKeySetFile(file, report.set);
  else io.stdout(`${file} unchanged\n`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { file: { type: 'string' }, json: { type: 'boolean' }, 'show-private': { type: 'boolean' } });
  const file = fileFlag(flags.file, io);
  const doc = await readKeySetFile(file);
  const set = KeySet.fromFile(doc, { tokenTtlSeconds: timings(io.env).ACCESS_TOKEN_TTL });
  const now = io.now().getTime();
  const rows = set.keys.map((k) => ({
    kid: k.kid,
    state: set.stateOf(k, now),
    bits: k.bits,
    createdAt: isoSeconds(k.createdAt),
    activateAt: isoSeconds(k.activateAt),
    retireAt: k.retireAt === undefined ? null : isoSeconds(k.retireAt),
    ...(flags['show-private'] ? { privateKey: doc.keys.find((e) => e.kid === k.kid)!.privateKey } : {}),
  }));
  if (flags.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const header = ['KID', 'STATE', 'BITS', 'CREATED', 'ACTIVATE', 'RETIRE'];
  const table = [header, ...rows.map((r) => [r.kid, r.state, String(r.bits), r.createdAt, r.activateAt, r.retireAt ?? '-'])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.stdout(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  if (flags['show-private']) for (const r of rows) io.stdout(`\n# ${r.kid}\n${r.privateKey}`);
  return 0;
}

/** `keys <generate|rotate|list>`. */
export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'generate':
      return generate(rest, io);
    case 'rotate':
      return rotate(rest, io);
    case 'list':
      return list(rest, io);
    default:
      throw new UsageError(sub === undefined ? 'keys needs a subcommand' : `unknown keys subcommand "${sub}"`);
  }
}
