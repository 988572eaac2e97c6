import autocannon from 'autocannon';

/** One load run against one server. */
export interface LoadSpec {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  readonly durationS: number;
  /** Every response must carry this status; anything else makes the run invalid. */
  readonly expectStatus?: number;
  /** Every response body must equal this, byte for byte (counted as mismatches otherwise). */
  readonly expectBody?: string;
  /** Or must pass this check (used where bodies differ per response, e.g. fresh tokens). */
  readonly verifyBody?: (body: string) => boolean;
  /**
   * A CommonJS module whose export rewrites each request before it is sent (e.g. a new random
   * `kid` per request). The run then goes to a worker thread of its own, off this event loop.
   */
  readonly setupRequestModule?: string;
  /** Requests per second over all connections (no limit when absent). */
  readonly overallRate?: number;
}

/** What one run measured, and why it cannot be trusted if it cannot. */
export interface LoadResult {
  /** Responses with the expected status per second. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses received, whatever their status. */
  readonly responses: number;
  readonly durationS: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly mismatches: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  /** Empty when every response had the expected status and body; otherwise what went wrong. */
  readonly problems: readonly string[];
  /** CPU microseconds the server process spent per response, when it was watched. */
  readonly serverCpuUs?: number;
  /** CPU microseconds the server's database backends spent per response, when they were watched. */
  readonly databaseCpuUs?: number;
}

/** The problems of a finished run: errors, timeouts, unexpected statuses, wrong bodies, silence. */
export function loadProblems(result: Omit<LoadResult, 'problems' | 'rps'>, expectStatus: number): string[] {
  const problems: string[] = [];
  if (result.responses === 0) problems.push('no response');
  if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  const unexpected = Object.entries(result.statusCounts).filter(([status]) => status !== String(expectStatus));
  if (unexpected.length > 0) {
    problems.push(`unexpected statuses ${unexpected.map(([status, count]) => `${status} x${count}`).join(', ')}`);
  }
  if (result.mismatches > 0) problems.push(`${result.mismatches} responses with a wrong body`);
  return problems;
}

/**
 * Runs autocannon in this process against a server in another process and checks every
 * response: a run with errors, another status or a wrong body is reported with its problems,
 * so a peer that answers fast but wrongly never counts as fast.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const expectStatus = spec.expectStatus ?? 200;
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    connections: spec.connections,
    duration: spec.durationS,
    timeout: 10,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(spec.expectBody !== undefined ? { expectBody: spec.expectBody } : {}),
    ...(spec.verifyBody ? { verifyBody: (body: unknown) => spec.verifyBody!(String(body)) } : {}),
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    ...(spec.setupRequestModule ? { workers: 1, requests: [{ setupRequest: spec.setupRequestModule }] } : {}),
  });
  const statusCounts: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = stats.count ?? 0;
  const responses = Object.values(statusCounts).reduce((sum, n) => sum + n, 0);
  const measured = {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    responses,
    durationS: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCounts,
  };
  return {
    ...measured,
    rps: result.duration > 0 ? (statusCounts[String(expectStatus)] ?? 0) / result.duration : 0,
    problems: loadProblems(measured, expectStatus),
  };
}
