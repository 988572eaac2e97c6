/**
 * Which charts exist and which values files each is tested with: every `charts/<c>/Chart.yaml`,
 * once with its defaults and once per `ci/*-values.yaml` (the convention of chart-testing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One chart rendered with one values file. */
export interface ChartCase {
  chart: string;
  chartDir: string;
  /** `default` or the values file name, e.g. `kind-values.yaml`. */
  values: string;
  valuesFile?: string;
}

/** The charts under `chartsDir` (folders with a Chart.yaml), by name. */
export function listCharts(chartsDir: string): string[] {
  if (!existsSync(chartsDir)) return [];
  return readdirSync(chartsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(chartsDir, d.name, 'Chart.yaml')))
    .map((d) => d.name)
    .sort();
}

/** True when a chart declares dependencies (they must be built before lint or template). */
export function hasDependencies(chartDir: string): boolean {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as { dependencies?: unknown[] } | null;
  return (chart?.dependencies?.length ?? 0) > 0;
}

/** Every chart x (defaults + each ci values file). */
export function chartCases(chartsDir: string): ChartCase[] {
  return listCharts(chartsDir).flatMap((chart) => {
    const chartDir = join(chartsDir, chart);
    const ciDir = join(chartDir, 'ci');
    const files = existsSync(ciDir) ? readdirSync(ciDir).filter((f) => f.endsWith('-values.yaml')).sort() : [];
    return [
      { chart, chartDir, values: 'default' },
      ...files.map((f) => ({ chart, chartDir, values: f, valuesFile: join(ciDir, f) })),
    ];
  });
}

/** `chart with values` for test names. */
export function caseName(c: ChartCase): string {
  return `${c.chart} with ${c.values}`;
}
