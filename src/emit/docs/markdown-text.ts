/**
 * Markdown syntax for spec text placed inside constructs that spec text could break: code spans, table
 * cells, fenced blocks, block quotes. Prose itself is markdown already and is written as it is.
 */

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** `text` as a code span whose fence no backtick inside it can close (CommonMark 6.1). */
export function codeSpan(text: string): string {
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fence for a code block of `lines` that no line inside can close. */
export function codeFence(lines: readonly string[]): string {
  return "`".repeat(Math.max(3, ...lines.map((line) => longestBacktickRun(line) + 1)));
}

/**
 * Markdown as one table cell: on one line, with every unescaped `|` escaped. Text read from a markdown
 * table already has its pipes escaped and is left as it is, so a markdown round trip is exact.
 */
export function tableCell(markdown: string): string {
  return markdown
    .replace(/\s*\n\s*/g, " ")
    .replace(/(?<!\\)\|/g, "\\|")
    .trim();
}

/** A markdown block as a block quote, `> ` before every line. */
export function blockQuote(lines: readonly string[]): string {
  return lines.map((line) => (line === "" ? ">" : `> ${line}`)).join("\n");
}
