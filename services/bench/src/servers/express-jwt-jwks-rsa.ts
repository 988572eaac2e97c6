/**
 * Peer (c): express-jwt with jwks-rsa's `expressJwtSecret`, configured as both READMEs show it
 * (key cache and fetch rate limit on).
 */
import express from 'express';
import { expressjwt, type GetVerificationKey, type Request as JwtRequest } from 'express-jwt';
import jwksRsa from 'jwks-rsa';
import { listenOnEnvPort, loadPeerPosts, requiredEnv } from './peer-env.js';

const posts = loadPeerPosts();
const app = express();
app.get(
  '/api/posts',
  expressjwt({
    secret: jwksRsa.expressJwtSecret({
      cache: true,
      rateLimit: true,
      jwksRequestsPerMinute: 5,
      jwksUri: requiredEnv('JWKS_URL'),
    }) as GetVerificationKey,
    issuer: requiredEnv('ISSUER'),
    audience: requiredEnv('AUDIENCE'),
    algorithms: ['RS256'],
  }),
  (req: JwtRequest, res) => {
    res.json(posts.filter((post) => post.author === req.auth?.sub));
  },
);
listenOnEnvPort(app);
