import { describe, expect, it } from 'vitest';
import { schemaErrorPaths } from './schema-errors.js';

const HEAD = "Error: values don't meet the specifications of the schema(s) in the following chart(s):";

describe('schemaErrorPaths', () => {
  it('reads Helm 4 messages, nested ones and unexpected keys included', () => {
    const stderr = [
      HEAD,
      'posts:',
      "- at '': 'allOf' failed",
      "  - at '': 'anyOf' failed",
      "    - at '/replicaCount': maximum: got 2, want 1",
      "    - at '/database/existingSecret': minLength: got 0, want 1",
      "- at '/database': additional properties 'url', 'host' not allowed",
      'auth:',
      "- at '': additional properties 'replicas' not allowed",
    ].join('\n');
    expect(schemaErrorPaths(stderr)).toEqual(['posts: replicaCount', 'posts: database.existingSecret', 'posts: database.url', 'posts: database.host', 'auth: replicas']);
  });

  it('reads Helm 3 (gojsonschema) messages the same way', () => {
    const stderr = [
      HEAD,
      'posts:',
      '- (root): Must validate at least one schema (anyOf)',
      '- database.existingSecret: String length must be greater than or equal to 1',
      '- database: Additional property url is not allowed',
      'no-shared-secret:',
      '- (root): Additional property bogus is not allowed',
      "- users.list.0.hash: Does not match pattern '^\\$2[aby]\\$'",
    ].join('\n');
    expect(schemaErrorPaths(stderr)).toEqual(['posts: database.existingSecret', 'posts: database.url', 'no-shared-secret: bogus', 'no-shared-secret: users.list.0.hash']);
  });

  it('finds nothing in a template failure', () => {
    expect(schemaErrorPaths('Error: execution error at (auth/templates/deployment.yaml:1:4): auth: the Ingress needs a host')).toEqual([]);
  });
});
