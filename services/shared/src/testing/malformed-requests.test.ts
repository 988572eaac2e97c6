import { describe, expect, it } from 'vitest';
import { malformedRequests, type GeneratedRequest, type RequestShape } from './malformed-requests.js';

const shape: RequestShape = {
  paths: [() => '/api/things', (r) => `/api/things/${r.uri(10)}`],
  methods: ['GET', 'POST', 'PATCH', 'DELETE'],
  fields: ['name'],
  credentials: ['token-a'],
  query: (r) => `limit=${r.int(100)}`,
  validBody: () => ({ name: 'ok' }),
};
const take = (n: number, seed: number, harsh: boolean) => {
  const out: GeneratedRequest[] = [];
  for (const req of malformedRequests({ seed, shape, harsh })) {
    out.push(req);
    if (out.length === n) break;
  }
  return out;
};

describe('malformedRequests', () => {
  it('replays the same requests from the same seed, and others from another', () => {
    expect(take(50, 7, true)).toEqual(take(50, 7, true));
    expect(take(50, 8, true)).not.toEqual(take(50, 7, true));
  });

  it('mixes every harsh kind in, and only well-formed-HTTP kinds without harsh', () => {
    const kinds = new Set(take(2000, 1, true).map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['bad-utf8', 'content-type', 'header-flood', 'huge-body', 'json', 'odd-header', 'odd-method', 'odd-path', 'raw', 'valid'].sort());
    expect(new Set(take(300, 1, false).map((r) => r.kind))).toEqual(new Set(['json']));
  });

  it('hands fetch only requests it can send; the rest come as raw bytes', () => {
    for (const req of take(2000, 3, true)) {
      if (req.raw) {
        expect(req.raw.length).toBeGreaterThan(0);
        continue;
      }
      // Throws for a header value fetch refuses (outside latin1, CR/LF) or a forbidden method.
      expect(() => new Request(`http://127.0.0.1${req.path}`, { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) }), req.kind).not.toThrow();
    }
  });
});
