/**
 * The whole environment of a child process: `env` plus PATH, nothing else of this process's, so
 * a run depends only on what its caller wrote down.
 */
export function childEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env };
}
