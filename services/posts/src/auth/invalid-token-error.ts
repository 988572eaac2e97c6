import { UnauthorizedError } from '@app/shared';
import type { VerifyResult } from './access-token.js';

/** A presented token that fails verification: 401 `invalid_token`, with the metric reason kept. */
export class InvalidTokenError extends UnauthorizedError {
  constructor(
    readonly reason: Exclude<VerifyResult, 'ok' | 'cached' | 'jwks_unavailable'>,
    message: string,
  ) {
    super(message, { tokenPresented: true });
  }
}
