/**
 * Data printed as a TypeScript literal in one fixed layout (STYLE.md 10): one member or item a line,
 * `{}` and `[]` for empty ones whatever the context, strings as JSON string literals, keys bare when they
 * are identifier names. A `CodeReference` prints as the expression it holds (a validator's name), so a
 * table can point at code without the printer knowing what it is.
 */
import { memberKey, stringLiteral } from "./escape.js";

/** An expression printed as it is: a name the generated file declares or imports. */
export class CodeReference {
  constructor(readonly code: string) {}
}

export type Literal =
  | string
  | number
  | boolean
  | CodeReference
  | undefined
  | readonly Literal[]
  | { readonly [key: string]: Literal };

/** `value` as a literal whose first line starts at the caller's position and whose later lines are `indent` spaces in. */
export function printLiteral(value: Literal, indent = 0): string {
  if (value === undefined) throw new TypeError("undefined has no literal; leave the member out");
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof CodeReference) return value.code;
  const pad = " ".repeat(indent + 2);
  const close = `${" ".repeat(indent)}`;
  if (isLiteralArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${pad}${printLiteral(item, indent + 2)},\n`).join("")}${close}]`;
  }
  const members = Object.entries(value).filter((entry): entry is [string, Exclude<Literal, undefined>] => entry[1] !== undefined);
  if (members.length === 0) return "{}";
  return `{\n${members.map(([key, item]) => `${pad}${memberKey(key)}: ${printLiteral(item, indent + 2)},\n`).join("")}${close}}`;
}

function isLiteralArray(value: readonly Literal[] | { readonly [key: string]: Literal }): value is readonly Literal[] {
  return Array.isArray(value);
}
