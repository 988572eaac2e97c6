/**
 * Peer (a): a bare express 5 app answering one route with a fixed JSON document (the same
 * JSON the real service returns), express defaults and nothing else: no auth, no logging.
 */
import { readFileSync } from 'node:fs';
import express from 'express';
import { listenOnEnvPort, requiredEnv } from './peer-env.js';

const body: unknown = JSON.parse(readFileSync(requiredEnv('BODY_FILE'), 'utf8'));
const app = express();
app.get(requiredEnv('ROUTE'), (_req, res) => {
  res.json(body);
});
listenOnEnvPort(app);
