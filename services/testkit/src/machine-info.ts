import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a run was measured on, printed with every result. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverage: readonly [number, number, number];
}

/** Reads the machine details now (call it before the first measurement). */
export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  const [one, five, fifteen] = loadavg();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
  };
}

/** One line for logs and tables. */
export function describeMachine(m: MachineInfo): string {
  const load = m.loadAverage.map((l) => l.toFixed(2)).join(' ');
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, load average before the run ${load}`;
}
