// Map.groupBy arrives in Node 21; this is its shape for Node 20.

/** Items grouped by key, groups and items in input order, e.g. `groupBy(claims, (c) => c.published)`. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
