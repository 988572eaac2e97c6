import { performance } from 'node:perf_hooks';

/** Milliseconds on one monotonic clock, shared by the load, the pollers and the fault timeline. */
export const now = (): number => performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
