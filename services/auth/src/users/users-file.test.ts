import { describe, expect, it } from 'vitest';
import { formatUsersFile, parseUsersFile } from './users-file.js';
import { hashPassword } from './hash-password.js';

const HASH = '$2a$10$' + 'a'.repeat(53);

describe('users file', () => {
  it('reads YAML like Dex staticPasswords', () => {
    const yaml = `users:\n  - username: jack\n    hash: "${HASH}"\n    name: Jack\n    scopes: [posts:read, posts:write]\n  - username: lina\n    hash: '${HASH}'\n`;
    expect(parseUsersFile(yaml)).toEqual([
      { username: 'jack', hash: HASH, name: 'Jack', scopes: ['posts:read', 'posts:write'] },
      { username: 'lina', hash: HASH },
    ]);
  });

  it('reads JSON too', () => {
    expect(parseUsersFile(JSON.stringify({ users: [{ username: 'jack', hash: HASH }] }))).toEqual([{ username: 'jack', hash: HASH }]);
  });

  it('round-trips through formatUsersFile', () => {
    const users = [{ username: 'jack', hash: HASH, name: 'Jack', scopes: ['posts:read'] }, { username: 'robert', hash: HASH }];
    expect(parseUsersFile(formatUsersFile(users))).toEqual(users);
  });

  it.each([
    ['users: [', /not valid YAML/],
    ['{}', /"users" list/],
    [`users:\n  - hash: "${HASH}"`, /users\[0\]\.username/],
    ['users:\n  - username: jack\n    hash: secret', /users\[0\] \(jack\)\.hash must be a bcrypt hash/],
    [`users:\n  - username: jack\n    hash: "${HASH.replace('$10$', '$04$')}"`, /cost of at least 10/],
    [`users:\n  - username: jack\n    hash: "${HASH}"\n    scopes: "posts:read"`, /scopes must be a list/],
    [`users:\n  - username: jack\n    hash: "${HASH}"\n  - username: jack\n    hash: "${HASH}"`, /more than once/],
  ])('refuses %j', (text, reason) => {
    expect(() => parseUsersFile(text)).toThrow(reason);
  });
});

describe('hashPassword', () => {
  it('makes a $2b$ hash of cost 10 by default and refuses weaker costs and over-long passwords', async () => {
    expect(await hashPassword('pw')).toMatch(/^\$2b\$10\$/);
    await expect(hashPassword('pw', 9)).rejects.toThrow(/cost must be an integer from 10/);
    await expect(hashPassword('x'.repeat(73))).rejects.toThrow(/at most 72 bytes/);
  });
});
