import { fileURLToPath } from 'node:url';

/**
 * A compiled file of a service of this repository, by default its entry point
 * (`services/<name>/dist/main.js`, run as in production); works from src/ and dist/.
 */
export function serviceEntry(name: 'auth' | 'posts', file = 'main.js'): string {
  return fileURLToPath(new URL(`../../${name}/dist/${file}`, import.meta.url));
}
