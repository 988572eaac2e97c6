import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BENCH_END, BENCH_START, replaceBenchSection } from './readme-section.js';

describe('replaceBenchSection', () => {
  it('replaces only what stands between the markers', () => {
    const readme = `# Title\n\n## Performance\n${BENCH_START}\nold table\n${BENCH_END}\n\n## Next\n`;
    expect(replaceBenchSection(readme, '| new |\n')).toBe(`# Title\n\n## Performance\n${BENCH_START}\n| new |\n${BENCH_END}\n\n## Next\n`);
  });

  it('refuses a README without both markers in order', () => {
    expect(() => replaceBenchSection('# no markers', 'x')).toThrow(/needs <!-- bench:start -->/);
    expect(() => replaceBenchSection(`${BENCH_END}\n${BENCH_START}`, 'x')).toThrow(/needs/);
  });

  it('finds the markers once each in the repository README (where --write-readme writes)', async () => {
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme.split(BENCH_START)).toHaveLength(2);
    expect(readme.split(BENCH_END)).toHaveLength(2);
    expect(readme.indexOf(BENCH_START)).toBeGreaterThan(readme.indexOf('## Performance'));
  });
});
