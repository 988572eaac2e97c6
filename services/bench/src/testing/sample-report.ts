import type { BenchReport } from '../report/bench-report.js';

/** A small but complete report, as the writers' tests need one. */
export function sampleReport(): BenchReport {
  return {
    machine: { cpuModel: 'AMD EPYC', cores: 2, memoryGiB: 23.5, os: 'Linux 6', node: 'v20.20.2', loadAverage: [1.5, 1, 0.5] },
    settings: { suites: ['posts'], rounds: 5, durationS: 5, warmupS: 3, connections: 32, command: 'npm run bench' },
    startedAt: '2026-12-04T15:00:00.000Z',
    elapsedS: 600,
    sections: [
      {
        title: 'posts GET /api/posts with a valid token',
        note: '32 connections',
        rows: [
          { name: 'posts-sqlite', label: 'posts on SQLite', rps: 7012.4, p50Ms: 4, p99Ms: 9, cpuUs: 120.4, rounds: 5, problems: [] },
          { name: 'bare', label: '(a) bare | express', rps: 7400, p50Ms: 4, p99Ms: 8, cpuUs: 110, rounds: 5, problems: [] },
          { name: 'jose', label: '(b) jose', rps: 4100, p50Ms: 7, p99Ms: 12, cpuUs: Number.NaN, rounds: 5, problems: ['unexpected statuses 401 x3'] },
        ],
      },
    ],
    facts: [{ label: 'openssl speed rsa2048 (one core)', value: '3900 signs/s' }],
    targets: [
      { id: 'a', description: 'posts (SQLite) req/s ÷ (a) bare express', unit: 'x', op: '>=', limit: 0.85, measured: 0.95, status: 'met' },
      { id: 'b', description: 'posts (SQLite) req/s ÷ (b) <jose> & co', unit: 'x', op: '>=', limit: 1.2, measured: 1.1, status: 'NOT met' },
      { id: 'c', description: 'posts (SQLite) req/s ÷ (b) again', unit: 'x', op: '>=', limit: 1.2, measured: 1.7, status: 'invalid', detail: 'jose: 401 x3' },
      { id: 'd', description: 'posts (PostgreSQL) req/s ÷ (a)', unit: 'x', op: '>=', limit: 0.85, measured: undefined, status: 'skipped', detail: 'no PostgreSQL' },
      { id: 'm', description: 'posts peak RSS', unit: 'MB', op: '<=', limit: 150, measured: 98.2, status: 'met' },
    ],
  };
}
