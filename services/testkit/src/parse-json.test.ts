import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.js';

describe('parseJson', () => {
  it('parses JSON of any shape, and gives undefined for what is not JSON', () => {
    expect(parseJson('{"a":[1,null]}')).toEqual({ a: [1, null] });
    expect(parseJson('"x"')).toBe('x');
    expect(parseJson('')).toBeUndefined();
    expect(parseJson('<html>502 Bad Gateway</html>')).toBeUndefined();
  });
});
