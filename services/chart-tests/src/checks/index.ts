import type { Render } from '../k8s-object.js';
import { checkDrain } from './check-drain.js';
import { checkEnv } from './check-env.js';
import { checkJwksUrl } from './check-jwks-url.js';
import { checkKeyRotation } from './check-key-rotation.js';
import { checkNetworkPolicy } from './check-network-policy.js';
import { checkPorts } from './check-ports.js';
import { checkPrivateKeys } from './check-private-keys.js';
import { checkProbes } from './check-probes.js';
import { checkRollout } from './check-rollout.js';
import { checkRouting } from './check-routing.js';
import { checkSecurity } from './check-security.js';
import { checkSelectors } from './check-selectors.js';

export { checkDrain, checkEnv, checkJwksUrl, checkKeyRotation, checkNetworkPolicy, checkPorts, checkPrivateKeys, checkProbes, checkRollout, checkRouting, checkSecurity, checkSelectors };

/** Every consistency check, by name; each returns one line per problem. */
export const CHECKS: Readonly<Record<string, (render: Render) => string[]>> = {
  selectors: checkSelectors,
  ports: checkPorts,
  probes: checkProbes,
  env: checkEnv,
  'jwks-url': checkJwksUrl,
  routing: checkRouting,
  'network-policy': checkNetworkPolicy,
  'private-keys': checkPrivateKeys,
  security: checkSecurity,
  rollout: checkRollout,
  drain: checkDrain,
  'key-rotation': checkKeyRotation,
};
