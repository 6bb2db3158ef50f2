// A linear scan of the tags of a page for how deep its elements nest, run
// before the DOM is built: linkedom and Readability recurse with the depth of
// the tree, so thousands of unclosed tags would exhaust the call stack.

/** Deepest nesting of elements accepted; real pages stay well under 100. */
export const MAX_MARKUP_DEPTH = 500;

/** Elements with no content, and those whose end tag HTML implies (so leaving them open nests nothing). */
const NON_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'rtc',
]);

const TAG = /<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->/g;

/** The deepest nesting of elements in `html`, counting open minus closed tags, e.g. "<div><b>x</b></div>" → 2. */
export function markupDepth(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (m[2] === undefined) continue;
    const name = m[2].toLowerCase();
    if (NON_NESTING.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > deepest) {
      deepest = depth;
      if (deepest > stopAt) break;
    }
  }
  return deepest;
}
