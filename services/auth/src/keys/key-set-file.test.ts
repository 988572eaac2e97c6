import { describe, expect, it } from 'vitest';
import { entry } from '../test-fixtures.js';
import { parseKeySetFile } from './key-set-file.js';

const T0 = Date.parse('2026-12-04T09:00:00Z');
const good = entry('a', { activateAt: T0 });

describe('parseKeySetFile', () => {
  it('accepts the contract format, with and without retireAt', () => {
    const text = JSON.stringify({ keys: [good, { ...entry('b', { activateAt: T0 }), retireAt: '2026-12-05T09:00:00Z' }] });
    expect(parseKeySetFile(text).keys.map((k) => k.kid)).toEqual([good.kid, entry('b', { activateAt: T0 }).kid]);
  });

  it.each([
    ['', /empty/],
    ['   \n', /empty/],
    ['{"keys": [', /not valid JSON/],
    ['[]', /"keys" array/],
    ['{"keys": []}', /no keys/],
    [JSON.stringify({ keys: [{ ...good, alg: 'HS256' }] }), /keys\[0\]\.alg/],
    [JSON.stringify({ keys: [{ ...good, kid: '' }] }), /keys\[0\]\.kid/],
    [JSON.stringify({ keys: [{ ...good, activateAt: 'tomorrow' }] }), /keys\[0\]\.activateAt/],
    [JSON.stringify({ keys: [{ ...good, privateKey: 'nope' }] }), /keys\[0\]\.privateKey/],
    [JSON.stringify({ keys: [{ ...good, retireAt: '2026-12-03T09:00:00Z' }] }), /retireAt must not be before/],
    [JSON.stringify({ keys: [good, good] }), /more than once/],
  ])('refuses %j with a reason', (text, reason) => {
    expect(() => parseKeySetFile(text)).toThrow(reason);
  });

  it('never quotes the file content in its errors', () => {
    const text = `{"keys": [${JSON.stringify(good)}`;
    expect(() => parseKeySetFile(text)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('PRIVATE') }));
  });
});
