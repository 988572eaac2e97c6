import { describe, expect, it } from 'vitest';
import { findBinary, helmMajor, inCi, requireInCi } from './tools.js';

describe('the CI policy for missing tools', () => {
  const missing = { missing: 'nginx is not installed (apt-get install -y nginx-light)' };

  it('fails, never skips, when CI is set', () => {
    expect(() => requireInCi('nginx', missing, { CI: 'true' })).toThrow('nginx is required when CI is set: nginx is not installed (apt-get install -y nginx-light)');
  });

  it('reports the reason for a skip elsewhere', () => {
    expect(requireInCi('nginx', missing, {})).toEqual(missing);
    expect(requireInCi('nginx', missing, { CI: 'false' })).toEqual(missing);
  });

  it('reads CI as GitHub Actions and .ci/run set it', () => {
    expect([inCi({ CI: 'true' }), inCi({ CI: '1' }), inCi({ CI: '' }), inCi({ CI: '0' }), inCi({})]).toEqual([true, true, false, false, false]);
  });

  it('names the package that provides a binary it cannot find', async () => {
    expect(await findBinary('no-such-tool-for-chart-tests', '--version', 'apt-get install -y no-such-tool', { PATH: '/nonexistent' })).toEqual({
      missing: 'no-such-tool-for-chart-tests is not installed (apt-get install -y no-such-tool)',
    });
  });

  it('reads the major version of helm 3 and helm 4 alike', () => {
    expect([helmMajor('v3.17.3'), helmMajor('v4.1.4'), helmMajor('3.17'), helmMajor(undefined)]).toEqual([3, 4, 0, 0]);
  });
});
