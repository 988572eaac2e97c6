import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceProcess } from '@app/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePostsOf, articleToken } from './article-token.js';
import { benchServerEntry, startBenchProcess } from './bench-stack.js';
import { checkContender, tamperedToken } from './contender-check.js';

let dir: string;
let article: ServiceProcess;
let bare: ServiceProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'contender-check-'));
  const bodyFile = join(dir, 'body.json');
  await writeFile(bodyFile, JSON.stringify(articlePostsOf('jack')));
  [article, bare] = await Promise.all([
    startBenchProcess({ name: 'article', entry: benchServerEntry('article-crud-server'), env: {}, readyPath: '/api/posts', readyWhen: 'any' }),
    startBenchProcess({ name: 'bare', entry: benchServerEntry('bare-express'), env: { BODY_FILE: bodyFile, ROUTE: '/api/posts' }, readyPath: '/api/posts', readyWhen: 'any' }),
  ]);
});

afterAll(async () => {
  await Promise.all([article?.stop(), bare?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('tamperedToken', () => {
  it('swaps the payload for another user and keeps header and signature', () => {
    const token = articleToken('jack');
    const forged = tamperedToken(token);
    const [h, p, s] = forged.split('.');
    expect([h, s]).toEqual([token.split('.')[0], token.split('.')[2]]);
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'))).toMatchObject({ sub: 'robert' });
  });
});

describe('checkContender', () => {
  it("returns the exact body of the article's server, which answers jack's posts and refuses a forged token", async () => {
    const url = `${article.url}/api/posts`;
    const body = await checkContender({ name: 'article', url, token: articleToken('jack'), expected: articlePostsOf('jack'), verifiesTokens: true });
    expect(JSON.parse(body)).toEqual([
      { title: 'jack post', author: 'jack' },
      { title: 'jack Second post', author: 'jack' },
    ]);
  });

  it('refuses a server that answers the wrong JSON', async () => {
    const url = `${article.url}/api/posts`;
    await expect(checkContender({ name: 'article', url, token: articleToken('lina'), expected: articlePostsOf('jack'), verifiesTokens: true })).rejects.toThrow(
      /article answered the wrong JSON/,
    );
  });

  it('refuses a server that accepts a forged token, and one that refuses the valid one', async () => {
    const token = articleToken('jack');
    await expect(
      checkContender({ name: 'bare', url: `${bare.url}/api/posts`, token, expected: articlePostsOf('jack'), verifiesTokens: true }),
    ).rejects.toThrow('bare answered 200 to a forged token');
    await expect(
      checkContender({ name: 'article', url: `${article.url}/api/posts`, token: tamperedToken(token), expected: [], verifiesTokens: true }),
    ).rejects.toThrow(/article answered 403 to a valid token/);
  });
});
