/** jack's demo posts as the posts API lists them (newest first). */
export const JACK_TITLES = ['jack Second post', 'jack post'] as const;

/** True for a posts API list holding exactly jack's two demo posts, newest first, by jack. */
export function isJacksDemoList(json: unknown): boolean {
  return (
    Array.isArray(json) &&
    json.length === JACK_TITLES.length &&
    json.every((post: { title?: unknown; author?: unknown }, i) => post.title === JACK_TITLES[i] && post.author === 'jack')
  );
}
