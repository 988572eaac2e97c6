import { readProcFile } from './proc-file.js';

/** Kernel clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a live process has used so far, from /proc/<pid>/stat; undefined
 * once it has exited. Per-request CPU is steadier than throughput on a shared machine: a
 * neighbour that steals the core lowers req/s but not the work each request costs.
 */
export async function cpuSeconds(pid: number): Promise<number | undefined> {
  const stat = await readProcFile(pid, 'stat');
  if (stat === undefined) return undefined;
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_SECOND : undefined;
}
