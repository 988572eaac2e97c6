import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, SMOKE_OPTIONS, type BenchOptions } from './bench-options.js';
import { writeResults } from './report/write-results.js';
import { runBench } from './run-bench.js';

// The whole harness in its smoke mode: every server starts as its own process and is checked
// (the right JSON for a valid token, a forged one refused), every suite runs for a fraction of a
// second, every file is written. No figure is judged here: this machine is shared and noisy.
const dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const options: BenchOptions = {
  ...DEFAULT_OPTIONS,
  ...SMOKE_OPTIONS,
  // PostgreSQL joins when the run has one (CI does); the rest needs nothing but Node.
  pgUrl: process.env.TEST_DATABASE_URL,
  outDir: dir,
};

describe('the bench in smoke mode', () => {
  it('runs every suite against checked servers and writes the table, the chart and the JSON', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const report = await runBench(options, 'npm run bench -- --smoke', (line) => lines.push(line));

    for (const section of report.sections) for (const row of section.rows) expect(row.problems, `${section.title}: ${row.name}`).toEqual([]);
    expect(report.sections.map((s) => s.title)).toEqual([
      'posts GET /api/posts with a valid token',
      'posts (SQLite) under a flood of random-kid tokens',
      'auth GET /.well-known/jwks.json',
      'auth POST /api/login',
    ]);
    const posts = report.sections[0]!.rows.map((r) => r.name);
    expect(posts).toEqual(expect.arrayContaining(['posts-sqlite', 'bare', 'jose', 'express-jwt', 'article']));

    const byId = new Map(report.targets.map((t) => [t.id, t]));
    const expected = [
      'posts-sqlite/bare/rps',
      'posts-sqlite/jose/rps',
      'posts-sqlite/express-jwt/rps',
      'posts-sqlite/article/rps',
      'posts-sqlite/bare/p99Ms',
      'flood/jwks-fetches',
      'flood/valid-throughput',
      'auth/jwks',
      'signing/openssl',
      'startup/auth',
      'startup/posts',
      'memory/auth',
      'memory/posts-sqlite',
    ];
    for (const id of expected) {
      const target = byId.get(id);
      expect(target?.status, id).toMatch(/^(met|NOT met)$/);
      expect(target?.measured, id).toBeGreaterThan(0);
    }
    for (const t of report.targets.filter((t) => t.id.startsWith('posts-pg/'))) {
      expect(t.status).toEqual(options.pgUrl ? expect.stringMatching(/^(met|NOT met)$/) : 'skipped');
    }
    // The flood was answered (all 401, or the run would carry problems) and counted at auth.
    expect(report.facts.find((f) => f.label.startsWith('JWKS requests at auth'))?.value).toMatch(/^\d+ in [\d.]+ s \([1-9]\d* random-kid tokens/);
    expect(report.facts.map((f) => f.label)).toContain('RS256 signing share of login time');

    const written = await writeResults(report, dir);
    const markdown = await readFile(written.markdown, 'utf8');
    for (const t of report.targets) expect(markdown).toContain(`| ${t.description} |`);
    expect(XMLValidator.validate(await readFile(written.chart, 'utf8'))).toBe(true);
    expect(JSON.parse(await readFile(written.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(lines[0]).toMatch(/^machine: .+ cores/);
  });
});
