import { BadRequestError } from '@app/shared';
import { PASSWORD_MAX_BYTES } from '../users/hash-password.js';
import { USERNAME_MAX_LENGTH } from '../users/users-file.js';

/** A validated login body. */
export interface LoginRequest {
  username: string;
  password: string;
}

function field(body: Record<string, unknown>, name: 'username' | 'password'): string {
  const value = body[name];
  if (value === undefined || value === null) throw new BadRequestError(`${name} is required`);
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be a string`);
  if (value.length === 0) throw new BadRequestError(`${name} must not be empty`);
  return value;
}

/**
 * Validates `POST /api/login`'s JSON body. Each 400 names the field; none says whether the
 * user exists. Other fields are ignored, as OAuth token endpoints ignore unknown parameters.
 */
export function parseLoginRequest(body: unknown): LoginRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('request body must be a JSON object with username and password');
  }
  const b = body as Record<string, unknown>;
  const username = field(b, 'username');
  const password = field(b, 'password');
  if (username.length > USERNAME_MAX_LENGTH) {
    throw new BadRequestError(`username must be at most ${USERNAME_MAX_LENGTH} characters`);
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw new BadRequestError(`password must be at most ${PASSWORD_MAX_BYTES} bytes`);
  }
  return { username, password };
}
