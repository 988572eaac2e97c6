import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, DEFAULT_PG_URL, parseBenchArgs, SMOKE_OPTIONS, SUITES, UsageError, type BenchOptions } from './bench-options.js';

const parse = (...argv: string[]) => parseBenchArgs(argv, '/out');

describe('parseBenchArgs', () => {
  it('runs every suite with the defaults when given nothing', () => {
    expect(parse()).toEqual({ ...DEFAULT_OPTIONS, outDir: '/out' });
    expect(DEFAULT_OPTIONS.suites).toEqual(SUITES);
    expect(DEFAULT_OPTIONS.pgUrl).toBe(DEFAULT_PG_URL);
  });

  it('takes a subset, durations and rounds', () => {
    expect(parse('--only', 'flood,posts', '--duration', '2.5', '--rounds', '3', '--warmup', '0', '--no-pg')).toMatchObject({
      suites: ['posts', 'flood'],
      durationS: 2.5,
      rounds: 3,
      warmupS: 0,
      pgUrl: undefined,
    });
  });

  it('never writes a smoke run over the committed results or into the README', () => {
    const outDir = (...argv: string[]) => (parse(...argv) as BenchOptions).outDir;
    expect(outDir('--smoke')).not.toBe('/out');
    expect(outDir('--smoke', '--out', '/tmp/x')).toBe('/tmp/x');
    expect(() => parse('--smoke', '--write-readme')).toThrow(/--write-readme cannot be used with --smoke/);
  });

  it('uses the smoke settings with --smoke, and later flags still win', () => {
    expect(parse('--smoke')).toMatchObject(SMOKE_OPTIONS);
    expect(parse('--smoke', '--rounds', '2')).toMatchObject({ ...SMOKE_OPTIONS, rounds: 2 });
  });

  it('names the flag that is wrong', () => {
    expect(() => parse('--only', 'posts,speed')).toThrow(new UsageError('--only takes posts, flood, auth, signing, startup; got speed'));
    expect(() => parse('--rounds', '1.5')).toThrow(/--rounds needs a positive integer, got 1.5/);
    expect(() => parse('--duration', '-1')).toThrow(/--duration needs a positive number/);
    expect(() => parse('--duration')).toThrow(/--duration needs a value/);
    expect(() => parse('--pg-url', 'mysql://x')).toThrow(/--pg-url must be a postgres/);
    expect(() => parse('--fast')).toThrow(/unknown option --fast/);
  });

  it('passes where logs and CPU profiles go', () => {
    expect(parse('--logs', '/tmp/logs', '--cpu-prof', '/tmp/prof', '--log-level', 'warn')).toMatchObject({
      logDir: '/tmp/logs',
      cpuProfileDir: '/tmp/prof',
      logLevel: 'warn',
    });
    expect(() => parse('--log-level', 'loud')).toThrow(/unknown level loud/);
  });

  it('asks for the usage with --help', () => {
    expect(parse('--rounds', '2', '--help')).toBe('help');
  });
});
