import { describe, expect, it } from 'vitest';
import { parseOpensslRsaSpeed } from './openssl-speed.js';

// The tail of `openssl speed -seconds 1 rsa2048` from OpenSSL 3.0.19 on this machine.
const OUTPUT = `version: 3.0.19
built on: Tue Jan 27 00:00:00 2026 UTC
options: bn(64,64)
CPUINFO: OPENSSL_ia32cap=0xfffa3203078bffff:0x405fc6f1bf07ab
                  sign    verify    sign/s verify/s
rsa 2048 bits 0.000275s 0.000018s   3641.0  55482.0
`;

describe('parseOpensslRsaSpeed', () => {
  it('reads sign/s and verify/s of the 2048-bit line', () => {
    expect(parseOpensslRsaSpeed(OUTPUT)).toEqual({ signPerS: 3641, verifyPerS: 55482 });
  });

  it('refuses output without the line it needs', () => {
    expect(() => parseOpensslRsaSpeed(OUTPUT, 4096)).toThrow(/no "rsa 4096 bits" line/);
    expect(() => parseOpensslRsaSpeed('rsa 2048 bits 0.1s 0.1s fast slow')).toThrow(/cannot read the rates/);
  });
});
