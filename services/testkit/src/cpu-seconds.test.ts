import { describe, expect, it } from 'vitest';
import { cpuSeconds } from './cpu-seconds.js';

describe('cpuSeconds', () => {
  it('grows by about the CPU time this process burns', async () => {
    const before = (await cpuSeconds(process.pid))!;
    const until = performance.now() + 300;
    let spin = 0;
    while (performance.now() < until) spin++;
    const after = (await cpuSeconds(process.pid))!;
    expect(spin).toBeGreaterThan(0);
    // 300 ms of spinning, counted in 10 ms ticks, on a machine that may be busy.
    expect(after - before).toBeGreaterThanOrEqual(0.1);
    expect(after - before).toBeLessThan(1);
  });

  it('is undefined for a process that does not exist', async () => {
    expect(await cpuSeconds(2 ** 22 + 1)).toBeUndefined();
  });
});
