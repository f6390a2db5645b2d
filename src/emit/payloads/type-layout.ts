/**
 * Prints a ./schema-type.ts tree as prettier lays it out (print width 80), for `payloads.ts`:
 * - object types are always broken, one member a line (prettier keeps an object broken when its source
 *   breaks after `{`), so their layout never depends on lengths;
 * - a union stays on one line when it fits, and otherwise puts each member on its own `| ` line, after
 *   `key:` or `type X =`, or inside `(` … `)[]` as an array element;
 * - an object or-ed only with `null`/`undefined` is hugged: `{ … } | null`.
 * Intersections are printed on one line (objects in them broken); prettier would break an intersection
 * wider than 80 columns, which payload schemas have not needed so far.
 */
import { fits } from "../layout.js";
import type { MemberNode, TypeNode } from "./schema-type.js";

/** `export type Name = …;` */
export function typeAliasText(name: string, type: TypeNode): string {
  const head = `export type ${name} =`;
  const flat = flatText(type);
  if (flat !== undefined && type.kind !== "array" && !fits(`${head} ${flat};`)) {
    // Prettier moves a type that does not fit to the next line, where a union breaks further if needed.
    return type.kind === "union" && !fits(`  ${flat};`) ? `${head}\n${unionLines(type, 2)};` : `${head}\n  ${flat};`;
  }
  const text = afterHead(head, type, 0, ";");
  // An object type that cannot start on the declaration's line moves, whole, to the next one.
  if (fits(text.split("\n")[0] ?? "") || !text.startsWith(`${head} `)) return text;
  return `${head}\n  ${broken(type, 2, 2, ";")};`;
}

/**
 * `key?: …;` at `indent` columns, returned without the first line's indentation. Descriptions of
 * members of nested object types are left out: the template writes JSDoc for the top level only.
 */
export function memberText(member: MemberNode, indent: number): string {
  return afterHead(`${member.key}${member.optional ? "?" : ""}:`, member.type, indent, ";");
}

/** `head` (`key:` or `type X =`) and its type, at `indent`, followed by `end`. */
function afterHead(head: string, type: TypeNode, indent: number, end: string): string {
  const flat = flatText(type);
  if (flat !== undefined && fits(`${pad(indent)}${head} ${flat}${end}`)) return `${head} ${flat}${end}`;
  if (type.kind === "union" && !huggedObject(type)) {
    // A union that does not fit after the head goes to the next line: whole when it fits there, else one member a line.
    if (flat !== undefined && fits(`${pad(indent + 2)}${flat}${end}`)) return `${head}\n${pad(indent + 2)}${flat}${end}`;
    return `${head}\n${unionLines(type, indent + 2)}${end}`;
  }
  return `${head} ${broken(type, indent, `${pad(indent)}${head} `.length, end)}${end}`;
}

/** The type starting at column `column` of a line indented `indent`, with `end` after it, broken where it must be. */
function broken(type: TypeNode, indent: number, column: number, end: string): string {
  const flat = flatText(type);
  if (flat !== undefined && fits(`${" ".repeat(column)}${flat}${end}`)) return flat;
  switch (type.kind) {
    case "atom":
      return type.text;
    case "object":
      return objectText(type.members, indent);
    case "array": {
      const element = type.element;
      if (element.kind === "union" && !huggedObject(element)) {
        // `(` and `)[]` take lines of their own; the union between them stays whole when it fits.
        const inner = flatText(element);
        const lines = inner !== undefined && fits(`${pad(indent + 2)}${inner}`) ? `${pad(indent + 2)}${inner}` : unionLines(element, indent + 2);
        return `(\n${lines}\n${pad(indent)})[]`;
      }
      const inner = broken(element, indent, column + (grouped(element) ? 1 : 0), `[]${end}`);
      return grouped(element) ? `(${inner})[]` : `${inner}[]`;
    }
    case "union":
      // Only a hugged object reaches here: `{ … } | null`.
      return type.members.map((m) => (m.kind === "object" ? objectText(m.members, indent) : text(m, indent))).join(" | ");
    case "intersection":
      return type.members.map((m) => (m.kind === "union" ? `(${text(m, indent)})` : text(m, indent))).join(" & ");
  }
}

/** Each member of a broken union on its own `| ` line at `indent`; members that break are aligned after `| `. */
function unionLines(type: Extract<TypeNode, { kind: "union" }>, indent: number): string {
  return type.members
    .map((m) => {
      const member = m.kind === "intersection" ? `(${broken(m, indent + 2, indent + 3, "")})` : broken(m, indent + 2, indent + 2, "");
      return `${pad(indent)}| ${member}`;
    })
    .join("\n");
}

function objectText(members: readonly MemberNode[], indent: number): string {
  const lines = members.map((m) => `${pad(indent + 2)}${memberText(m, indent + 2)}`);
  return `{\n${lines.join("\n")}\n${pad(indent)}}`;
}

/** The type on one line, or `undefined` when it holds an object type (always broken). */
function flatText(type: TypeNode): string | undefined {
  switch (type.kind) {
    case "atom":
      return type.text;
    case "object":
      return undefined;
    case "array": {
      const element = flatText(type.element);
      if (element === undefined) return undefined;
      return grouped(type.element) ? `(${element})[]` : `${element}[]`;
    }
    case "union":
    case "intersection": {
      const parts = type.members.map((m) => {
        const part = flatText(m);
        return part === undefined || (type.kind === "union" ? m.kind !== "intersection" : m.kind !== "union") ? part : `(${part})`;
      });
      return parts.some((p) => p === undefined) ? undefined : parts.join(type.kind === "union" ? " | " : " & ");
    }
  }
}

function text(type: TypeNode, indent: number): string {
  return flatText(type) ?? broken(type, indent, indent, "");
}

/** Prettier prints `{ … } | null` (one object, the rest `null` or `undefined`) without breaking the union. */
function huggedObject(type: Extract<TypeNode, { kind: "union" }>): boolean {
  const objects = type.members.filter((m) => m.kind === "object");
  return (
    objects.length === 1 &&
    type.members.every((m) => m.kind === "object" || (m.kind === "atom" && (m.text === "null" || m.text === "undefined")))
  );
}

function grouped(type: TypeNode): boolean {
  return type.kind === "union" || type.kind === "intersection";
}

function pad(indent: number): string {
  return " ".repeat(indent);
}
