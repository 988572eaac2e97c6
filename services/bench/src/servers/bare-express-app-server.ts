/**
 * Peer (a'), no target: peer (a) exactly, served by this repository's `createAppServer` instead
 * of `app.listen`. The services use that server (express's per-request `setPrototypeOf` avoided);
 * posts ÷ (a') is what the token check, logging, metrics and the database cost on top of express.
 */
import { readFileSync } from 'node:fs';
import { createAppServer } from '@app/shared';
import express from 'express';
import { requiredEnv } from './peer-env.js';

const body: unknown = JSON.parse(readFileSync(requiredEnv('BODY_FILE'), 'utf8'));
const app = express();
app.get(requiredEnv('ROUTE'), (_req, res) => {
  res.json(body);
});
const { server, serve } = createAppServer();
serve(app);
server.listen(Number(requiredEnv('PORT')), '127.0.0.1');
