import { loginBody } from '@app/testkit';
import { alternateRounds } from '../alternate-rounds.js';
import { getWithToken, isLoginResponse } from '../api-client.js';
import { benchServerEntry } from '../bench-stack.js';
import { checkContender } from '../contender-check.js';
import { httpContender } from '../http-contender.js';
import { cpuNote, problemsOf, ratioBetween, roundsOf, summarize } from '../summarize.js';
import { checkTarget } from '../targets.js';
import type { SuiteContext, SuiteOutput } from './suite-context.js';

const JWKS_PATH = '/.well-known/jwks.json';
/** The lowered cost: bcrypt's minimum, so a login is little more than the signature. */
export const LOW_BCRYPT_COST = 4;

/**
 * auth: the JWKS endpoint against a bare express app serving the same JSON, then logins at the
 * configured bcrypt cost (the real service and its users file, cost 10) against the same app
 * with the cost lowered, alternated.
 */
export async function authSuite(ctx: SuiteContext): Promise<SuiteOutput> {
  const { stack, options, progress } = ctx;
  const auth = await stack.auth();
  const jwks = await getWithToken(`${auth.url}${JWKS_PATH}`);
  if (jwks.status !== 200) throw new Error(`auth answered ${jwks.status} for its JWKS`);
  const bodyFile = await stack.writeJson('jwks.json', jwks.json);
  const [bareJwks, lowCost] = await Promise.all([
    stack.service({
      name: 'bare-jwks',
      entry: benchServerEntry('bare-express'),
      env: { BODY_FILE: bodyFile, ROUTE: JWKS_PATH },
      readyPath: JWKS_PATH,
      readyWhen: 'any',
    }),
    stack.service({
      name: `auth-cost-${LOW_BCRYPT_COST}`,
      entry: benchServerEntry('auth-low-cost'),
      env: stack.authEnv({ BCRYPT_COST: String(LOW_BCRYPT_COST) }),
      readyPath: '/readyz',
      readyWhen: 200,
    }),
  ]);

  const jwksContenders = [
    { name: 'auth JWKS', url: `${auth.url}${JWKS_PATH}`, server: auth },
    { name: 'bare JWKS', url: `${bareJwks.url}${JWKS_PATH}`, server: bareJwks },
  ];
  const contenders = [];
  for (const c of jwksContenders) {
    const body = await checkContender({ name: c.name, url: c.url, expected: jwks.json, verifiesTokens: false });
    contenders.push(httpContender(c.name, { url: c.url, connections: options.connections, expectBody: body }, c.server));
  }
  progress(`auth GET ${JWKS_PATH} vs bare express`);
  const jwksResults = await alternateRounds(contenders, options, progress);

  const loginSpec = (url: string) => ({
    url: `${url}/api/login`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: loginBody('jack', 'jack_password'),
    connections: options.loginConnections,
    verifyBody: isLoginResponse,
  });
  const loginNames = { cost10: 'login, bcrypt cost 10', low: `login, bcrypt cost ${LOW_BCRYPT_COST}` };
  progress(`auth POST /api/login at bcrypt cost 10 vs ${LOW_BCRYPT_COST}`);
  const loginResults = await alternateRounds(
    [httpContender(loginNames.cost10, loginSpec(auth.url), auth), httpContender(loginNames.low, loginSpec(lowCost.url), lowCost)],
    options,
    progress,
  );

  ctx.figures.set('loginPerS.cost10', summarize('', '', roundsOf(loginResults, loginNames.cost10)).rps);
  ctx.figures.set('loginPerS.low', summarize('', '', roundsOf(loginResults, loginNames.low)).rps);
  return {
    sections: [
      {
        title: `auth GET ${JWKS_PATH}`,
        note: `${options.connections} connections; the bare app serves the same JSON with express defaults.`,
        rows: [
          summarize('auth JWKS', 'auth (this repository)', roundsOf(jwksResults, 'auth JWKS')),
          summarize('bare JWKS', 'bare express 5, the same JSON', roundsOf(jwksResults, 'bare JWKS')),
        ],
      },
      {
        title: 'auth POST /api/login',
        note:
          `${options.loginConnections} connections; every response checked to carry a fresh token. Cost 10 is the real service with its ` +
          `users file; cost ${LOW_BCRYPT_COST} is the same app with the users hashed in memory (the users file refuses costs below 10).`,
        rows: [
          summarize(loginNames.cost10, 'auth, users file at bcrypt cost 10 (configured)', roundsOf(loginResults, loginNames.cost10)),
          summarize(loginNames.low, `auth app, bcrypt cost ${LOW_BCRYPT_COST}`, roundsOf(loginResults, loginNames.low)),
        ],
      },
    ],
    facts: [],
    targets: [
      checkTarget(
        { id: 'auth/jwks', description: 'auth JWKS req/s ÷ bare express serving the same JSON', unit: 'x', op: '>=', limit: 0.9 },
        ratioBetween(jwksResults, 'auth JWKS', 'bare JWKS', 'rps'),
        problemsOf(jwksResults, ['auth JWKS', 'bare JWKS']),
        cpuNote(jwksResults, 'auth JWKS', 'bare JWKS'),
      ),
    ],
  };
}
