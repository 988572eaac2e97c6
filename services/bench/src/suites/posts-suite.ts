import { DEMO_USERS } from '@app/local';
import { loginToken, serviceEntry, type ServiceProcess } from '@app/testkit';
import { alternateRounds, type Contender, type RoundResults } from '../alternate-rounds.js';
import { getWithToken } from '../api-client.js';
import { articlePostsOf, articleToken } from '../article-token.js';
import { benchServerEntry } from '../bench-stack.js';
import { checkContender } from '../contender-check.js';
import type { Fact } from '../report/bench-report.js';
import { httpContender, type CpuMeter } from '../http-contender.js';
import { isJacksDemoList } from '../demo-lists.js';
import { createThrowAwayDatabase, databaseCpuMeter } from '../pg-database.js';
import { cpuNote, medianOf, problemsOf, ratioBetween, roundsOf, summarize } from '../summarize.js';
import { checkTarget, skippedTarget, type TargetDef, type TargetResult } from '../targets.js';
import type { SuiteContext, SuiteOutput } from './suite-context.js';

const PATH = '/api/posts';

/** The peers of the posts comparison, by the letters the issue gives them. */
const PEERS = [
  { name: 'bare', entry: 'bare-express', label: '(a) bare express 5, the same JSON, no token check' },
  { name: 'jose', entry: 'jose-remote-jwks', label: '(b) express + jose `createRemoteJWKSet`, verifying every request' },
  { name: 'express-jwt', entry: 'express-jwt-jwks-rsa', label: '(c) express-jwt + jwks-rsa' },
  { name: 'article', entry: 'article-crud-server', label: "(d) the article's server: express + jsonwebtoken, HS256 shared secret" },
  {
    name: "bare-app-server",
    entry: 'bare-express-app-server',
    label: "(a') no target: (a) served by this repository's `createAppServer`, as the services are",
  },
] as const;

/** Peers that check no token. */
const NO_TOKEN_CHECK = new Set<string>(['bare', 'bare-app-server']);

/** The posts targets of the issue, per storage. */
function postsTargets(variant: string, storage: string): (TargetDef & { peer: string; figure: 'rps' | 'p99Ms' })[] {
  const t = (peer: string, figure: 'rps' | 'p99Ms', op: TargetDef['op'], limit: number, what: string) => ({
    id: `${variant}/${peer}/${figure}`,
    description: `posts (${storage}) ${what}`,
    unit: 'x' as const,
    op,
    limit,
    peer,
    figure,
  });
  return [
    t('bare', 'rps', '>=', 0.85, 'req/s ÷ (a) bare express'),
    t('jose', 'rps', '>=', 1.2, 'req/s ÷ (b) express + jose'),
    t('express-jwt', 'rps', '>=', 2.5, 'req/s ÷ (c) express-jwt + jwks-rsa'),
    t('article', 'rps', '>=', 1.0, "req/s ÷ (d) the article's server"),
    t('bare', 'p99Ms', '<=', 2, 'p99 ÷ (a) bare express p99'),
  ];
}

/** posts on PostgreSQL, with a meter of its database's CPU time. */
interface PostsPg {
  readonly server: ServiceProcess;
  readonly databaseCpu: CpuMeter;
}

/** Starts posts on PostgreSQL in a throw-away database, or says why it cannot. */
async function startPostsPg(ctx: SuiteContext): Promise<PostsPg | string> {
  const { stack, options } = ctx;
  if (!options.pgUrl) return 'PostgreSQL left out (--no-pg)';
  let database;
  try {
    database = await createThrowAwayDatabase(options.pgUrl);
  } catch (err) {
    return `PostgreSQL unreachable at ${options.pgUrl} (${(err as Error).message})`;
  }
  stack.onStop(() => database.drop());
  const server = await stack.service({ name: 'posts-pg', entry: serviceEntry('posts'), env: stack.postsEnv(database.url) });
  const meter = await databaseCpuMeter(database.url);
  stack.onStop(meter.close);
  return { server, databaseCpu: meter.read };
}

/**
 * `GET /api/posts` with a valid token: posts on SQLite (and on PostgreSQL) against the four
 * peers, all alternated in the same rounds. Every server is checked first (the right JSON for
 * the token, a forged token refused), and every response of every run must repeat that body.
 */
export async function postsSuite(ctx: SuiteContext): Promise<SuiteOutput> {
  const { stack, options, progress } = ctx;
  const auth = await stack.auth();
  const postsSqlite = await stack.postsSqlite();
  const tokens = await Promise.all(DEMO_USERS.map((u) => loginToken(auth.url, u.username, u.password)));
  const jackToken = tokens[0]!;
  // What the real API lists for each user: the peers serve exactly these records.
  const lists = await Promise.all(tokens.map((token) => getWithToken(`${postsSqlite.url}${PATH}`, token)));
  for (const list of lists) if (list.status !== 200) throw new Error(`posts answered ${list.status}: ${list.text.slice(0, 200)}`);
  const jackPosts = lists[0]!.json as { title: string; author: string }[];
  if (!isJacksDemoList(jackPosts)) throw new Error(`posts did not list jack's two demo posts: ${lists[0]!.text.slice(0, 300)}`);
  const postsFile = await stack.writeJson('posts.json', lists.flatMap((l) => l.json as unknown[]));
  const bodyFile = await stack.writeJson('jack-posts.json', jackPosts);

  const [pg, ...peers] = await Promise.all([
    startPostsPg(ctx),
    ...PEERS.map((peer) =>
      stack.service({
        name: peer.name,
        entry: benchServerEntry(peer.entry),
        env: { JWKS_URL: stack.jwksUrl, ISSUER: stack.issuer, AUDIENCE: 'posts', POSTS_FILE: postsFile, BODY_FILE: bodyFile, ROUTE: PATH },
        readyPath: PATH,
        readyWhen: 'any',
      }),
    ),
  ]);
  const variants: { name: string; storage: string; server: ServiceProcess; databaseCpu?: PostsPg['databaseCpu'] }[] = [
    { name: 'posts-sqlite', storage: 'SQLite', server: postsSqlite },
  ];
  if (typeof pg === 'string') progress(`  posts on PostgreSQL skipped: ${pg}`);
  else variants.push({ name: 'posts-pg', storage: 'PostgreSQL', server: pg.server, databaseCpu: pg.databaseCpu });

  const contenders: Contender[] = [];
  const labels = new Map<string, string>();
  for (const v of variants) {
    const url = `${v.server.url}${PATH}`;
    // Each database seeds its own ids and times: jack's two posts, then that database's exact body.
    const body = await checkContender({ name: v.name, url, token: jackToken, expected: isJacksDemoList, verifiesTokens: true });
    contenders.push(
      httpContender(
        v.name,
        { url, headers: { authorization: `Bearer ${jackToken}` }, connections: options.connections, expectBody: body },
        v.server,
        v.databaseCpu,
      ),
    );
    labels.set(v.name, `posts on ${v.storage} (this repository)`);
  }
  for (const [i, peer] of PEERS.entries()) {
    const server = peers[i] as ServiceProcess;
    const url = `${server.url}${PATH}`;
    const token = peer.name === 'article' ? articleToken('jack') : jackToken;
    const expected = peer.name === 'article' ? articlePostsOf('jack') : jackPosts;
    const body = await checkContender({ name: peer.name, url, token, expected, verifiesTokens: !NO_TOKEN_CHECK.has(peer.name) });
    contenders.push(httpContender(peer.name, { url, headers: { authorization: `Bearer ${token}` }, connections: options.connections, expectBody: body }, server));
    labels.set(peer.name, peer.label);
  }

  progress(`posts GET ${PATH}: ${contenders.map((c) => c.name).join(', ')}`);
  const results = await alternateRounds(contenders, options, progress);

  const targets: TargetResult[] = [];
  for (const [variant, storage] of [
    ['posts-sqlite', 'SQLite'],
    ['posts-pg', 'PostgreSQL'],
  ] as const) {
    for (const def of postsTargets(variant, storage)) {
      const { peer, figure, ...target } = def;
      if (!results.has(variant)) {
        targets.push(skippedTarget(target, typeof pg === 'string' ? pg : 'not run'));
        continue;
      }
      const note = figure === 'rps' ? cpuNote(results, variant, peer) : undefined;
      targets.push(checkTarget(target, ratioBetween(results, variant, peer, figure), problemsOf(results, [variant, peer]), note));
    }
  }
  // What the services' own work costs once the HTTP server is the same: no target, a fact.
  const overhead = results.has('bare-app-server')
    ? [...results.keys()].filter((name) => name.startsWith('posts-')).map((name) => `${name} ${ratioBetween(results, name, 'bare-app-server', 'rps').toFixed(2)}x`)
    : [];
  return {
    sections: [
      {
        title: `posts GET ${PATH} with a valid token`,
        note:
          `${options.connections} connections, ${options.rounds} alternated rounds of ${options.durationS} s after a ${options.warmupS} s warm-up each; ` +
          'medians. Every server is its own process; every response was checked against the expected body.',
        rows: [...results.keys()].map((name) => summarize(name, labels.get(name) ?? name, roundsOf(results, name))),
      },
    ],
    facts: [
      ...(overhead.length > 0 ? [{ label: "posts req/s ÷ (a') bare express on the same HTTP server", value: overhead.join(', ') }] : []),
      ...databaseCpuFacts(results),
    ],
    targets,
  };
}

/** The PostgreSQL server's CPU per response beside posts' own: both share the machine's cores. */
function databaseCpuFacts(results: RoundResults): Fact[] {
  const rounds = results.get('posts-pg') ?? [];
  const database = medianOf(rounds, 'databaseCpuUs');
  const own = medianOf(rounds, 'serverCpuUs');
  if (!Number.isFinite(database)) return [];
  return [
    {
      label: 'CPU per response of posts on PostgreSQL',
      value: `posts ${Math.round(own)} µs + the PostgreSQL backends ${Math.round(database)} µs, on the same cores (medians of the rounds, from /proc)`,
    },
  ];
}
