import { request } from 'node:http';

/**
 * POST /api/posts whose headers and first half of the body go out now and the rest only when
 * `finish` resolves: a request the server has accepted and must carry across whatever happens
 * meanwhile (a SIGTERM, the listener closing). Resolves with the status.
 */
export function slowUpload(postsUrl: string, token: string, title: string, finish: Promise<void>): Promise<number> {
  const body = JSON.stringify({ title });
  const half = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const req = request(
      `${postsUrl}/api/posts`,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    void finish.then(() => req.end(body.slice(half)));
  });
}
