import { describe, expect, it } from 'vitest';
import { metricSum, metricValue, parseSamples } from './metric-samples.js';

const EXPOSITION = `# HELP http_request_duration_seconds Duration of HTTP requests
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.005",method="GET",route="/.well-known/jwks.json",status_code="200"} 3
http_request_duration_seconds_count{method="GET",route="/.well-known/jwks.json",status_code="200"} 3
http_request_duration_seconds_count{method="GET",route="/.well-known/jwks.json",status_code="304"} 2
http_request_duration_seconds_count{method="POST",route="/api/login",status_code="200"} 40
http_request_duration_seconds_count_extra{route="/.well-known/jwks.json"} 100
process_open_fds 21
`;

describe('metricSum', () => {
  it('adds the samples of every series whose labels include the ones asked for', () => {
    expect(metricSum(EXPOSITION, 'http_request_duration_seconds_count', { route: '/.well-known/jwks.json' })).toBe(5);
    expect(metricSum(EXPOSITION, 'http_request_duration_seconds_count')).toBe(45);
  });
  it('reads series without labels and ignores names that only start alike', () => {
    expect(metricSum(EXPOSITION, 'process_open_fds')).toBe(21);
    expect(metricSum(EXPOSITION, 'http_request_duration_seconds_count', { route: '/nowhere' })).toBe(0);
  });
});

describe('metricValue', () => {
  it('reads the one series with exactly the labels asked for, and nothing for a subset', () => {
    expect(metricValue(EXPOSITION, 'process_open_fds')).toBe(21);
    expect(metricValue(EXPOSITION, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/login', status_code: '200' })).toBe(40);
    expect(metricValue(EXPOSITION, 'http_request_duration_seconds_count', { route: '/api/login' })).toBeUndefined();
    expect(metricValue(EXPOSITION, 'http_request_duration_seconds_count')).toBeUndefined();
    expect(metricValue(EXPOSITION, 'process_open')).toBeUndefined();
  });
});

describe('parseSamples', () => {
  it('keeps braces, commas and escaped quotes inside label values, and skips a trailing timestamp', () => {
    const [sample] = parseSamples('odd_total{path="/a{b},c",note="say \\"hi\\""} 7 1700000000000\n');
    expect(sample).toEqual({ name: 'odd_total', labels: new Map([['path', '/a{b},c'], ['note', 'say \\"hi\\"']]), value: 7 });
  });
});
