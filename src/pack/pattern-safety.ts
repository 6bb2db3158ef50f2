// A static check for pack patterns that can backtrack catastrophically: an
// unbounded quantifier applied to a group that itself holds an unbounded
// quantifier, e.g. `(\w+ ?)*` or `(a|aa)+`-like nesting. Bounded repeats such as
// `([\w',.-]+ ){0,3}` are fine: their work per start position is a constant.

/** Whether the quantifier at `source[i]` is unbounded (`*`, `+`, `{n,}`). */
function unboundedQuantifierAt(source: string, i: number): boolean {
  const c = source[i];
  if (c === '*' || c === '+') return true;
  if (c === '{') return /^\{\d+,\}/.test(source.slice(i));
  return false;
}

/**
 * The groups of `source` with nested unbounded quantifiers, as their text; empty
 * when the pattern is safe, e.g. `nestedUnboundedGroups('(\\w+ )+')` → ['(\\w+ )'].
 */
export function nestedUnboundedGroups(source: string): string[] {
  const found: string[] = [];
  // For each open group: its start and whether an unbounded quantifier occurs inside it.
  const stack: { start: number; unboundedInside: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ start: i, unboundedInside: false });
    else if (c === ')') {
      const group = stack.pop();
      if (!group) continue;
      const quantifiedUnbounded = unboundedQuantifierAt(source, i + 1);
      if (quantifiedUnbounded && group.unboundedInside) found.push(source.slice(group.start, i + 1));
      const parent = stack[stack.length - 1];
      if (parent && (group.unboundedInside || quantifiedUnbounded)) parent.unboundedInside = true;
    } else if (unboundedQuantifierAt(source, i) && stack.length > 0) {
      stack[stack.length - 1]!.unboundedInside = true;
    }
  }
  return found;
}
