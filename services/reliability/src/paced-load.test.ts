import { sleep } from '@app/testkit';
import { describe, expect, it } from 'vitest';
import { PacedLoad, summarize } from './paced-load.js';

describe('PacedLoad', () => {
  it('never starts more requests than its schedule allows, nor more than maxInFlight at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const load = new PacedLoad({
      ratePerSecond: 1000,
      maxInFlight: 3,
      send: async () => {
        peak = Math.max(peak, ++inFlight);
        await sleep(20);
        inFlight -= 1;
        return { status: 200 };
      },
    }).start();
    await sleep(200);
    const samples = await load.stop();
    expect(peak).toBe(3);
    expect(inFlight).toBe(0);
    // The cap, not the schedule, bounded this run: 3 at a time for ~20 ms each.
    expect(samples.length).toBeLessThan(200);
    expect(samples.map((s) => s.index)).toEqual(samples.map((_, i) => i));
  });

  it('counts a request that throws as status 0 with its message', async () => {
    const load = new PacedLoad({
      ratePerSecond: 100,
      send: async (i) => {
        if (i === 0) throw new Error('refused');
        return { status: 201, tag: 'write' };
      },
    }).start();
    await sleep(50);
    const samples = await load.stop();
    expect(samples[0]).toMatchObject({ status: 0, error: 'refused' });
    const summary = summarize(samples);
    expect(summary.failures).toEqual([samples[0]]);
    expect(summary.byStatus['201']).toBe(samples.length - 1);
  });
});
