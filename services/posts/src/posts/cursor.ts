import { BadRequestError } from '@app/shared';

/**
 * Page cursors are opaque to clients (base64url of a versioned position) so the storage
 * order can change without breaking them; a cursor that does not decode is a 400, never
 * a query with a garbage bound.
 */
const PREFIX = 'p1.';
const SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const POSITION = /^p1\.([1-9]\d{0,14})$/;

/** The cursor handed out for continuing after `position`. */
export function encodeCursor(position: number): string {
  return Buffer.from(`${PREFIX}${position}`, 'utf8').toString('base64url');
}

/** The position inside `cursor`; throws `BadRequestError` naming the `cursor` parameter. */
export function decodeCursor(cursor: string): number {
  if (!SHAPE.test(cursor)) throw new BadRequestError('cursor is not a valid page cursor');
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadRequestError('cursor is not a valid page cursor');
  return Number(match[1]);
}
