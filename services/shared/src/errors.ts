/**
 * One error hierarchy for every service. Each error carries a stable machine-readable
 * `code` (the `error` field of the JSON body) and the HTTP status it maps to; the single
 * error middleware in `http-app.ts` turns them into `{ error, message }`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Extra fields merged into the JSON body (for example the login error's legacy `msg`). */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { headers?: Record<string, string>; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    // A 4xx is the client's doing: its stack would say nothing, and capturing one is the largest
    // cost of refusing a request (a flood of bad tokens is all refusals). 5xx errors keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

/** 400: the request is malformed or fails validation; the message names the field. */
export class BadRequestError extends AppError {
  constructor(message: string, code = 'invalid_request') {
    super(400, code, message);
  }
}

/** Escapes a value for use inside a quoted-string of a `WWW-Authenticate` header. */
function quoted(value: string): string {
  return value.replace(/[\\"]/g, '\\$&');
}

/**
 * 401 per RFC 6750: no token gives a bare `Bearer` challenge; a bad token adds
 * `error="invalid_token"`.
 */
export class UnauthorizedError extends AppError {
  constructor(message: string, options: { tokenPresented: boolean; realm?: string }) {
    const realm = options.realm ? `realm="${quoted(options.realm)}"` : '';
    const challenge = options.tokenPresented
      ? ['Bearer', [realm, 'error="invalid_token"', `error_description="${quoted(message)}"`].filter(Boolean).join(', ')].join(' ')
      : realm ? `Bearer ${realm}` : 'Bearer';
    super(401, options.tokenPresented ? 'invalid_token' : 'unauthorized', message, {
      headers: { 'WWW-Authenticate': challenge },
    });
  }
}

/** 403 per RFC 6750: a valid token that lacks the scope the request needs. */
export class InsufficientScopeError extends AppError {
  constructor(scope: string) {
    super(403, 'insufficient_scope', `this request needs the scope "${scope}"`, {
      headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${quoted(scope)}"` },
    });
  }
}

/** 404: no such resource, or one the caller may not know exists. */
export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super(404, 'not_found', message);
  }
}

/** 413: the body is over the configured limit. */
export class PayloadTooLargeError extends AppError {
  constructor(message = 'request body is too large') {
    super(413, 'payload_too_large', message);
  }
}

/** 415: a body was sent with a content type other than JSON. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'request body must be application/json') {
    super(415, 'unsupported_media_type', message);
  }
}

/** 429 with `Retry-After` in whole seconds. */
export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number, extra?: Record<string, unknown>) {
    super(429, 'too_many_requests', message, {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
      ...(extra ? { extra } : {}),
    });
  }
}

/** 503: a dependency (database, key set) is not available right now; the client may retry. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, retryAfterSeconds = 1) {
    super(503, 'service_unavailable', message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
}
