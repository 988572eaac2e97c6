import { describe, expect, it } from 'vitest';
import { ConfigError, bool, commonSchema, describeSchema, int, oneOf, parseConfig, port, str, url } from './config.js';

const schema = {
  PORT: port({ doc: 'port', default: 4000 }),
  ISSUER: url({ doc: 'issuer', required: true }),
  NAME: str({ doc: 'optional name' }),
  DEBUG: bool({ doc: 'debug', default: false }),
  MODE: oneOf(['a', 'b'] as const, { doc: 'mode', default: 'a' }),
  COUNT: int({ doc: 'count', default: 1, min: 1, max: 5 }),
  SECRET_URL: url({ doc: 'secret', secret: true, protocols: ['postgres:'] }),
};

describe('parseConfig', () => {
  it('applies defaults and leaves optional variables undefined', () => {
    const config = parseConfig(schema, { ISSUER: 'http://localhost:4000' });
    expect(config).toEqual({
      PORT: 4000,
      ISSUER: 'http://localhost:4000',
      NAME: undefined,
      DEBUG: false,
      MODE: 'a',
      COUNT: 1,
      SECRET_URL: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses typed values', () => {
    const config = parseConfig(schema, { ISSUER: 'https://x', PORT: '8080', DEBUG: 'yes', MODE: 'b', COUNT: '5', NAME: 'n' });
    expect(config.PORT).toBe(8080);
    expect(config.DEBUG).toBe(true);
    expect(config.MODE).toBe('b');
    expect(config.COUNT).toBe(5);
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig(schema, { ISSUER: 'http://a', PORT: '' }).PORT).toBe(4000);
  });

  it('reports every bad variable at once, by name', () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: '99999', DEBUG: 'maybe', MODE: 'c', COUNT: '1.5' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT: must be between 0 and 65535 \(got "99999"\)/);
    expect(problems.join('\n')).toMatch(/ISSUER: is required/);
    expect(problems.join('\n')).toMatch(/DEBUG: must be true or false/);
    expect(problems.join('\n')).toMatch(/MODE: must be one of a, b/);
    expect(problems.join('\n')).toMatch(/COUNT: must be an integer/);
    expect((error as Error).message).toMatch(/^invalid configuration:/);
  });

  it('never echoes the value of a secret variable', () => {
    expect(() => parseConfig(schema, { ISSUER: 'http://a', SECRET_URL: 'mysql://u:hunter2@db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('rejects URLs with the wrong protocol or none', () => {
    expect(() => parseConfig(schema, { ISSUER: 'ftp://x' })).toThrow(/ISSUER: must use http or https/);
    expect(() => parseConfig(schema, { ISSUER: 'localhost' })).toThrow(/ISSUER: must be an absolute URL/);
  });
});

describe('describeSchema', () => {
  it('lists every common variable with its default and doc', () => {
    const rows = describeSchema(commonSchema);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(commonSchema));
    expect(rows.find((r) => r.name === 'LOG_LEVEL')).toMatchObject({ default: 'info', type: expect.stringContaining('info') });
    expect(rows.every((r) => r.doc.length > 5)).toBe(true);
  });
});
