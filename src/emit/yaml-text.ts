/**
 * A JSON value as YAML in one layout of our own (the emit stage imports no YAML library, STYLE.md 1), for
 * the AsyncAPI document and the reference's front matter: a
 * mapping or sequence entry a line, two spaces a level, sequences indented under their key, empty ones
 * written `{}` and `[]`. A string is plain where every YAML reader (1.1 and 1.2) takes it back as that
 * very string, a literal block (`|-`) when it spans lines, and double-quoted otherwise, escaped as JSON
 * escapes it (YAML's double-quoted style reads JSON strings alike).
 */
/** What the printer prints: JSON data. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

type Schema = { readonly [key: string]: YamlValue };
type SchemaValue = YamlValue;

/** A document holding one mapping. */
export function yamlText(document: Schema): string {
  return isEmpty(document) ? "{}\n" : `${block(document, 0).join("\n")}\n`;
}

type Collection = Exclude<SchemaValue, string | number | boolean | null>;

function isCollection(value: SchemaValue): value is Collection {
  return typeof value === "object" && value !== null;
}

function isEmpty(value: Collection): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** The lines of a non-empty mapping or sequence whose entries stand `indent` spaces in. */
function block(value: Collection, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item: SchemaValue) => {
      if (!isCollection(item) || isEmpty(item)) return [`${pad}- ${scalar(item, indent + 2)}`];
      // The item's first line follows the dash; the rest keep the indentation of its entries.
      const [first = "", ...rest] = block(item, indent + 2);
      return Array.isArray(item) ? [`${pad}-`, first, ...rest] : [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    });
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const head = `${pad}${isPlain(key) ? key : quoted(key)}:`;
    if (!isCollection(item) || isEmpty(item)) return [`${head} ${scalar(item, indent + 2)}`];
    return [head, ...block(item, indent + 2)];
  });
}

/** A scalar, or an empty collection, after `key: ` or `- `; a literal block's lines stand `indent` in. */
function scalar(value: SchemaValue, indent: number): string {
  if (typeof value === "string") return string(value, indent);
  if (isCollection(value)) return Array.isArray(value) ? "[]" : "{}";
  return JSON.stringify(value);
}

/** A string value; a key is plain or quoted, since a key stands on one line. */
function string(text: string, indent: number): string {
  if (isPlain(text)) return text;
  if (!isLiteralBlock(text)) return quoted(text);
  const pad = " ".repeat(indent);
  return ["|-", ...text.split("\n").map((line) => (line === "" ? "" : pad + line))].join("\n");
}

/** Double-quoted: JSON's escapes, and YAML's `\u` escape for what YAML does not print as it is. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Words YAML 1.1 or 1.2 reads as booleans, null or merge/value keys. */
const SPECIAL_WORDS = /^(y|yes|n|no|true|false|on|off|null|~|<<|=)$/i;

/**
 * A plain scalar that cannot be anything else: no indicator or white space first, no number-like start,
 * no `: ` or ` #`, no `:` last, nothing outside printable ASCII and the letters above it.
 */
function isPlain(text: string): boolean {
  return (
    /^[^\s\-?:,[\]{}#&*!|>'"%@`<=~+.0-9][^\t\n\r]*$/u.test(text) &&
    !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text) &&
    !/: | #|:$|\s$/.test(text) &&
    !SPECIAL_WORDS.test(text)
  );
}

/**
 * A string of several lines that a `|-` block keeps exactly: its first line opens with a character
 * that is not white space (so the block's indentation is found), it does not end with a line break
 * (which `-` strips), and it holds no character a block cannot hold as it is.
 */
function isLiteralBlock(text: string): boolean {
  return (
    text.includes("\n") &&
    /^\S/.test(text) &&
    !text.endsWith("\n") &&
    !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)
  );
}
