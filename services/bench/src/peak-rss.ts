import { readProcFile } from './proc-file.js';

/**
 * The peak resident set size of a live process in bytes (`VmHWM` of /proc/<pid>/status), or
 * undefined once it has exited or where /proc is missing.
 */
export async function peakRssBytes(pid: number): Promise<number | undefined> {
  const status = await readProcFile(pid, 'status');
  const match = status === undefined ? null : /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}
