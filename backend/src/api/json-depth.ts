// Nesting limit for request bodies. JSON.parse accepts any depth; code further in (zod, structuredClone)
// recurses and overflows the stack on a few kilobytes of "[[[[…". No request of this API nests deeper
// than a handful of levels.
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects/arrays deeper than `limit` (checked without recursion). */
export function jsonTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}
