import { RandomValues } from './random-values.js';

/**
 * One generated request. Requests that fetch cannot express (a broken request line, bytes
 * outside latin1 in a header, conflicting lengths) carry `raw`: the exact bytes to write on a
 * fresh connection, which the peer is told to close after answering.
 */
export interface GeneratedRequest {
  /** What the request exercises, for failure messages and per-kind counts. */
  readonly kind: string;
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly raw?: Uint8Array;
}

/** What a service accepts, so generated requests land on its routes and get past the easy checks. */
export interface RequestShape {
  /** Paths of the service, each a function so ids can be real, fresh or odd. */
  readonly paths: readonly ((r: RandomValues) => string)[];
  /** Methods the routes use; odd ones are added by the generator. */
  readonly methods: readonly string[];
  /** Field names of the JSON bodies the service reads. */
  readonly fields: readonly string[];
  /** Authorization values to send (valid tokens, forged ones); junk ones are added. */
  readonly credentials?: readonly string[];
  /** An occasional query string (without the `?`). */
  readonly query?: (r: RandomValues) => string;
  /** A body the service accepts, so some requests reach the handler and the storage. */
  readonly validBody?: (r: RandomValues) => unknown;
}

/** The seed (a run replays from it), the target's shape, and how rough to be. */
export interface MalformedRequestOptions {
  seed: number;
  shape: RequestShape;
  /**
   * Adds the harsher kinds: invalid UTF-8, bodies far over the limit, odd content types and
   * encodings, header floods, odd methods, paths and headers, and raw malformed HTTP.
   */
  harsh?: boolean;
}

const enc = new TextEncoder();
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));
const b64url = (s: string) => Buffer.from(s).toString('base64url');

const ODD_CONTENT_TYPES = [
  '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'application/jsonx', '*/*', 'application/', ';;;', 'application/json; charset="', 'application/vnd.api+json',
];
const ODD_METHODS = ['OPTIONS', 'HEAD', 'PROPFIND', 'M-SEARCH', 'BREW', 'patch', 'PURGE', 'LINK'];
// Values a byte-string header may hold but a parser may choke on.
const JUNK_AUTH = [
  'Bearer', 'Bearer ', 'Bearer  x', 'bearer a.b.c', 'Bearer a.b.c.d.e', 'Bearer ...', `Bearer ${'A'.repeat(8000)}`,
  `Bearer ${b64url('{"alg":"none","typ":"at+jwt"}')}.${b64url('{"sub":"jack"}')}.`,
  `Bearer ${b64url('{"alg":"RS256","kid":{"$ne":1}}')}.${b64url('[]')}.AAAA`,
  `Bearer ${b64url('not json')}.${b64url('{')}.${b64url('x')}`, 'Bearer \u00ff\u00fe\u00e9', 'Basic YWRtaW46YWRtaW4=', 'Digest x', '  Bearer  ',
];

/**
 * An endless, deterministic stream of malformed and odd requests for `shape`: the same seed
 * replays the same run, so a failure can be reproduced from its index.
 */
export function* malformedRequests(options: MalformedRequestOptions): Generator<GeneratedRequest> {
  const r = new RandomValues(options.seed);
  const { shape } = options;
  const credentials = shape.credentials ?? [];
  const path = () => r.pick(shape.paths)(r) + (shape.query && r.chance(0.3) ? `?${shape.query(r)}` : '');
  const auth = (headers: Record<string, string>) => {
    if (credentials.length > 0 && r.chance(0.9)) headers.authorization = `${r.pick(['Bearer', 'bearer', 'Basic', 'Bearer  ', ''])} ${r.pick(credentials)}`;
    return headers;
  };
  const jsonBody = () => {
    const text = JSON.stringify(r.json(shape.fields)) ?? '';
    return r.chance(0.15) ? text.slice(0, r.int(50)) : text;
  };

  // The generator of the first robustness test: mostly well-formed HTTP with odd JSON and tokens.
  const plain = (): GeneratedRequest => {
    const method = r.pick([...shape.methods, 'PUT']);
    const headers = auth({});
    const withBody = method === 'POST' || method === 'PATCH' || (method !== 'GET' && r.chance(0.1));
    if (!withBody) return { kind: 'json', method, path: path(), headers };
    headers['content-type'] = r.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/merge-patch+json', 'application/json; charset=latin1']);
    return { kind: 'json', method, path: path(), headers, body: jsonBody() };
  };
  const harsh: [number, () => GeneratedRequest][] = [
    [1, () => ({ kind: 'valid', method: 'POST', path: path(), headers: auth({ 'content-type': 'application/json' }), body: JSON.stringify(shape.validBody?.(r) ?? {}) })],
    [1, () => {
      const bad = r.pick([[0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]]);
      const field = r.pick(shape.fields);
      return { kind: 'bad-utf8', method: r.pick(['POST', 'PATCH']), path: path(), headers: auth({ 'content-type': 'application/json' }), body: bytes(`{"${field}":"a`, bad, '"}') };
    }],
    [0.5, () => {
      const size = r.pick([17_000, 100_000, 1_000_000, 2_500_000]);
      const body = r.chance(0.5) ? 'x'.repeat(size) : JSON.stringify({ [r.pick(shape.fields)]: 'y'.repeat(size) });
      return { kind: 'huge-body', method: r.pick(['POST', 'PATCH', 'PUT']), path: path(), headers: auth({ 'content-type': 'application/json' }), body };
    }],
    [1, () => {
      const headers = auth({});
      const type = r.pick(ODD_CONTENT_TYPES);
      if (type) headers['content-type'] = type;
      if (r.chance(0.3)) headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip']);
      return { kind: 'content-type', method: r.pick(['POST', 'PATCH']), path: path(), headers, body: jsonBody() };
    }],
    [0.5, () => {
      const headers = auth({});
      if (r.chance(0.5)) for (let i = 0, n = 20 + r.int(200); i < n; i += 1) headers[`x-flood-${i}`] = 'v'.repeat(r.int(100));
      else headers[r.pick(['x-long', 'cookie', 'accept', 'if-none-match', 'x-request-id'])] = 'z'.repeat(4000 + r.int(30_000));
      return { kind: 'header-flood', method: r.pick(shape.methods), path: path(), headers };
    }],
    [0.5, () => ({ kind: 'odd-method', method: r.pick(ODD_METHODS), path: path(), headers: auth({}) })],
    [1, () => {
      const base = r.pick(shape.paths)(r);
      const odd = r.pick([
        () => `${base}/${r.uri(40)}`, () => `${base}/%ff%fe`, () => `${base}/%00`, () => `${base}/..%2f..%2fetc%2fpasswd`, () => `${base}//`,
        () => `${base}/${'9'.repeat(10_000)}`, () => base.toUpperCase(), () => `${base};x=1`, () => `${base}%`, () => `${base}/%E2%82`,
        () => `${base}?limit=1&limit=2`, () => `${base}?limit[]=1&cursor[a]=b`, () => `${base}?${'q'.repeat(6000)}=1`, () => `${base}?cursor=%ff`,
        () => `${base}?__proto__[x]=1&constructor[prototype][y]=2`, () => `${base}?limit=${'9'.repeat(400)}`,
      ])();
      return { kind: 'odd-path', method: r.pick(shape.methods), path: odd, headers: auth({}) };
    }],
    [1, () => {
      const headers: Record<string, string> = { authorization: r.pick(JUNK_AUTH) };
      const extra = r.pick(['x-request-id', 'x-forwarded-for', 'accept', 'accept-encoding', 'range', 'if-none-match', 'origin']);
      headers[extra] = r.pick(['', ' ', '\u00ff\u00fe', 'a'.repeat(2000), '1.2.3.4, , ::1, x', 'bytes=0-0,-1', '*', 'null', '"etag"']);
      const method = r.pick(shape.methods);
      return { kind: 'odd-header', method, path: path(), headers, ...(method === 'POST' || method === 'PATCH' ? { body: jsonBody() } : {}) };
    }],
    [1, () => raw(r, r.pick(shape.paths)(r), r.pick(credentials.length > 0 ? credentials : ['x']))],
  ];
  const total = harsh.reduce((sum, [weight]) => sum + weight, 0);
  for (;;) {
    if (!options.harsh || r.chance(0.4)) {
      yield plain();
      continue;
    }
    let roll = r.random() * total;
    const kind = harsh.find(([weight]) => (roll -= weight) < 0) ?? harsh[0]!;
    yield kind[1]();
  }
}

/** Malformed HTTP/1.1 that only a raw socket can send; each asks the server to close afterwards. */
function raw(r: RandomValues, path: string, credential: string): GeneratedRequest {
  const tail = 'Host: localhost\r\nConnection: close\r\n';
  const body = '{"title":"x"}';
  const variants: (() => Uint8Array)[] = [
    () => bytes(`G@T ${path} HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`GET ${path} HTTP/9.9\r\n${tail}\r\n`),
    () => bytes(`GET ${path}\r\n\r\n`),
    () => bytes('GET ', path, '/', [0xff, 0xfe, 0x80], ` HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`GET ${path}/a b HTTP/1.1\r\n${tail}\r\n`),
    () => bytes('GET ', path, [0x01, 0x7f], ` HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`GET http://evil.example${path} HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`OPTIONS * HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`TRACE ${path} HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`CONNECT evil.example:443 HTTP/1.1\r\n${tail}\r\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}Foo bar\r\n\r\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}Foo : bar\r\n\r\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}X-A: a\r\n b\r\n\r\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}X-A: a`, [0], 'b\r\n\r\n'),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}Authorization: Bearer `, [0xff, 0xfe, 0xc3], `${credential.slice(0, 50)}\r\n\r\n`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nContent-Length: 13\r\nContent-Length: 14\r\n\r\n${body}`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nContent-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n${body}`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nContent-Length: 99999999999999999999999\r\n\r\n`),
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Content-Type: application/json\r\nContent-Length: 14\r\nAuthorization: Bearer ${credential}\r\n\r\n{"title":"`, [0xc3, 0x28], '"}'),
    // undici refuses to send Expect itself.
    () => bytes(`POST ${path} HTTP/1.1\r\n${tail}Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n${body}`),
    () => bytes(`GET ${path} HTTP/1.1\nHost: localhost\nConnection: close\n\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}X-Long: ${'l'.repeat(20_000)}\r\n\r\n`),
    () => bytes(`GET ${path} HTTP/1.1\r\n${tail}${Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}\r\n`),
  ];
  return { kind: 'raw', method: 'RAW', path, headers: {}, raw: r.pick(variants)() };
}
