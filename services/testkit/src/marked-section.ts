/** The comment lines that enclose a generated section of a README: `<!-- name:start -->`, `<!-- name:end -->`. */
export function sectionMarkers(name: string): { readonly start: string; readonly end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/**
 * Replaces what stands between the `name` markers of `text` with `content` (on lines of its own);
 * throws without both markers in order.
 */
export function replaceMarkedSection(text: string, name: string, content: string): string {
  const { start: open, end: close } = sectionMarkers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < 0 || end < start) throw new Error(`the README needs the markers ${open} and then ${close}`);
  return `${text.slice(0, start + open.length)}\n${content.trim()}\n${text.slice(end)}`;
}
