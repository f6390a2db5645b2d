/**
 * GFM tables laid out exactly as prettier prints them (every column padded to its widest cell, at least
 * three wide, left-aligned delimiters `:---`), so generated markdown is stable under prettier without
 * running it.
 */

/**
 * Display width of `text` as prettier measures it: wide East Asian characters count twice, combining
 * marks and control characters not at all, emoji shown as emoji (🚀) twice. Format characters (a
 * zero-width space or joiner) count one, as prettier 3 counts them.
 */
export function displayWidth(text: string): number {
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

/** A left-aligned table; `rows` hold cells already escaped for a table (see `proseCell`, `plainTextCell`). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(3, displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => pad(cells[column] ?? "", width)).join(" | ")} |`;
  const delimiter = `| ${widths.map((width) => `:${"-".repeat(width - 1)}`).join(" | ")} |`;
  return [line(header), delimiter, ...rows.map(line)].join("\n");
}

function pad(text: string, width: number): string {
  return text + " ".repeat(width - displayWidth(text));
}
