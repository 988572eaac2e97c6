/** Keeps the README's configuration table and CLI synopsis true to the code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSchema } from '@app/shared';
import { describe, expect, it } from 'vitest';
import { KEYS_USAGE } from './cli/keys-command.js';
import { authConfigSchema } from './config.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const rows = new Map(
  readme
    .split('\n')
    .map((line) => /^\| `([A-Z0-9_]+)` \| (.*?) \| (.*) \|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, { default: m[2]!, doc: m[3]! }]),
);

describe('README', () => {
  it('lists every variable of authConfigSchema with its default and doc, and no other', () => {
    const schema = describeSchema(authConfigSchema);
    expect([...rows.keys()].sort()).toEqual(schema.map((r) => r.name).sort());
    for (const r of schema) {
      const expected = r.name === 'ISSUER' ? '`http://localhost:<PORT>`' : r.default === '(required)' ? '(required)' : `\`${r.default}\``;
      expect(rows.get(r.name), r.name).toEqual({ default: expected, doc: r.doc });
    }
  });

  it('shows the keys subcommands with the flags the CLI takes', () => {
    for (const line of KEYS_USAGE.split('\n').filter((l) => l.trim().startsWith('keys '))) {
      expect(readme).toContain(`auth-cli ${line.trim()}`);
    }
  });
});
