import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
// The built package (npm test builds first): the default destination is the process's stdout.
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('createLogger', () => {
  it('writes JSON lines to stdout asynchronously and loses none when the process exits at once', async () => {
    const script = `
      import { createLogger } from ${JSON.stringify(dist)};
      const logger = createLogger({ service: 'demo', level: 'info' });
      for (let i = 0; i < 500; i++) logger.info({ i, password: 'hunter2' }, 'line');
      logger.warn('last words');
      process.exit(3);
    `;
    const result = await run(process.execPath, ['--input-type=module', '-e', script]).catch((err: { code: number; stdout: string }) => err);
    expect((result as { code?: number }).code).toBe(3);
    const lines = (result as { stdout: string }).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(501);
    expect(lines[0]).toMatchObject({ level: 'info', service: 'demo', i: 0, password: '[redacted]', msg: 'line' });
    expect(lines[500]).toMatchObject({ level: 'warn', msg: 'last words' });
    expect(typeof lines[0]!.time).toBe('string');
  });
});
