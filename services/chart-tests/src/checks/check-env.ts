/**
 * The environment of each app container is one its service reads: every name is in the
 * service's config schema, no name is set twice, every value the render determines parses with
 * `parseConfig`, and every required variable is set (by value or from an outside Secret).
 */
import { ConfigError, parseConfig, type Schema } from '@app/shared';
import { APP_SCHEMAS, appPods } from '../apps.js';
import { ref, type Render } from '../k8s-object.js';
import { containerEnv } from '../pod-env.js';

/** Problems with the environment of the app containers in a render. */
export function checkEnv({ objects }: Render): string[] {
  const problems: string[] = [];
  for (const appPod of appPods(objects)) {
    const where = `${ref(appPod.pod.owner)} container ${appPod.container.name}`;
    const schema: Schema = APP_SCHEMAS[appPod.app];
    const entries = containerEnv(appPod.container, objects);
    const seen = new Set<string>();
    const known: Record<string, string> = {};
    for (const e of entries) {
      if (!Object.hasOwn(schema, e.name)) {
        problems.push(`${where}: env ${e.name} is not read by ${appPod.app} (not in its config schema)`);
        continue;
      }
      if (seen.has(e.name)) problems.push(`${where}: env ${e.name} is set more than once`);
      seen.add(e.name);
      if (e.value !== undefined) known[e.name] = e.value;
    }
    const subset = Object.fromEntries(Object.entries(schema).filter(([name]) => Object.hasOwn(known, name)));
    try {
      parseConfig(subset, known);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems.map((p) => `${where}: ${p}`));
    }
    for (const [name, spec] of Object.entries(schema)) {
      if (spec.required && !seen.has(name)) problems.push(`${where}: required env ${name} is not set`);
    }
  }
  return problems;
}
