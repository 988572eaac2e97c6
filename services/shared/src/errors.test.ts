import { describe, expect, it } from 'vitest';
import { AppError, BadRequestError, ServiceUnavailableError } from './errors.js';

describe('AppError', () => {
  it("captures no stack for a 4xx (the client's doing) and keeps the global limit as it was", () => {
    const before = Error.stackTraceLimit;
    const error = new BadRequestError('limit must be a number');
    expect(error.stack).not.toMatch(/\n\s+at /);
    expect(error.stack).toContain('limit must be a number');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('plain').stack).toMatch(/\n\s+at /);
  });

  it('keeps the stack of a 5xx, which is ours to debug', () => {
    expect(new ServiceUnavailableError('database down', 5).stack).toMatch(/\n\s+at /);
    expect(new AppError(500, 'internal_error', 'boom').stack).toMatch(/\n\s+at /);
  });
});
