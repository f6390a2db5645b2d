/**
 * Layout of generated TypeScript as prettier prints it with its defaults (print width 80), so generation
 * can skip prettier. View-models choose constructs whose layout does not depend on lengths wherever one
 * exists (objects broken one member a line, single-line JSDoc); the few that do depend on lengths are
 * decided here, each function mirroring one prettier rule, so every such rule is written once. The corpus
 * test (test/emit-corpus/) checks them against prettier itself.
 *
 * Only client.ts still uses it, until its template gets the one layout the other templates have.
 */

/** Display width as prettier measures it (wide East Asian characters and emoji count twice). */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/\p{Mn}|\p{Me}|[\u0000-\u001f\u007f-\u009f]/u.test(char)) continue;
    width += isWide(char.codePointAt(0) ?? 0) || /\p{Emoji_Presentation}/u.test(char) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Prettier's default print width. */
export const PRINT_WIDTH = 80;

/** Whether a line, indentation included, fits prettier's print width. */
export function fits(line: string): boolean {
  return displayWidth(line) <= PRINT_WIDTH;
}

/**
 * An object or interface member key as prettier writes it (`quoteProps: "as-needed"`): bare when it is
 * an identifier name (Unicode letters included, `café`), quoted otherwise.
 */
export function memberKey(name: string): string {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(name) ? name : stringLiteral(name);
}

/**
 * Spec prose as the text of a one-line JSDoc comment: white space (line breaks included) collapsed and
 * trimmed, `fallback` when nothing is left. Prettier never rewraps a one-line block comment, while it
 * re-indents and trims the lines of a multi-line one; one line keeps the layout independent of prose.
 */
export function docText(text: string, fallback: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line === "" ? fallback : line;
}

/** `Name: summary`, or `Name` alone when the summary is empty (no trailing `: `). */
export function docHeading(name: string, summary: string): string {
  const text = docText(summary, "");
  return text === "" ? docText(name, "") : `${docText(name, "")}: ${text}`;
}

/**
 * A string literal in prettier's quotes: double unless the text holds more double quotes than single
 * ones. Other escapes are JSON's, which prettier keeps as written.
 */
export function stringLiteral(text: string): string {
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  const json = JSON.stringify(text);
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/**
 * The head of `[export ]interface Name extends Base` before its ` {` or ` {}`. Prettier moves the
 * `extends` clause to its own line when the line does not fit and the base is a qualified name
 * (`runtime.PublishOptions`); a plain identifier or a base with type arguments stays on the line
 * whatever its length.
 */
export function interfaceHead(declaration: string, base: string, emptyBody: boolean): string {
  const line = `${declaration} extends ${base} ${emptyBody ? "{}" : "{"}`;
  const breakable = base.includes(".") && !base.includes("<");
  return !breakable || fits(line) ? `${declaration} extends ${base}` : `${declaration}\n  extends ${base}`;
}

/** How `export type Name = { … };` is laid out: its first line(s), the members' indentation, its last line. */
export interface ObjectAliasLayout {
  readonly open: string;
  readonly indent: string;
  readonly close: string;
}

/**
 * `export type Name = {` when it fits; otherwise prettier moves the whole object type to the next
 * line, indented two more.
 */
export function objectAlias(name: string): ObjectAliasLayout {
  const open = `export type ${name} = {`;
  return fits(open) ? { open, indent: "  ", close: "};" } : { open: `export type ${name} =\n  {`, indent: "    ", close: "  };" };
}

/**
 * `{prefix}Name<A, B>{suffix}` at column 0, or with one type argument a line (no trailing comma) when
 * that does not fit.
 */
export function typeArguments(prefix: string, name: string, args: readonly string[], suffix: string): string {
  const line = `${prefix}${name}<${args.join(", ")}>${suffix}`;
  return fits(line) ? line : `${prefix}${name}<\n${args.map((a) => `  ${a}`).join(",\n")}\n>${suffix}`;
}

/**
 * `key: value,` at `indent` columns, for a value prettier moves to the next line (indented two more)
 * when the entry does not fit: a string literal or a member chain (`MESSAGES.getTwinRequest`). Keys
 * narrower than five columns (`id`, `name`) never break, as prettier gains nothing by it. Returned
 * without the first line's indentation, which the template writes. `separator` is `:` for object
 * entries and ` =` for declarations (`const id = "get-twin";`).
 */
export function entry(indent: number, key: string, value: string, end: string = ",", separator: string = ":"): string {
  const head = `${key}${separator}`;
  const shortKey = separator === ":" && displayWidth(key) < 5;
  if (shortKey || fits(`${" ".repeat(indent)}${head} ${value}${end}`)) return `${head} ${value}${end}`;
  return `${head}\n${" ".repeat(indent + 2)}${memberChain(value, indent + 2, end)}${end}`;
}

/**
 * A value at `indent` that still does not fit: prettier breaks a member chain of three or more names
 * (`MESSAGES.getTwinRequest.properties`) before its last name, indented two more.
 */
function memberChain(value: string, indent: number, end: string): string {
  const last = value.lastIndexOf(".");
  const isChain = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*){2,}$/.test(value);
  if (!isChain || fits(`${" ".repeat(indent)}${value}${end}`)) return value;
  return `${value.slice(0, last)}\n${" ".repeat(indent + 2)}${value.slice(last)}`;
}

/**
 * `{head} {callee}([` … `]);` at column 0, for a non-empty array literal that is the call's only argument
 * (`export const x: T = Object.freeze([`). Prettier keeps the call and the array on the head's line when
 * that fits; otherwise, when `{head} {callee}(` still fits, it gives the array its own lines inside the
 * parentheses; otherwise it breaks after the head and indents the whole call two more.
 */
export function arrayCallStatement(head: string, callee: string): ObjectAliasLayout {
  if (fits(`${head} ${callee}([`)) return { open: `${head} ${callee}([`, indent: "  ", close: "]);" };
  if (fits(`${head} ${callee}(`)) return { open: `${head} ${callee}(\n  [`, indent: "    ", close: "  ],\n);" };
  return { open: `${head}\n  ${callee}([`, indent: "    ", close: "  ]);" };
}

/** `{head} {callee}([]);` at column 0, laid out by `arrayCallStatement`'s rule. */
export function emptyArrayCallStatement(head: string, callee: string): string {
  if (fits(`${head} ${callee}([]);`)) return `${head} ${callee}([]);`;
  if (fits(`${head} ${callee}(`)) return `${head} ${callee}(\n  [],\n);`;
  return `${head}\n  ${callee}([]);`;
}
