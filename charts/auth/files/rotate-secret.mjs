// The key rotation CronJob of the auth chart, run by node in the auth image: reads the key set
// Secret through the Kubernetes API, runs `auth-cli keys rotate` on a copy in a memory-backed
// emptyDir (the private keys never reach a disk), and writes the result back carrying the
// resourceVersion it read, so a concurrent change (`make rotate-keys`, a second run) makes this run
// fail instead of being overwritten. Needs only `get` and `patch` on that one Secret.
//
// Environment: SECRET_NAME, SECRET_KEY, NAMESPACE, WORK_DIR, optional ROTATE_ARGS (extra CLI flags,
// e.g. "--min-age 518400"), and the CLI's own ACCESS_TOKEN_TTL, JWKS_MAX_AGE, CLOCK_SKEW_SECONDS.
// KUBERNETES_API_URL and SERVICE_ACCOUNT_DIR default to the in-cluster API and the projected token.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};

const api = new URL(env('KUBERNETES_API_URL', 'https://kubernetes.default.svc'));
const saDir = env('SERVICE_ACCOUNT_DIR', '/var/run/secrets/kubernetes.io/serviceaccount');
const namespace = env('NAMESPACE');
const secretName = env('SECRET_NAME');
const secretKey = env('SECRET_KEY');
const file = join(env('WORK_DIR'), 'keys.json');
const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(secretName)}`;

/** One JSON request to the API server; any status but 2xx throws with the server's message. */
async function call(method, body, contentType) {
  // The token is re-read on every call: the kubelet refreshes the projected file.
  const token = (await readFile(join(saDir, 'token'), 'utf8')).trim();
  const https = api.protocol === 'https:';
  const ca = https ? await readFile(join(saDir, 'ca.crt')) : undefined;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      new URL(path, api),
      {
        method,
        ca,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}),
        },
        timeout: 15_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode >= 200 && res.statusCode < 300) return resolve(JSON.parse(text));
          // A Status object names the problem; a Secret body is never echoed.
          let message = `HTTP ${res.statusCode}`;
          try {
            message += `: ${JSON.parse(text).message ?? ''}`;
          } catch {}
          reject(new Error(`${method} secret ${namespace}/${secretName}: ${message}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} secret ${namespace}/${secretName}: timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

try {
  const secret = await call('GET');
  const encoded = secret.data?.[secretKey];
  if (!encoded) throw new Error(`secret ${namespace}/${secretName} has no key ${secretKey}`);
  await writeFile(file, Buffer.from(encoded, 'base64'), { mode: 0o600 });
  const before = await readFile(file, 'utf8');

  const args = ['dist/cli.js', 'keys', 'rotate', '--file', file, ...(process.env.ROTATE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { env: process.env });
  process.stdout.write(stdout);

  const after = await readFile(file, 'utf8');
  if (after === before) {
    console.log(`secret ${namespace}/${secretName} left as it is`);
  } else {
    const patch = {
      metadata: { resourceVersion: secret.metadata.resourceVersion },
      data: { [secretKey]: Buffer.from(after, 'utf8').toString('base64') },
    };
    await call('PATCH', patch, 'application/merge-patch+json');
    console.log(`secret ${namespace}/${secretName} updated; auth reloads it without a restart`);
  }
} catch (err) {
  console.error(`key rotation failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await rm(file, { force: true });
}
