/** Asks the OS for a free loopback port (for servers whose URL must be known before they start). */
export { freePort } from '@app/shared';
