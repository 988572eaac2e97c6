import type { ServiceProcess } from '@app/testkit';
import type { Contender } from './alternate-rounds.js';
import { runLoad, type LoadSpec } from './load-run.js';

/** CPU seconds used so far by a set of processes, e.g. a server's database backends (`databaseCpuMeter`). */
export type CpuMeter = () => Promise<number | undefined>;

/** Microseconds per response of the CPU seconds spent between two readings; undefined without both or without responses. */
export function cpuPerResponse(before: number | undefined, after: number | undefined, responses: number): number | undefined {
  return before === undefined || after === undefined || responses === 0 ? undefined : ((after - before) * 1e6) / responses;
}

/**
 * A contender that puts `spec` (minus its duration) on a server for each of its runs and, given
 * the server's process, records the CPU time it spent per response; given `databaseCpu`, also
 * the CPU time its database spent.
 */
export function httpContender(name: string, spec: Omit<LoadSpec, 'durationS'>, server?: ServiceProcess, databaseCpu?: CpuMeter): Contender {
  return {
    name,
    async run(durationS) {
      const [before, dbBefore] = await Promise.all([server?.cpuSeconds(), databaseCpu?.()]);
      const result = await runLoad({ ...spec, durationS });
      const [after, dbAfter] = await Promise.all([server?.cpuSeconds(), databaseCpu?.()]);
      const serverCpuUs = cpuPerResponse(before, after, result.responses);
      const databaseCpuUs = cpuPerResponse(dbBefore, dbAfter, result.responses);
      return {
        ...result,
        ...(serverCpuUs === undefined ? {} : { serverCpuUs }),
        ...(databaseCpuUs === undefined ? {} : { databaseCpuUs }),
      };
    },
  };
}
