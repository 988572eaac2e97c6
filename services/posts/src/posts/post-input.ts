import { BadRequestError } from '@app/shared';
import type { PostChanges } from './posts-repository.js';

/** Limits of the API, also stated in openapi.yaml. */
export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ALLOWED = new Set(['title', 'body']);

/** Counts code points, so an emoji is one character, as users count. */
function length(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('the request body must be a JSON object');
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!ALLOWED.has(key)) throw new BadRequestError(`${JSON.stringify(key.slice(0, 50))} is not a known field (allowed: title, body)`);
  }
  return record;
}

function title(value: unknown): string {
  if (typeof value !== 'string') throw new BadRequestError('title must be a string');
  if (value.trim().length === 0) throw new BadRequestError('title must not be empty');
  if (length(value) > TITLE_MAX) throw new BadRequestError(`title must be at most ${TITLE_MAX} characters`);
  return value;
}

function bodyText(value: unknown): string {
  if (typeof value !== 'string') throw new BadRequestError('body must be a string');
  if (length(value) > BODY_MAX) throw new BadRequestError(`body must be at most ${BODY_MAX} characters`);
  return value;
}

/** Validates a POST body: `{title, body?}`, nothing else. */
export function parseNewPost(body: unknown): { title: string; body: string } {
  const record = asObject(body);
  if (!('title' in record)) throw new BadRequestError('title is required');
  return { title: title(record.title), body: record.body === undefined ? '' : bodyText(record.body) };
}

/** Validates a PATCH body: at least one of title/body, nothing else. */
export function parseChanges(body: unknown): PostChanges {
  const record = asObject(body);
  if (record.title === undefined && record.body === undefined) throw new BadRequestError('title or body is required');
  return {
    ...(record.title !== undefined ? { title: title(record.title) } : {}),
    ...(record.body !== undefined ? { body: bodyText(record.body) } : {}),
  };
}

/** Validates a post id (a UUID, any case) and returns it lower-cased. */
export function parsePostId(id: unknown): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw new BadRequestError('id must be a UUID');
  return id.toLowerCase();
}

/** Validates `?limit=`: an integer 1..LIMIT_MAX, LIMIT_DEFAULT when absent. */
export function parseLimit(value: unknown): number {
  if (value === undefined) return LIMIT_DEFAULT;
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value)) throw new BadRequestError(`limit must be an integer from 1 to ${LIMIT_MAX}`);
  const n = Number(value);
  if (n < 1 || n > LIMIT_MAX) throw new BadRequestError(`limit must be an integer from 1 to ${LIMIT_MAX}`);
  return n;
}
