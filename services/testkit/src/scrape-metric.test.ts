import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeMetric, scrapeMetricSum } from './scrape-metric.js';

const exposition = `# HELP jwks_stale 1 while stale
# TYPE jwks_stale gauge
jwks_stale 1
jwks_fetch_total{result="ok"} 3
jwks_fetch_total{result="error"} 7
jwks_fetch_total_extra{result="error"} 99
`;

describe('scrapeMetric and scrapeMetricSum', () => {
  const server = createServer((req, res) => {
    res.statusCode = req.url?.startsWith('/down/') ? 503 : 200;
    res.end(exposition);
  });
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a sample by name and exact labels', async () => {
    expect(await scrapeMetric(url, 'jwks_stale')).toBe(1);
    expect(await scrapeMetric(url, 'jwks_fetch_total', { result: 'error' })).toBe(7);
    expect(await scrapeMetric(url, 'jwks_fetch_total', { result: 'not_modified' })).toBeUndefined();
    expect(await scrapeMetric(url, 'jwks_fetch_total')).toBeUndefined();
  });

  it('sums every series carrying the labels when asked for a sum', async () => {
    expect(await scrapeMetricSum(url, 'jwks_fetch_total')).toBe(10);
    expect(await scrapeMetricSum(url, 'jwks_fetch_total', { result: 'ok' })).toBe(3);
    expect(await scrapeMetricSum(url, 'jwks_fetch_total', { result: 'not_modified' })).toBe(0);
  });

  it('throws naming the URL and status when /metrics does not answer 200', async () => {
    await expect(scrapeMetric(`${url}/down`, 'jwks_stale')).rejects.toThrow(`GET ${url}/down/metrics answered 503`);
    await expect(scrapeMetricSum(`${url}/down`, 'jwks_stale')).rejects.toThrow(/answered 503/);
  });
});
