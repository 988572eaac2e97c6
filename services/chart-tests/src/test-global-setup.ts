/**
 * Runs once before the chart suite: finds helm, helm 3 and nginx (CI policy in tools.ts), copies
 * charts/ to a temp folder per helm (so `helm dependency build` never writes into the work tree,
 * and each helm builds the umbrella's file:// dependencies itself), and renders every chart x
 * values case once with each helm; the test files read the results through
 * `inject('chartSuite')`.
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
import { findHelms, findNginx, helmMajor, requireInCi } from './tools.js';

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

/** Copies the work tree's charts to `dir` and builds their dependencies with `helm`. */
async function prepareCharts(helm: Helm, dir: string): Promise<void> {
  // Vendored dependency tarballs of the work tree are left behind: they may be stale.
  await mkdir(dir, { recursive: true }); // no charts/ at all: the lint test reports it
  if (existsSync(CHARTS_DIR)) await cp(CHARTS_DIR, dir, { recursive: true, filter: (src) => !/\/charts\/[^/]+\/charts\/[^/]+\.tgz$/.test(src) });
  for (const chart of listCharts(dir)) {
    if (hasDependencies(join(dir, chart))) await helm.dependencyBuild(join(dir, chart));
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [{ helm: helmTool, helm3: helm3Tool }, nginxTool] = await Promise.all([findHelms(), findNginx()]);
  requireInCi('helm', helmTool);
  requireInCi('helm 3', helm3Tool);
  if (helmTool.path) {
    // Helm 3 is proven against Helm 4; a helm v3 on PATH as `helm` leaves nothing to compare with.
    requireInCi('helm 4', helmMajor(helmTool.version) === 4 ? {} : { missing: `${helmTool.path} is ${helmTool.version}` });
  }
  requireInCi('nginx', nginxTool);
  const work = await mkdtemp(join(tmpdir(), 'chart-tests-'));
  const chartsDir = join(work, 'charts');
  const helm3ChartsDir = join(work, 'charts-helm3');
  const helmHome = join(work, 'helm-home');
  const helm3Home = join(work, 'helm3-home');
  const helm = helmTool.path ? new Helm(helmTool.path, helmHome) : undefined;
  const helm3 = helm3Tool.path ? new Helm(helm3Tool.path, helm3Home) : undefined;
  await Promise.all([helm && prepareCharts(helm, chartsDir), helm3 && prepareCharts(helm3, helm3ChartsDir)]);
  const jobs = [
    ...(helm ? chartCases(chartsDir).map((c) => ({ helm, c })) : []),
    ...(helm3 ? chartCases(helm3ChartsDir).map((c) => ({ helm: helm3, c })) : []),
  ];
  const rendered = await mapLimit(jobs, 2, async ({ helm: h, c }) => {
    const res = await h.template(c.chartDir, { valuesFiles: c.valuesFile ? [c.valuesFile] : [] });
    return { helm: h, rendered: { ...c, ...res } };
  });
  const suite: ChartSuite = {
    helm: helmTool.path ?? null,
    helmVersion: helmTool.version ?? null,
    helmMissing: helmTool.missing ?? null,
    helm3: helm3Tool.path ?? null,
    helm3Version: helm3Tool.version ?? null,
    helm3Missing: helm3Tool.missing ?? null,
    nginx: nginxTool.path ?? null,
    nginxMissing: nginxTool.missing ?? null,
    chartsDir,
    helm3ChartsDir,
    helmHome,
    helm3Home,
    work,
    renders: rendered.filter((r) => r.helm === helm).map((r) => r.rendered),
    helm3Renders: rendered.filter((r) => r.helm === helm3).map((r) => r.rendered),
  };
  project.provide('chartSuite', suite);
  return async () => {
    await rm(work, { recursive: true, force: true });
  };
}
