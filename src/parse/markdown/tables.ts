/**
 * GFM tables read by column name, not position, so reordered or extra columns still read. Cells are
 * trimmed and an empty cell is "" (docs/protocol.md#reading-the-reference). GFM drops the cells of a row beyond its header's;
 * those are reported instead, since they are most often a description cut by an unescaped `|`.
 */
import type { Table, TableCell, TableRow } from "mdast";
import type { SourceSpan } from "../../model.js";
import type { MarkdownContext } from "./context.js";
import { plainText, spanOf, spanOfRange } from "./mdast.js";
import { decodeCell } from "./prose.js";

export interface CellValue {
  /** Plain text (code spans without backticks, escapes and references resolved); markdown trims the cell. */
  readonly text: string;
  /** The cell's prose (see `prose.ts`): descriptions keep their code spans. */
  readonly source: string;
  readonly span: SourceSpan | undefined;
}

export interface RowValue {
  readonly span: SourceSpan | undefined;
  readonly cell: (column: string) => CellValue;
}

/** `Reason Code` → `reasoncode`. */
export function columnKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export function tableColumns(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => columnKey(plainText(cell)));
}

/**
 * The body rows of `table`, or `undefined` (after a `malformed-table`) when a required column is absent.
 * `what` names the table in the message. Rows with more cells than the header are reported and read.
 */
export function readTable(
  table: Table,
  required: readonly string[],
  what: string,
  context: MarkdownContext,
): RowValue[] | undefined {
  const [header, ...body] = table.children;
  const columns = tableColumns(table);
  const missing = required.filter((column) => !columns.includes(column));
  if (header === undefined || missing.length > 0) {
    context.diagnostics.report({ code: "malformed-table", format: { table: what, columns: missing.join(", ") }, at: spanOf(header ?? table) });
    return undefined;
  }
  for (const row of body) {
    const surplus = row.children[columns.length];
    if (surplus === undefined) continue;
    const format = { cells: row.children.length, columns: columns.length };
    context.diagnostics.report({ code: "extra-table-cell", format, at: cellValue(surplus, context).span });
  }
  return body.map((row) => rowValue(row, columns, context));
}

function rowValue(row: TableRow, columns: readonly string[], context: MarkdownContext): RowValue {
  const span = spanOf(row);
  return {
    span,
    cell: (column) => {
      const cell = row.children[columns.indexOf(column)];
      return cell === undefined ? { text: "", source: "", span } : cellValue(cell, context);
    },
  };
}

/** The span is the cell's content, so diagnostics point at the value; an empty cell spans its pipes. */
function cellValue(cell: TableCell, context: MarkdownContext): CellValue {
  const first = cell.children[0];
  const last = cell.children.at(-1);
  if (first === undefined || last === undefined) return { text: "", source: "", span: spanOf(cell) };
  const source = context.text.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0).trim();
  return { text: plainText(cell), source: decodeCell(source), span: spanOfRange(first, last) };
}
