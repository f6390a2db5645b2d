/**
 * Spec text and names in generated TypeScript, escaped for their context (STYLE.md 7): JSDoc that no
 * text can close or turn into a tag, string literals, object keys. Each construct has one layout,
 * whatever its length (STYLE.md 10): a one-line text is a one-line comment, a text of several lines a
 * block comment with one comment line per line of text.
 */

/** The lines of `text` as JSDoc lines: `*\/` cannot close the comment, `@` cannot start a tag. */
export function jsdocLines(text: string): string[] {
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/).map((line) =>
    line
      .replace(/\*\//g, "*\\/")
      .replace(/(^|\s)@/g, "$1\\@")
      .trimEnd(),
  );
  while (lines.at(-1) === "") lines.pop();
  return lines.slice(lines.findIndex((line) => line !== ""));
}

/**
 * A whole JSDoc comment holding `text`, `indent` spaces in (the first line's indentation is the
 * caller's): `/** text *\/` for one line, a block with one line per line of text otherwise, and
 * nothing for a text without any.
 */
export function jsdocComment(text: string, indent = 0): string {
  const lines = jsdocLines(text);
  if (lines.length <= 1) return lines.length === 0 ? "" : `/** ${lines[0]} */`;
  const pad = " ".repeat(indent);
  return ["/**", ...lines.map((line) => (line === "" ? `${pad} *` : `${pad} * ${line}`)), `${pad} */`].join("\n");
}

/**
 * Text inside a comment the template writes, `indent` spaces in: its line breaks continue the comment
 * (`\n * `) at that indentation.
 */
export function jsdocText(text: string, indent = 0): string {
  const pad = " ".repeat(indent);
  return jsdocLines(text)
    .map((line, index) => (index === 0 ? line : line === "" ? `${pad} *` : `${pad} * ${line}`))
    .join("\n");
}

/** A TypeScript string literal: JSON's, which is always a valid one. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text);
}

/** An object or interface member key: bare when it is an identifier name (`café` included), quoted otherwise. */
export function memberKey(name: string): string {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(name) ? name : stringLiteral(name);
}
