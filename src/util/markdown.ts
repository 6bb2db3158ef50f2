// Document text inside Markdown output: a quote or an outlet name must stay
// text in any viewer, never become a link, emphasis or raw HTML.

/** `s` with Markdown's active characters backslash-escaped, e.g. "<b>x</b>" → "\<b\>x\</b\>". */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}
