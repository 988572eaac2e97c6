export { ensureLocalState, type LocalState } from './local-state.js';
export { DEMO_USERS } from './demo-users.js';
export { supervise, type ServiceSpec } from './supervisor.js';
export { waitForReady } from './wait-for-ready.js';
