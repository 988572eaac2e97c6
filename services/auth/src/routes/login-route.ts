import { Router } from 'express';
import { AppError, BadRequestError, TooManyRequestsError } from '@app/shared';
import type { AuthMetrics } from '../auth-metrics.js';
import type { FailureLimiter } from '../login/failure-limiter.js';
import { parseLoginRequest, type LoginRequest } from '../login/login-request.js';
import type { TokenIssuer } from '../tokens/token-issuer.js';
import type { UserDirectory } from '../users/user-directory.js';

export interface LoginRouteDeps {
  users: UserDirectory;
  issuer: TokenIssuer;
  metrics: AuthMetrics;
  byUsername: FailureLimiter;
  byIp: FailureLimiter;
}

/** The article's message, kept in `msg` for its clients. */
const BAD_CREDENTIALS = 'Bad username and password';

/** Validates the body; a 400 counts as an `invalid_request` failure. */
function parseCounted(body: unknown, metrics: AuthMetrics): LoginRequest {
  try {
    return parseLoginRequest(body);
  } catch (err) {
    if (err instanceof BadRequestError) metrics.loginFailures.inc({ reason: 'invalid_request' });
    throw err;
  }
}

/**
 * `POST /api/login`: a simplified password grant with a JSON body. Order matters: validate
 * (cheap 400s), then the rate limits (a blocked caller costs no bcrypt), then one bcrypt
 * comparison whether or not the user exists.
 */
export function loginRoute(deps: LoginRouteDeps): Router {
  const router = Router();
  router.post('/api/login', async (req, res) => {
    const login = parseCounted(req.body, deps.metrics);
    const ipKey = req.ip ?? 'unknown';
    const byIp = deps.byIp.take(ipKey);
    const byUser = byIp.allowed ? deps.byUsername.take(login.username) : byIp;
    if (!byUser.allowed) {
      if (byIp.allowed) deps.byIp.refund(ipKey);
      deps.metrics.loginFailures.inc({ reason: 'rate_limited' });
      req.log.warn({ reason: 'rate_limited' }, 'login refused');
      throw new TooManyRequestsError('too many failed logins; try again later', byUser.retryAfterSeconds, {
        msg: 'Too many failed login attempts',
      });
    }

    const user = await deps.users.verify(login.username, login.password);
    if (!user) {
      deps.metrics.loginFailures.inc({ reason: 'bad_credentials' });
      // No username in the log: people type passwords into the username field.
      req.log.info({ reason: 'bad_credentials' }, 'login failed');
      throw new AppError(401, 'invalid_credentials', 'the username or password is wrong', {
        extra: { msg: BAD_CREDENTIALS },
      });
    }
    // Success clears the username's count; the IP only gets this attempt back, so one valid
    // account cannot launder a password-spraying client.
    deps.byUsername.reset(login.username);
    deps.byIp.refund(ipKey);

    const issued = await deps.issuer.issue(user);
    deps.metrics.tokensIssued.inc();
    req.log.info({ sub: user.username, kid: issued.kid, jti: issued.jti }, 'token issued');
    res
      .status(200)
      .set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' })
      .json({ access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, auth: true });
  });
  return router;
}
