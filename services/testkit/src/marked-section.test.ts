import { describe, expect, it } from 'vitest';
import { replaceMarkedSection, sectionMarkers } from './marked-section.js';

describe('replaceMarkedSection', () => {
  const { start, end } = sectionMarkers('bench');

  it('replaces only what stands between the markers', () => {
    const readme = `# Title\n\n## Performance\n${start}\nold table\n${end}\n\n## Next\n`;
    expect(replaceMarkedSection(readme, 'bench', '| new |\n')).toBe(`# Title\n\n## Performance\n${start}\n| new |\n${end}\n\n## Next\n`);
    const text = 'before\n<!-- reliability:start -->\nold\n<!-- reliability:end -->\nafter\n';
    expect(replaceMarkedSection(text, 'reliability', 'new\n')).toBe('before\n<!-- reliability:start -->\nnew\n<!-- reliability:end -->\nafter\n');
  });

  it("leaves another section's markers and content alone", () => {
    const readme = `${start}\nb\n${end}\n<!-- reliability:start -->\nr\n<!-- reliability:end -->\n`;
    expect(replaceMarkedSection(readme, 'reliability', 'R')).toBe(`${start}\nb\n${end}\n<!-- reliability:start -->\nR\n<!-- reliability:end -->\n`);
  });

  it('refuses a README without both markers in order', () => {
    expect(() => replaceMarkedSection('# no markers', 'bench', 'x')).toThrow(/needs the markers <!-- bench:start -->/);
    expect(() => replaceMarkedSection(`${end}\n${start}`, 'bench', 'x')).toThrow(/needs/);
    expect(() => replaceMarkedSection('no markers', 'reliability', 'x')).toThrow(/markers/);
  });
});
