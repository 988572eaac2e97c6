import { readFile } from 'node:fs/promises';
import { sectionMarkers } from '@app/testkit';
import { describe, expect, it } from 'vitest';

describe('the bench section of the repository README', () => {
  it('has its markers once each, after ## Performance (where --write-readme writes)', async () => {
    const { start, end } = sectionMarkers('bench');
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme.split(start)).toHaveLength(2);
    expect(readme.split(end)).toHaveLength(2);
    expect(readme.indexOf(start)).toBeGreaterThan(readme.indexOf('## Performance'));
  });
});
