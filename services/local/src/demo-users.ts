/**
 * The article's three demo users. They exist only in the local data directory that
 * `npm start` creates (and in the chart when `demo.enabled`); no service has a user built in.
 */
export const DEMO_USERS = [
  { username: 'jack', password: 'jack_password', name: 'Jack' },
  { username: 'robert', password: 'robert_password', name: 'Robert' },
  { username: 'lina', password: 'lina_password', name: 'Lina' },
] as const;
