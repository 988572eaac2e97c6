/**
 * Peer (b): express + jose, verifying every request with `createRemoteJWKSet` against the real
 * auth's JWKS, the way jose's README shows it. No verified-token cache.
 */
import express from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { listenOnEnvPort, loadPeerPosts, requiredEnv } from './peer-env.js';

const posts = loadPeerPosts();
const jwks = createRemoteJWKSet(new URL(requiredEnv('JWKS_URL')));
const issuer = requiredEnv('ISSUER');
const audience = requiredEnv('AUDIENCE');

const app = express();
app.get('/api/posts', async (req, res) => {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ['RS256'] });
    res.json(posts.filter((post) => post.author === payload.sub));
  } catch {
    res.status(401).json({ error: 'invalid_token' });
  }
});
listenOnEnvPort(app);
