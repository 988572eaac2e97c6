/**
 * Runs once before the chart suite: finds helm and nginx (CI policy in tools.ts), copies
 * charts/ to a temp folder (so `helm dependency build` never writes into the work tree), builds
 * the umbrella's file:// dependencies there, and renders every chart x values case once; the
 * test files read the results through `inject('chartSuite')`.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chartCases, hasDependencies, listCharts } from './chart-matrix.js';
import { Helm } from './helm.js';
import { CHARTS_DIR } from './repo-paths.js';
import type { ChartSuite, RenderedCase } from './test-context.js';
import { findHelm, findNginx, requireInCi } from './tools.js';

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [helmTool, nginxTool] = await Promise.all([findHelm(), findNginx()]);
  requireInCi('helm', helmTool);
  requireInCi('nginx', nginxTool);
  const work = await mkdtemp(join(tmpdir(), 'chart-tests-'));
  const chartsDir = join(work, 'charts');
  const helmHome = join(work, 'helm-home');
  let renders: RenderedCase[] = [];
  if (helmTool.path) {
    // Vendored dependency tarballs of the work tree are left behind: they may be stale.
    await mkdir(chartsDir, { recursive: true }); // no charts/ at all: the lint test reports it
    if (existsSync(CHARTS_DIR)) await cp(CHARTS_DIR, chartsDir, { recursive: true, filter: (src) => !/\/charts\/[^/]+\/charts\/[^/]+\.tgz$/.test(src) });
    const helm = new Helm(helmTool.path, helmHome);
    for (const chart of listCharts(chartsDir)) {
      if (hasDependencies(join(chartsDir, chart))) await helm.dependencyBuild(join(chartsDir, chart));
    }
    renders = await mapLimit(chartCases(chartsDir), 2, async (c) => {
      const res = await helm.template(c.chartDir, { valuesFiles: c.valuesFile ? [c.valuesFile] : [] });
      return { ...c, ...res };
    });
  }
  const suite: ChartSuite = {
    helm: helmTool.path ?? null,
    helmMissing: helmTool.missing ?? null,
    nginx: nginxTool.path ?? null,
    nginxMissing: nginxTool.missing ?? null,
    chartsDir,
    helmHome,
    work,
    renders,
  };
  project.provide('chartSuite', suite);
  return async () => {
    await rm(work, { recursive: true, force: true });
  };
}
