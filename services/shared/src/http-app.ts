import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, BadRequestError } from './errors.js';
import type { Health } from './health.js';
import type { HttpMetrics } from './metrics.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's `X-Request-Id` when well-formed, otherwise a new UUID. */
    id: string;
    /** A child logger carrying the request id. */
    log: Logger;
  }
}

export interface HttpAppOptions {
  logger: Logger;
  metrics: HttpMetrics;
  health: Health;
  bodyLimitBytes: number;
  /** Number of proxy hops whose X-Forwarded-For is trusted (express `trust proxy`). */
  trustProxy: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The route template of a matched request (`/api/posts/:id`), never the raw path. */
export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return 'unmatched';
}

/**
 * The express app every service starts from: request ids, one access log line and one
 * histogram observation per request, helmet headers, health and metrics endpoints, and a
 * JSON body parser that answers 415/413/400 for the wrong type, size or syntax.
 * Services add their routes (with full paths, on routers mounted at `/`), then call `finishApp`.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const { logger, metrics, health } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.set('etag', false);

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    if (health.isDraining) res.setHeader('Connection', 'close');
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(req);
      metrics.requestDuration.observe({ method: req.method, route, status_code: String(res.statusCode) }, seconds);
      const line = {
        req: { method: req.method, url: req.originalUrl, remoteAddress: req.ip },
        res: { statusCode: res.statusCode },
        route,
        durationMs: Math.round(seconds * 1e6) / 1e3,
      };
      if (res.statusCode >= 500) req.log.error(line, 'request failed');
      else if (QUIET_PATHS.has(req.path)) req.log.debug(line, 'request completed');
      else req.log.info(line, 'request completed');
    });
    next();
  });

  app.use(helmet());
  app.use(health.router());
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use((req, _res, next) => {
    // `req.is` is null without a body, false for a body of another type.
    if (req.is(['application/json', 'application/*+json']) === false) {
      next(new UnsupportedMediaTypeError(`request body must be application/json, not ${req.get('content-type') ?? 'untyped'}`));
      return;
    }
    next();
  });
  app.use(express.json({ limit: options.bodyLimitBytes, strict: true, type: ['application/json', 'application/*+json'] }));
  return app;
}

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/** Maps errors from express and body-parser to AppErrors; anything else is a 500. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as HttpishError;
  switch (e.type) {
    case 'entity.parse.failed':
      return new BadRequestError('request body is not valid JSON', 'malformed_json');
    case 'entity.too.large':
      return new PayloadTooLargeError();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('request body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestError('request body was incomplete');
    default:
      break;
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', e.expose && e.message ? e.message : 'bad request');
  }
  return undefined;
}

/** Adds the 404 for unknown routes and the one error handler. Call after the service's routes. */
export function finishApp(app: Express): Express {
  app.use((req, _res, next) => {
    next(new NotFoundError(`no route for ${req.method} ${req.path}`));
  });
  // Express recognises error middleware by its four parameters.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    if (res.headersSent) {
      req.log.error({ err }, 'error after the response started');
      res.destroy();
      return;
    }
    if (!appError || appError.status >= 500) {
      req.log.error({ err }, 'request failed');
    }
    const status = appError?.status ?? 500;
    const body = appError
      ? { ...appError.extra, error: appError.code, message: appError.message }
      : { error: 'internal_error', message: 'internal server error' };
    if (appError) res.set(appError.headers);
    res.status(status).set('Cache-Control', 'no-store').json(body);
  });
  return app;
}
