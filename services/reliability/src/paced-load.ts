import { now, quantile } from '@app/testkit';

/** What one request returned, as the case's `send` reports it. */
export interface Outcome {
  /** HTTP status; 0 when there was no answer (refused, reset, timed out). */
  readonly status: number;
  /** What kind of request this was (token generation, write, ...), for per-tag counts. */
  readonly tag?: string;
  readonly error?: string;
  /** Anything the case wants back (the id of a created post, a JSON error body). */
  readonly detail?: unknown;
}

/** One request of a load run, on the `clock.ts` timeline. */
export interface Sample extends Outcome {
  readonly index: number;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** The schedule and the request of a `PacedLoad`. */
export interface PacedLoadOptions {
  /** Requests started per second, on a fixed schedule whatever the answers take (open loop). */
  readonly ratePerSecond: number;
  /** Requests in flight at most; past it the schedule slips (reported as a lower achieved rate). */
  readonly maxInFlight?: number;
  /** Sends request number `index`; a throw counts as status 0 with the error message. */
  readonly send: (index: number) => Promise<Outcome>;
}

/**
 * Load at a known rate from the test process, over fetch's keep-alive pool: started with
 * `start`, ended with `stop`, which waits for the requests in flight and returns every sample.
 */
export class PacedLoad {
  readonly samples: Sample[] = [];
  private started = 0;
  private launched = 0;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stoppedAt: number | undefined;

  constructor(private readonly options: PacedLoadOptions) {}

  start(): this {
    this.started = now();
    const cap = this.options.maxInFlight ?? 256;
    const tick = () => {
      const due = Math.floor(((now() - this.started) * this.options.ratePerSecond) / 1000);
      while (this.launched < due && this.inFlight.size < cap) this.launch(this.launched++);
    };
    this.timer = setInterval(tick, Math.max(1, Math.min(20, 1000 / this.options.ratePerSecond)));
    tick();
    return this;
  }

  private launch(index: number): void {
    const startedAt = now();
    const done = this.options
      .send(index)
      .catch((err: unknown): Outcome => ({ status: 0, error: err instanceof Error ? err.message : String(err) }))
      .then((outcome) => {
        this.samples.push({ ...outcome, index, startedAt, endedAt: now() });
        this.inFlight.delete(done);
      });
    this.inFlight.add(done);
  }

  /** Stops starting requests, waits for those in flight, and returns all samples in start order. */
  async stop(): Promise<Sample[]> {
    clearInterval(this.timer);
    this.stoppedAt ??= now();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    return this.samples.sort((a, b) => a.index - b.index);
  }

  /** Requests per second actually started between `start` and `stop`. */
  get achievedRate(): number {
    const end = this.stoppedAt ?? now();
    return end > this.started ? (this.launched * 1000) / (end - this.started) : 0;
  }
}

/** Count, failures and latency percentiles of a set of samples. */
export function summarize(samples: readonly Sample[], ok: (s: Sample) => boolean = (s) => s.status >= 200 && s.status < 300) {
  const latencies = samples.map((s) => s.endedAt - s.startedAt);
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  return { count: samples.length, failures: samples.filter((s) => !ok(s)), byStatus, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}
