import { Router, type RequestHandler } from 'express';

/** A readiness check: true when the dependency is usable. Must answer quickly. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/**
 * Liveness and readiness. `/healthz` is 200 while the event loop runs; `/readyz` is 200 only
 * when every check passes and no shutdown has begun, so the endpoints drop a pod before it stops.
 */
export class Health {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  /** Registers a named readiness check. */
  addCheck(name: string, check: ReadinessCheck): this {
    this.checks.set(name, check);
    return this;
  }

  /** Marks the process as shutting down: readiness fails from now on. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Runs every check; a check that throws counts as failed. */
  async evaluate(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const checks: Record<string, boolean> = {};
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          checks[name] = (await check()) === true;
        } catch {
          checks[name] = false;
        }
      }),
    );
    const ready = !this.draining && Object.values(checks).every(Boolean);
    return { ready, checks };
  }

  /** The `/healthz` and `/readyz` handlers, for apps that register routes themselves. */
  handlers(): { healthz: RequestHandler; readyz: RequestHandler } {
    return {
      healthz: (_req, res) => {
        res.set('Cache-Control', 'no-store').json({ status: 'ok' });
      },
      readyz: async (_req, res) => {
        const { ready, checks } = await this.evaluate();
        res
          .status(ready ? 200 : 503)
          .set('Cache-Control', 'no-store')
          .json({ status: ready ? 'ok' : this.draining ? 'shutting_down' : 'unavailable', checks });
      },
    };
  }

  /** The `/healthz` and `/readyz` routes as a router. */
  router(): Router {
    const router = Router();
    const { healthz, readyz } = this.handlers();
    router.get('/healthz', healthz);
    router.get('/readyz', readyz);
    return router;
  }
}
