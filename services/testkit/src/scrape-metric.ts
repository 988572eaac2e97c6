import { metricSum, metricValue } from './metric-samples.js';

/** GET `<baseUrl>/metrics`; throws on anything but a 200 within 5 s. */
export async function fetchExposition(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${res.status}`);
  return text;
}

/**
 * Reads one sample from a service's Prometheus exposition: the value of `name` with exactly
 * the given labels, or undefined when it is absent.
 */
export async function scrapeMetric(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  return metricValue(await fetchExposition(baseUrl), name, labels);
}

/** Fetches `<baseUrl>/metrics` and sums `name` over the series that carry `labels`, as `metricSum` does. */
export async function scrapeMetricSum(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return metricSum(await fetchExposition(baseUrl), name, labels);
}
