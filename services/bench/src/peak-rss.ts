import { readFile } from 'node:fs/promises';

/**
 * The peak resident set size of a live process in bytes (`VmHWM` of /proc/<pid>/status), or
 * undefined once it has exited or where /proc is missing.
 */
export async function peakRssBytes(pid: number): Promise<number | undefined> {
  let status: string;
  try {
    status = await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}
