import { join } from 'node:path';
import { median, serviceEntry } from '@app/testkit';
import { checkTarget } from '../targets.js';
import type { SuiteContext, SuiteOutput } from './suite-context.js';

const LIMIT_MS = 1500;

/**
 * Start-up to ready: spawn -> first 200 from `/readyz`, for auth (key set and users file read,
 * the dummy bcrypt hash made) and posts (a new SQLite file migrated and seeded, the JWKS fetched
 * from the running auth), alternated, median of `--starts` each.
 */
export async function startupSuite(ctx: SuiteContext): Promise<SuiteOutput> {
  const { stack, options, progress } = ctx;
  await stack.auth();
  const times: Record<'auth' | 'posts', number[]> = { auth: [], posts: [] };
  progress(`start-up: ${options.starts} starts each of auth and posts`);
  for (let i = 0; i < options.starts; i++) {
    const auth = await stack.startOnce({ name: `auth-start-${i}`, entry: serviceEntry('auth'), env: stack.authEnv() });
    await auth.stop();
    times.auth.push(auth.startupMs);
    const posts = await stack.startOnce({
      name: `posts-start-${i}`,
      entry: serviceEntry('posts'),
      env: stack.postsEnv(`sqlite:${join(stack.dir, `start-${i}.sqlite`)}`),
    });
    await posts.stop();
    times.posts.push(posts.startupMs);
    progress(`  start ${i + 1}/${options.starts}: auth ${Math.round(auth.startupMs)} ms, posts ${Math.round(posts.startupMs)} ms`);
  }
  const describe = (ms: number[]) => `median ${Math.round(median(ms))} ms of ${ms.length} (${ms.map((m) => Math.round(m)).join(', ')})`;
  return {
    sections: [],
    facts: [
      { label: 'auth start-up to ready', value: describe(times.auth) },
      { label: 'posts start-up to ready (new SQLite file, JWKS fetched)', value: describe(times.posts) },
    ],
    targets: (['auth', 'posts'] as const).map((service) =>
      checkTarget(
        { id: `startup/${service}`, description: `${service} start-up to ready (median)`, unit: 'ms', op: '<=', limit: LIMIT_MS },
        median(times[service]),
      ),
    ),
  };
}
