import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('page cursors', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(encodeCursor(42)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each(['', 'x'.repeat(65), 'not base64!', Buffer.from('p1.0').toString('base64url'), Buffer.from('p1.-1').toString('base64url'),
    Buffer.from('p2.5').toString('base64url'), Buffer.from('p1.1e3').toString('base64url'), Buffer.from('p1.9999999999999999').toString('base64url')])(
    'rejects %j with a 400 naming cursor',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400, message: 'cursor is not a valid page cursor' }));
    },
  );
});
