/** GFM tables in one layout: a row a line, cells as given (unpadded), left-aligned columns. */

/** A table; `rows` hold cells already escaped for a table (see `proseCell`, `plainTextCell`). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => ":---")), ...rows.map(line)].join("\n");
}
