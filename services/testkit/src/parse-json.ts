/** `text` parsed as JSON, or undefined when it is not JSON (an error page, an empty body). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
