/**
 * The six posts of the original article, in its order, seeded into a new database when
 * SEED_DEMO_DATA is on. Bodies are empty, as the article's posts had none.
 */
export const DEMO_POSTS: readonly { readonly title: string; readonly author: string }[] = [
  { title: 'jack post', author: 'jack' },
  { title: 'robert Post', author: 'robert' },
  { title: 'lina Post', author: 'lina' },
  { title: 'jack Second post', author: 'jack' },
  { title: 'robert Second Post', author: 'robert' },
  { title: 'lina Second Post', author: 'lina' },
];
