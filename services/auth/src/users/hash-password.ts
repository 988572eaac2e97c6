import bcrypt from 'bcryptjs';

/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
export const PASSWORD_MAX_BYTES = 72;
export const MIN_BCRYPT_COST = 10;
export const MAX_BCRYPT_COST = 15;

/** Hashes a password with bcrypt (`$2b$`, cost 10 by default, 10-15 allowed). */
export async function hashPassword(password: string, cost = MIN_BCRYPT_COST): Promise<string> {
  if (!Number.isInteger(cost) || cost < MIN_BCRYPT_COST || cost > MAX_BCRYPT_COST) {
    throw new RangeError(`cost must be an integer from ${MIN_BCRYPT_COST} to ${MAX_BCRYPT_COST}`);
  }
  if (password.length === 0) throw new RangeError('password must not be empty');
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw new RangeError(`password must be at most ${PASSWORD_MAX_BYTES} bytes (bcrypt's limit)`);
  }
  return bcrypt.hash(password, cost);
}
