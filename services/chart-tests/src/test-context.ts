/** What the global setup hands to every test file, and helpers to read it. */
import { join } from 'node:path';
import { inject } from 'vitest';
import { Helm, NAMESPACE, type HelmResult } from './helm.js';
import type { ChartCase } from './chart-matrix.js';
import type { Render } from './k8s-object.js';
import { cloneObjects, parseManifest } from './manifest.js';

/** One chart x values case rendered by the global setup. */
export type RenderedCase = ChartCase & HelmResult;

/** Serializable context from test-global-setup.ts. */
export interface ChartSuite {
  helm: string | null;
  /** What `helm version` printed, e.g. v4.1.4. */
  helmVersion: string | null;
  helmMissing: string | null;
  /** A Helm 3 (v3.x), rendering the same cases to prove the charts work with both. */
  helm3: string | null;
  helm3Version: string | null;
  helm3Missing: string | null;
  nginx: string | null;
  nginxMissing: string | null;
  /** The temp copy of charts/ (umbrella dependencies built by helm). */
  chartsDir: string;
  /** The temp copy of charts/ whose umbrella dependencies helm 3 built. */
  helm3ChartsDir: string;
  helmHome: string;
  helm3Home: string;
  work: string;
  renders: RenderedCase[];
  /** The same cases rendered by helm 3 from helm3ChartsDir (empty without helm 3). */
  helm3Renders: RenderedCase[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    chartSuite: ChartSuite;
  }
}

/** The suite context. */
export function suite(): ChartSuite {
  return inject('chartSuite');
}

/** A helm runner on the suite's private home; throws when helm is unavailable. */
export function helm(): Helm {
  const s = suite();
  if (!s.helm) throw new Error(s.helmMissing ?? 'helm unavailable');
  return new Helm(s.helm, s.helmHome);
}

/** A helm 3 runner on its own private home; throws when helm 3 is unavailable. */
export function helm3(): Helm {
  const s = suite();
  if (!s.helm3) throw new Error(s.helm3Missing ?? 'helm 3 unavailable');
  return new Helm(s.helm3, s.helm3Home);
}

const parsed = new Map<string, Render>();

/** The parsed objects of one rendered case (a fresh copy each call, safe to mutate). */
export function renderOf(c: Pick<ChartCase, 'chart' | 'values'>): Render {
  const key = `${c.chart}/${c.values}`;
  let render = parsed.get(key);
  if (!render) {
    const rc = suite().renders.find((r) => r.chart === c.chart && r.values === c.values);
    if (!rc) throw new Error(`no render of ${c.chart} with ${c.values}`);
    if (rc.code !== 0) throw new Error(`helm template ${c.chart} with ${c.values} failed:\n${rc.stderr}`);
    render = { objects: parseManifest(rc.stdout), namespace: NAMESPACE };
    parsed.set(key, render);
  }
  return { objects: cloneObjects(render.objects), namespace: render.namespace };
}

/** The umbrella chart, whose kind values the tests below start from. */
export const UMBRELLA = 'no-shared-secret';

/**
 * The umbrella rendered now with its kind values (`ci/kind-values.yaml`) plus `extra` values
 * files and `--set` assignments: for a render the global setup does not make. Throws, with helm's
 * stderr, when helm fails.
 */
export async function renderKindWith(extra: { valuesFiles?: readonly string[]; set?: readonly string[] } = {}): Promise<Render> {
  const chart = join(suite().chartsDir, UMBRELLA);
  const res = await helm().template(chart, { valuesFiles: [join(chart, 'ci/kind-values.yaml'), ...(extra.valuesFiles ?? [])], set: extra.set ?? [] });
  if (res.code !== 0) throw new Error(`helm template ${UMBRELLA} with the kind values failed:\n${res.stderr}`);
  return { objects: parseManifest(res.stdout), namespace: NAMESPACE };
}
