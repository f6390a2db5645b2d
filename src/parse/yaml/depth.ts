/**
 * How deep a parsed YAML (or JSON) document nests, measured without recursion before anything recursive
 * reads it: embedded JSON Schemas are walked recursively by validation and the emitters.
 */
import { isCollection, isPair, type Node } from "yaml";
import { LIMITS } from "../../diagnostics.js";

/** The offset of the first node nested more than `LIMITS.nesting` collections deep; `undefined` when none is. */
export function tooDeepNode(root: Node | null): number | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isCollection(node)) {
      if (depth >= LIMITS.nesting) return node.range?.[0] ?? 0;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}
