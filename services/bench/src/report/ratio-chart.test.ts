import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../testing/sample-report.js';
import { renderRatioChart } from './ratio-chart.js';

describe('renderRatioChart', () => {
  const svg = renderRatioChart(sampleReport().targets);

  it('is well-formed XML with an svg root', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg: { '@_xmlns': string } };
    expect(doc.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
  });

  it('draws one bar per measured ratio, coloured by status, with the descriptions escaped', () => {
    const bars = [...svg.matchAll(/<rect x="\d+" y="\d+"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    // Three measured ratios (met, NOT met, invalid); the skipped one and the MB target are left out.
    expect(bars).toEqual(['#2e7d32', '#c62828', '#9e9e9e']);
    expect(svg).toContain('(b) &lt;jose&gt; &amp; co');
    expect(svg).toContain('0.95x (&gt;= 0.85x)');
  });

  it('bars grow with the ratio', () => {
    const widths = [...svg.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 0.95x, 1.10x, 1.70x
    expect(widths[0]).toBeLessThan(widths[1]!);
    expect(widths[1]).toBeLessThan(widths[2]!);
  });

  it('makes the label column wide enough for the longest description', () => {
    const long = 'x'.repeat(90);
    const wide = renderRatioChart([{ ...sampleReport().targets[0]!, description: long }]);
    const barX = Number(/<rect x="(\d+)" y="\d+"/.exec(wide)![1]);
    expect(barX).toBeGreaterThan(90 * 6);
  });

  it('still renders, saying so, when nothing was measured', () => {
    const empty = renderRatioChart([]);
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('no ratio was measured');
  });
});
