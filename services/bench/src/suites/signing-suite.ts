import { median, pairedRatio } from '@app/testkit';
import { opensslRsaSpeed } from '../openssl-speed.js';
import { tokenSignRate } from '../sign-rate.js';
import { checkTarget } from '../targets.js';
import type { SuiteContext, SuiteOutput } from './suite-context.js';

/** Rounds of the signing comparison: each costs 3 x --sign-seconds, and the figures are steady. */
const MAX_ROUNDS = 3;

/**
 * Token signing in isolation: auth's `TokenIssuer` in this process, one token at a time, against
 * `openssl speed rsa2048` sign/s on one core, alternated.
 */
export async function signingSuite(ctx: SuiteContext): Promise<SuiteOutput> {
  const { stack, options, progress } = ctx;
  const rounds = Math.min(options.rounds, MAX_ROUNDS);
  const issuer: number[] = [];
  const openssl: number[] = [];
  const verify: number[] = [];
  progress(`signing: auth's TokenIssuer vs openssl speed rsa2048, ${rounds} rounds of ${options.signSeconds} s`);
  for (let round = 0; round < rounds; round++) {
    const speed = await opensslRsaSpeed(options.signSeconds);
    openssl.push(speed.signPerS);
    verify.push(speed.verifyPerS);
    issuer.push(await tokenSignRate(stack.state.keysFile, options.signSeconds));
    progress(`  round ${round + 1}/${rounds}: openssl ${Math.round(speed.signPerS)} signs/s, TokenIssuer ${Math.round(issuer.at(-1)!)} tokens/s`);
  }
  const issuerRate = median(issuer);
  ctx.figures.set('tokensPerS', issuerRate);
  return {
    sections: [],
    facts: [
      { label: 'openssl speed rsa2048 (one core)', value: `${Math.round(median(openssl))} signs/s, ${Math.round(median(verify))} verifies/s` },
      { label: "auth's TokenIssuer (RS256 access tokens, one at a time)", value: `${Math.round(issuerRate)} tokens/s` },
    ],
    targets: [
      checkTarget(
        { id: 'signing/openssl', description: 'token signing ÷ openssl speed rsa2048 sign/s', unit: 'x', op: '>=', limit: 0.8 },
        pairedRatio(issuer, openssl),
      ),
    ],
  };
}
