import { readProcFile } from './proc-file.js';

/** `VmRSS`: resident set size now; `VmHWM`: its peak so far (the high-water mark). */
export type MemoryField = 'VmRSS' | 'VmHWM';

/**
 * A memory figure of a live process in bytes, from /proc/<pid>/status, or undefined once it has
 * exited or where /proc is missing.
 */
export async function memoryBytes(pid: number, field: MemoryField): Promise<number | undefined> {
  const status = await readProcFile(pid, 'status');
  const match = status === undefined ? null : new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}
