/**
 * Reads which values a helm schema error names, from either wording: Helm 4 (and Helm 3.18+,
 * santhosh-tekuri/jsonschema) prints `- at '/users/list/0/hash': ...`, Helm 3 before 3.18
 * (gojsonschema) prints `- users.list.0.hash: ...`. Both group lines under a `<chart>:` header and
 * name an unexpected key through its parent (`additional properties 'x'` / `Additional property x`),
 * so each line becomes `<chart>: <dotted value path>`, e.g. `posts: database.url`.
 */

/** The value paths a `helm template`/`helm lint` schema failure names, as `chart: a.b.c`. */
export function schemaErrorPaths(stderr: string): string[] {
  const out: string[] = [];
  let chart = '';
  for (const line of stderr.split('\n')) {
    const header = /^([a-z0-9][a-z0-9-]*):$/.exec(line);
    if (header) {
      chart = header[1]!;
      continue;
    }
    const helm4 = /^\s*- at '([^']*)': (.*)$/.exec(line);
    const helm3 = helm4 ? undefined : /^\s*- (\(root\)|[^\s:]+): (.*)$/.exec(line);
    const match = helm4 ?? helm3;
    if (!chart || !match) continue;
    const location = helm4 ? match[1]!.split('/').filter(Boolean).join('.') : match[1] === '(root)' ? '' : match[1]!;
    const message = match[2]!;
    const extra = /^additional properties (.+) not allowed$/.exec(message)?.[1]?.match(/'[^']*'/g)?.map((q) => q.slice(1, -1)) ??
      /^Additional property (\S+) is not allowed$/.exec(message)?.slice(1);
    const paths = extra ? extra.map((name) => (location ? `${location}.${name}` : name)) : location ? [location] : [];
    out.push(...paths.map((p) => `${chart}: ${p}`));
  }
  return out;
}
