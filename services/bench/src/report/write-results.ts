import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { replaceMarkedSection } from '@app/testkit';
import type { BenchReport } from './bench-report.js';
import { renderMarkdown } from './markdown-report.js';
import { renderRatioChart } from './ratio-chart.js';

export const CHART_FILE = 'ratios.svg';

/** The files one run wrote. */
export interface WrittenResults {
  readonly markdown: string;
  readonly chart: string;
  readonly json: string;
  readonly readme?: string;
}

/**
 * Writes latest.md, latest.json and the ratio chart into `outDir`; with `readmePath`, also
 * replaces the README's bench section with the same tables (chart linked relative to the README).
 */
export async function writeResults(report: BenchReport, outDir: string, readmePath?: string): Promise<WrittenResults> {
  await mkdir(outDir, { recursive: true });
  const written = {
    markdown: join(outDir, 'latest.md'),
    chart: join(outDir, CHART_FILE),
    json: join(outDir, 'latest.json'),
  };
  await writeFile(written.markdown, renderMarkdown(report, { headingLevel: 2, chartPath: CHART_FILE, title: 'Benchmark results' }));
  await writeFile(written.chart, renderRatioChart(report.targets));
  await writeFile(written.json, `${JSON.stringify(report, null, 2)}\n`);
  if (!readmePath) return written;
  const chartPath = relative(dirname(readmePath), written.chart);
  const readme = await readFile(readmePath, 'utf8');
  await writeFile(readmePath, replaceMarkedSection(readme, 'bench', renderMarkdown(report, { headingLevel: 3, chartPath })));
  return { ...written, readme: readmePath };
}
