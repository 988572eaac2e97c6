import { scrapeMetric, sleep, waitFor } from '@app/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAuthCli } from './auth-cli.js';
import { reportCase } from './case-report.js';
import { PacedLoad, summarize } from './paced-load.js';
import { loadProfile } from './profile.js';
import { ReliabilityStack, type IssuedToken } from './reliability-stack.js';
import { listPosts } from './requests.js';

const profile = loadProfile();
// Short lifetimes so the whole cycle fits in a run: tokens live 30 s (the schema's minimum), the
// JWKS 1 s, auth re-reads the key file every 200 ms, and nothing is tolerated past `exp`.
const TIMINGS = { ACCESS_TOKEN_TTL: '30', CLOCK_SKEW_SECONDS: '0', JWKS_MAX_AGE: '1' };

async function publishedKids(authUrl: string): Promise<string[]> {
  const res = await fetch(`${authUrl}/.well-known/jwks.json`);
  return ((await res.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

/** The key `keys rotate` added and when it starts signing (epoch ms), from its output. */
function addedKey(stdout: string): { kid: string; activateAt: number } {
  const match = /^added (\S+): published now, signs from (\S+)$/m.exec(stdout);
  if (!match) throw new Error(`keys rotate added no key:\n${stdout}`);
  return { kid: match[1]!, activateAt: Date.parse(match[2]!) };
}

describe('key rotation under load', () => {
  let stack: ReliabilityStack;

  beforeAll(async () => {
    stack = await ReliabilityStack.start({
      auth: { ...TIMINGS, KEYS_RELOAD_INTERVAL_MS: '200' },
      posts: { JWKS_MIN_TTL_SECONDS: '1', CLOCK_TOLERANCE_SECONDS: '0' },
    });
  });
  afterAll(() => stack?.stop());

  it('publishes before signing, then rotates at once, and fails no request with old or new tokens', async () => {
    const posts = stack.postsProcess;
    const pool: (IssuedToken & { tag: string })[] = [];
    const issue = async (tag: string, username: 'jack' | 'robert' | 'lina') => {
      const token = { ...(await stack.token(username)), tag };
      pool.push(token);
      return token;
    };
    const first = await issue('kid 1, issued before the rotation', 'jack');
    // Expiry is the one way a valid token may be refused, so a token leaves the load 1 s before it.
    const load = new PacedLoad({
      ratePerSecond: profile.readRate,
      send: (i) => {
        const live = pool.filter((t) => t.expiresAt - 1_000 > Date.now());
        const token = live[i % live.length]!;
        return listPosts(posts.url, token.token, token.tag);
      },
    }).start();
    await sleep(500);

    // Publish before sign: the new key is in the JWKS, and posts holds it, while auth still signs with the old one.
    const rotated = addedKey(await runAuthCli(['keys', 'rotate', '--file', stack.keysFile, '--activate-in', String(profile.rotateActivateInSeconds)], TIMINGS));
    const second = rotated.kid;
    const publishedAt = await waitFor(`kid ${second} in the JWKS`, 10_000, async () => ((await publishedKids(stack.auth.url)).includes(second) ? Date.now() : undefined));
    const postsHeldAt = await waitFor('posts to hold two keys', 10_000, async () => ((await scrapeMetric(posts.url, 'jwks_keys')) === 2 ? Date.now() : undefined));
    const between = await issue('issued after kid 2 was published', 'robert');
    const secondToken = await waitFor(`tokens signed by ${second}`, (profile.rotateActivateInSeconds + 10) * 1000, async () => {
      const t = await stack.token('lina');
      return t.kid === second ? t : undefined;
    });
    pool.push({ ...secondToken, tag: 'kid 2, after its activation' });
    await sleep(500);

    // At once: the next key signs immediately, possibly before posts has seen it (an unknown kid makes posts refetch).
    const third = addedKey(await runAuthCli(['keys', 'rotate', '--file', stack.keysFile, '--activate-in', '0'], TIMINGS)).kid;
    const thirdToken = await waitFor(`tokens signed by ${third}`, 10_000, async () => {
      const t = await stack.token('jack');
      return t.kid === third ? t : undefined;
    });
    pool.push({ ...thirdToken, tag: 'kid 3, rotated with --activate-in 0' });
    const thirdFirstAnswer = await listPosts(posts.url, thirdToken.token);

    let expiredAnswer: number | undefined;
    if (profile.rotationWaitsForExpiry) {
      // Keep the old tokens in the load until they expire, then check they are refused and the new ones are not.
      await sleep(Math.max(first.expiresAt, between.expiresAt) - Date.now() + 1_000);
      expiredAnswer = (await listPosts(posts.url, first.token)).status;
    } else {
      await sleep(2_000);
    }
    const samples = await load.stop();

    const summary = summarize(samples);
    const byTag = new Map<string, number>();
    for (const s of samples) if (s.status === 200) byTag.set(s.tag!, (byTag.get(s.tag!) ?? 0) + 1);
    const passed = await reportCase(inject('figuresDir'), profile.name, {
      order: 2,
      title: 'Key rotation under load',
      load:
        `GET /api/posts at ${profile.readRate} req/s (achieved ${load.achievedRate.toFixed(0)}); \`keys rotate --activate-in ${profile.rotateActivateInSeconds}\` ` +
        'then `--activate-in 0` on the live key file; tokens live 30 s',
      measured:
        `kid 2 published ${((rotated.activateAt - publishedAt) / 1000).toFixed(1)} s and held by posts ${((rotated.activateAt - postsHeldAt) / 1000).toFixed(1)} s before it signed; ` +
        `${summary.count} requests, ${summary.failures.length} failed; 200s per token: ${[...byTag].map(([tag, n]) => `${tag}: ${n}`).join('; ')}; ` +
        `first request with a kid-3 token: ${thirdFirstAnswer.status}` +
        (expiredAnswer === undefined ? '' : `; a kid-1 token after its expiry: ${expiredAnswer}`),
      target: '0 failed; old and new tokens accepted until the old ones expire',
    });

    expect(summary.failures.slice(0, 5), posts.output()).toEqual([]);
    // Publish before sign: auth published the key, and posts held it, before any token carried it.
    expect(publishedAt).toBeLessThan(rotated.activateAt);
    expect(postsHeldAt).toBeLessThan(rotated.activateAt);
    // Activation times are whole seconds, so `iat` tells exactly which key must have signed.
    expect(between.kid).toBe(between.issuedAt < rotated.activateAt ? first.kid : second);
    expect([secondToken.kid, thirdToken.kid]).toEqual([second, third]);
    expect(new Set([first.kid, second, third]).size).toBe(3);
    expect(thirdFirstAnswer.status).toBe(200);
    for (const token of pool) expect(byTag.get(token.tag) ?? 0, token.tag).toBeGreaterThan(0);
    // The oldest token kept working after both rotations, not only before them.
    const lastOld = samples.filter((s) => s.tag === first.tag && s.status === 200).at(-1)!;
    const thirdSeen = samples.find((s) => s.tag === 'kid 3, rotated with --activate-in 0')!;
    expect(lastOld.startedAt).toBeGreaterThan(thirdSeen.startedAt);
    if (expiredAnswer !== undefined) {
      expect(expiredAnswer).toBe(401);
      expect((await listPosts(posts.url, thirdToken.token)).status).toBe(200);
    }
    await passed();
  });
});
