/**
 * Peer (d): the original article's CRUD server, reproduced as published (crudServer.js):
 * express + jsonwebtoken, HS256 with the shared secret "super-secret", the six posts in an
 * array, 403 for a missing or bad token. The article's auth server (Flask-JWT-Extended) puts
 * the identity `{ name }` in `sub`. Only the port comes from the environment, and express is
 * the version this repository uses (5) rather than the article's.
 */
import express from 'express';
import jwt from 'jsonwebtoken';
import { listenOnEnvPort } from './peer-env.js';

const app = express();

// The article's array, as published (the same six posts the posts service seeds as its demo data).
const postsList = [
  { title: 'jack post', author: 'jack' },
  { title: 'robert Post', author: 'robert' },
  { title: 'lina Post', author: 'lina' },
  { title: 'jack Second post', author: 'jack' },
  { title: 'robert Second Post', author: 'robert' },
  { title: 'lina Second Post', author: 'lina' },
];

interface ArticleRequest extends express.Request {
  user?: { name: string };
}

app.get('/api/posts', authenticateToken, (req: ArticleRequest, res) => {
  // The article compares with `==`; the identity is always a string here.
  res.json(postsList.filter((post) => post.author === req.user?.name));
});

function authenticateToken(req: ArticleRequest, res: express.Response, next: express.NextFunction) {
  const authHeader = req.headers['authorization'];
  const token = authHeader && authHeader.split(' ')[1];

  if (token == null) return res.sendStatus(403);

  jwt.verify(token, 'super-secret', (err, user) => {
    // secret key is used same as in the authServer
    if (err) return res.sendStatus(403);
    req.user = (user as { sub: { name: string } }).sub;
    next();
  });
  return undefined;
}

listenOnEnvPort(app);
