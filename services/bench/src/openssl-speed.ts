import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** RSA operations per second on one core, as `openssl speed` reports them. */
export interface RsaSpeed {
  readonly signPerS: number;
  readonly verifyPerS: number;
}

/**
 * Reads the result line of `openssl speed rsa<bits>`:
 * `rsa 2048 bits 0.000275s 0.000018s   3641.0  55482.0` (sign s, verify s, sign/s, verify/s).
 */
export function parseOpensslRsaSpeed(output: string, bits = 2048): RsaSpeed {
  const line = output.split('\n').find((l) => new RegExp(`^rsa\\s+${bits}\\s+bits\\s`).test(l.trim()));
  if (!line) throw new Error(`no "rsa ${bits} bits" line in the openssl speed output`);
  const numbers = line
    .trim()
    .split(/\s+/)
    .slice(3)
    .map((field) => Number(field.replace(/s$/, '')));
  const [, , signPerS, verifyPerS] = numbers;
  if (signPerS === undefined || verifyPerS === undefined || !Number.isFinite(signPerS) || !Number.isFinite(verifyPerS)) {
    throw new Error(`cannot read the rates of: ${line.trim()}`);
  }
  return { signPerS, verifyPerS };
}

/** Runs `openssl speed -seconds <seconds> rsa2048` (one process, one core) and parses it. */
export async function opensslRsaSpeed(seconds: number): Promise<RsaSpeed> {
  const { stdout } = await run('openssl', ['speed', '-seconds', String(seconds), 'rsa2048'], { timeout: (seconds * 2 + 30) * 1000 });
  return parseOpensslRsaSpeed(stdout);
}
