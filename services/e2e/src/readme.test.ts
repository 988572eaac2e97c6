import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commonSchema, describeSchema, type Schema } from '@app/shared';
import { authConfigSchema } from '@app/auth';
import { postsConfigSchema } from '@app/posts';

// The README's configuration tables are generated from the services' own schemas, so they
// cannot drift: this test fails when they do, and `UPDATE_README=1` rewrites them.
const readmePath = fileURLToPath(new URL('../../../README.md', import.meta.url));

function only(schema: Schema, without: Schema): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([name]) => !(name in without)));
}

function table(schema: Schema): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
  const rows = describeSchema(schema).map(
    (r) => `| \`${r.name}\` | ${cell(r.type)} | ${r.default === '' ? '—' : r.default === '(required)' ? '**required**' : `\`${cell(r.default)}\``} | ${cell(r.doc)} |`,
  );
  return ['| Variable | Type | Default | Meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const sections: Record<string, Schema> = {
  common: commonSchema,
  auth: only(authConfigSchema, commonSchema),
  posts: only(postsConfigSchema, commonSchema),
};

describe('README', () => {
  it('documents every configuration variable exactly as the schemas define it', async () => {
    let readme = await readFile(readmePath, 'utf8');
    const original = readme;
    for (const [name, schema] of Object.entries(sections)) {
      const pattern = new RegExp(`(<!-- config:${name} -->\\n)[\\s\\S]*?(<!-- /config:${name} -->)`);
      expect(readme, `README.md lacks the <!-- config:${name} --> markers`).toMatch(pattern);
      readme = readme.replace(pattern, (_m, open: string, close: string) => `${open}${table(schema)}\n${close}`);
    }
    if (process.env.UPDATE_README === '1' && readme !== original) await writeFile(readmePath, readme);
    else expect(readme, 'README config tables are stale: run UPDATE_README=1 npm test -w services/e2e').toBe(original);
  });

  it('shows the two set-up commands and the test command', async () => {
    const readme = await readFile(readmePath, 'utf8');
    for (const command of ['npm ci', 'npm start', 'npm test']) expect(readme).toContain(command);
  });
});
