import { readFile } from 'node:fs/promises';

/** The text of /proc/<pid>/<name>, or undefined once the process is gone (or without /proc). */
export async function readProcFile(pid: number, name: 'stat' | 'status'): Promise<string | undefined> {
  try {
    return await readFile(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}
