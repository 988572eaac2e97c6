import { fileURLToPath } from 'node:url';
import { postsConfigSchema } from '@app/posts';
import { loginToken, scrapeMetricSum } from '@app/testkit';
import { alternateRounds, type Contender } from '../alternate-rounds.js';
import { checkContender } from '../contender-check.js';
import { isJacksDemoList } from '../demo-lists.js';
import { cpuPerResponse, httpContender } from '../http-contender.js';
import { runLoad, type LoadResult, type LoadSpec } from '../load-run.js';
import { problemsOf, ratioBetween, roundsOf, summarize } from '../summarize.js';
import { checkTarget } from '../targets.js';
import type { SuiteContext, SuiteOutput } from './suite-context.js';

const JWKS_ROUTE = '/.well-known/jwks.json';
/** Rewrites each flood request's token to a random kid, in autocannon's worker thread. */
const FLOOD_REQUEST_MODULE = fileURLToPath(new URL('../../dist/flood-request.cjs', import.meta.url));
/** The flood's own connections: enough to keep its fixed rate, few enough to stay a side stream. */
const FLOOD_CONNECTIONS = 4;

/** JWKS requests auth has answered so far (any status), from its request histogram. */
function jwksServed(authUrl: string): Promise<number> {
  return scrapeMetricSum(authUrl, 'http_request_duration_seconds_count', { route: JWKS_ROUTE });
}

/**
 * posts (SQLite) with valid tokens, alone and alongside a fixed-rate stream of tokens whose
 * `kid` is random (each would send a naive verifier to the JWKS), alternated. Measures the
 * valid-token throughput both ways and counts the JWKS requests auth answered meanwhile.
 */
export async function floodSuite(ctx: SuiteContext): Promise<SuiteOutput> {
  const { stack, options, progress } = ctx;
  const auth = await stack.auth();
  const posts = await stack.postsSqlite();
  const token = await loginToken(auth.url, 'jack', 'jack_password');
  const url = `${posts.url}/api/posts`;
  const body = await checkContender({ name: 'posts-sqlite', url, token, expected: isJacksDemoList, verifiesTokens: true });
  const valid: Omit<LoadSpec, 'durationS'> = {
    url,
    headers: { authorization: `Bearer ${token}` },
    connections: options.connections,
    expectBody: body,
  };
  const floods: LoadResult[] = [];
  const contenders: Contender[] = [
    httpContender('no flood', valid, posts),
    {
      name: 'flood',
      async run(durationS) {
        const before = await posts.cpuSeconds();
        const [ok, flood] = await Promise.all([
          runLoad({ ...valid, durationS }),
          runLoad({
            url,
            connections: FLOOD_CONNECTIONS,
            durationS,
            overallRate: options.floodRate,
            headers: { authorization: `Bearer ${token}` },
            expectStatus: 401,
            setupRequestModule: FLOOD_REQUEST_MODULE,
          }),
        ]);
        const after = await posts.cpuSeconds();
        floods.push(flood);
        // CPU per request over both streams: a flood that made requests dearer would show here.
        const serverCpuUs = cpuPerResponse(before, after, ok.responses + flood.responses);
        return {
          ...ok,
          problems: [...ok.problems, ...flood.problems.map((p) => `random-kid stream: ${p}`)],
          ...(serverCpuUs === undefined ? {} : { serverCpuUs }),
        };
      },
    },
  ];

  const cooldownS = postsConfigSchema.JWKS_COOLDOWN_SECONDS.default ?? 30;
  const before = await jwksServed(auth.url);
  const started = performance.now();
  progress(`flood: valid tokens alone vs with ${options.floodRate} random-kid tokens/s`);
  const results = await alternateRounds(contenders, options, progress);
  const elapsedS = (performance.now() - started) / 1000;
  const fetches = (await jwksServed(auth.url)) - before;
  const floodRequests = floods.reduce((sum, f) => sum + f.responses, 0);
  // One fetch may fall due at the very start, then at most one per cooldown.
  const allowed = Math.ceil(elapsedS / cooldownS);
  progress(`  JWKS requests at auth: ${fetches} in ${elapsedS.toFixed(1)} s with ${floodRequests} random-kid tokens (allowed ${allowed})`);

  const rows = [...results.keys()].map((name) =>
    summarize(name, name === 'flood' ? `valid tokens, with ${options.floodRate} random-kid tokens/s alongside` : 'valid tokens only', roundsOf(results, name)),
  );
  return {
    sections: [
      {
        title: 'posts (SQLite) under a flood of random-kid tokens',
        note:
          `valid-token throughput with and without a ${options.floodRate} req/s stream of tokens with random kids (each answered 401, ` +
          `sent from a worker thread of the load generator), alternated; JWKS cooldown ${cooldownS} s. ` +
          'The CPU column counts both streams.',
        rows,
      },
    ],
    facts: [
      {
        label: 'JWKS requests at auth during the flood phase',
        value: `${fetches} in ${elapsedS.toFixed(1)} s (${floodRequests} random-kid tokens sent, cooldown ${cooldownS} s)`,
      },
    ],
    targets: [
      checkTarget(
        {
          id: 'flood/jwks-fetches',
          description: `JWKS fetches during the flood (<= 1 per ${cooldownS} s cooldown)`,
          unit: 'fetches',
          op: '<=',
          limit: allowed,
        },
        fetches,
        floodRequests === 0 ? ['no random-kid token was answered'] : [],
      ),
      checkTarget(
        {
          id: 'flood/valid-throughput',
          description: 'valid-token req/s under the flood ÷ without it (drop < 10%)',
          unit: 'x',
          op: '>',
          limit: 0.9,
        },
        ratioBetween(results, 'flood', 'no flood', 'rps'),
        problemsOf(results, ['flood', 'no flood']),
        `server CPU per request (both streams) ${Math.round(summarize('', '', roundsOf(results, 'flood')).cpuUs)} µs with the flood, ` +
          `${Math.round(summarize('', '', roundsOf(results, 'no flood')).cpuUs)} µs without`,
      ),
    ],
  };
}
