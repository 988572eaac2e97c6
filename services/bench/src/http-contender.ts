import type { ServiceProcess } from '@app/testkit';
import type { Contender } from './alternate-rounds.js';
import { runLoad, type LoadSpec } from './load-run.js';

/**
 * A contender that puts `spec` (minus its duration) on a server for each of its runs and, given
 * the server's process, records the CPU time it spent per response.
 */
export function httpContender(name: string, spec: Omit<LoadSpec, 'durationS'>, server?: ServiceProcess): Contender {
  return {
    name,
    async run(durationS) {
      const before = await server?.cpuSeconds();
      const result = await runLoad({ ...spec, durationS });
      const after = await server?.cpuSeconds();
      if (before === undefined || after === undefined || result.responses === 0) return result;
      return { ...result, serverCpuUs: ((after - before) * 1e6) / result.responses };
    },
  };
}
