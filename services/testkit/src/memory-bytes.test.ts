import { describe, expect, it } from 'vitest';
import { memoryBytes } from './memory-bytes.js';

describe('memoryBytes', () => {
  it("reads this process's resident set, its peak at least as large, both in bytes", async () => {
    const rss = (await memoryBytes(process.pid, 'VmRSS'))!;
    const peak = (await memoryBytes(process.pid, 'VmHWM'))!;
    // A node process with vitest loaded holds tens of MiB, not kB or TB (a unit slip would show).
    expect(rss).toBeGreaterThan(10 * 2 ** 20);
    expect(rss).toBeLessThan(8 * 2 ** 30);
    expect(peak).toBeGreaterThanOrEqual(rss);
  });

  it('grows with memory this process touches', async () => {
    const before = (await memoryBytes(process.pid, 'VmRSS'))!;
    const block = Buffer.alloc(64 * 2 ** 20, 1);
    const after = (await memoryBytes(process.pid, 'VmRSS'))!;
    expect(block[block.length - 1]).toBe(1);
    expect(after - before).toBeGreaterThan(32 * 2 ** 20);
  });

  it('is undefined for a process that does not exist', async () => {
    expect(await memoryBytes(2 ** 22 + 1, 'VmRSS')).toBeUndefined();
    expect(await memoryBytes(2 ** 22 + 1, 'VmHWM')).toBeUndefined();
  });
});
