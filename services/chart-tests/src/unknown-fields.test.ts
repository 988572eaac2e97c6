import { describe, expect, it } from 'vitest';
import { strictChecker } from './validate-objects.js';

describe('undeclared fields', () => {
  const checker = strictChecker();

  it('resolves the declarations of every strictly checked kind, CRDs included', () => {
    expect(checker.unresolved()).toEqual([]);
  });

  it('finds a misspelt field in a ServiceMonitor and an HTTPRoute, not in free-form maps', () => {
    expect(
      checker.unknownFields({
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'm', labels: { anything: 'goes' } },
        spec: { selector: { matchLabels: { a: 'b' } }, endpoints: [{ port: 'http', intervall: '30s' }] },
      }),
    ).toEqual(['ServiceMonitor/m: unknown field spec.endpoints[0].intervall']);
    expect(
      checker.unknownFields({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'r', annotations: { 'x/y': 'z' } },
        spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 's', port: 80, weigth: 1 }] }] },
      }),
    ).toEqual(['HTTPRoute/r: unknown field spec.rules[0].backendRefs[0].weigth']);
  });

  it('accepts Secret data, IntOrString ports and resource quantities as declared', () => {
    expect(
      checker.unknownFields({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { ports: [{ name: 'http', port: 80, targetPort: 'http' }], selector: { a: 'b' } },
      }),
    ).toEqual([]);
    expect(checker.unknownFields({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { 'keys.json': 'e30=' } })).toEqual([]);
  });
});
