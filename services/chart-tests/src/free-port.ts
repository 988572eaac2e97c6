/** Asks the OS for a free loopback port (for processes that must be told their port up front). */
export { freePort } from '@app/shared';
