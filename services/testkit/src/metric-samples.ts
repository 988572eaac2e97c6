/** One sample line of a Prometheus text exposition. */
export interface MetricSample {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample of `exposition`, comments and blank lines skipped; label values stay escaped. */
export function parseSamples(exposition: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of exposition.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = new Map([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1]!, m[2]!] as const));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const hasLabels = (sample: MetricSample, labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).every(([k, v]) => sample.labels.get(k) === v);

/**
 * The value of the one series `name` with exactly `labels` (no more, no fewer), or undefined
 * when there is none.
 */
export function metricValue(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  const wanted = Object.keys(labels).length;
  return parseSamples(exposition).find((s) => s.name === name && s.labels.size === wanted && hasLabels(s, labels))?.value;
}

/**
 * The sum of the samples of `name` whose labels include every pair of `labels` (e.g. every
 * status code of one route). 0 when none match.
 */
export function metricSum(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  return parseSamples(exposition)
    .filter((s) => s.name === name && hasLabels(s, labels) && Number.isFinite(s.value))
    .reduce((sum, s) => sum + s.value, 0);
}
