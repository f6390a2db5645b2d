/**
 * Alternative Responses / Acknowledgments tables: `Status | Name | Description`, optionally led by a
 * `Reason Code` column (acknowledgment tables). Without that column an outcome takes the catalog's
 * reason code. Outcomes are keyed by status, never by name or description (docs/protocol.md#reading-the-reference).
 */
import type { Table } from "mdast";
import type { AlternativeOutcomeModel, CatalogResponseModel, OutcomeSender, StatusFormat } from "../../model.js";
import { catalogReasonCode } from "../../model-rules.js";
import { canonicalStatus, reasonCodeValue } from "../common.js";
import type { MarkdownContext } from "./context.js";
import { readTable, tableColumns } from "./tables.js";

export function alternativesFromTable(
  table: Table,
  sender: OutcomeSender,
  catalog: readonly CatalogResponseModel[],
  format: StatusFormat,
  context: MarkdownContext,
): AlternativeOutcomeModel[] {
  const rows = readTable(table, ["status", "name"], "Alternative outcomes", context);
  if (rows === undefined) return [];
  const hasReasonCode = tableColumns(table).includes("reasoncode");
  const outcomes: AlternativeOutcomeModel[] = [];
  for (const row of rows) {
    const statusCell = row.cell("status");
    const status = canonicalStatus(statusCell.text, format);
    if (status === undefined) {
      context.diagnostics.report({ code: "malformed-status-code", messageId: format, format: { status: statusCell.text }, at: statusCell.span });
      continue;
    }
    let reasonCode = catalogReasonCode(status, catalog);
    if (hasReasonCode) {
      const reasonCell = row.cell("reasoncode");
      const given = reasonCodeValue(reasonCell.text);
      if (given === undefined) {
        context.diagnostics.report({ code: "malformed-reason-code", format: { reasonCode: reasonCell.text }, at: reasonCell.span });
      }
      reasonCode = given ?? reasonCode;
    }
    outcomes.push({
      status,
      name: row.cell("name").text,
      description: row.cell("description").source,
      reasonCode,
      sender,
      ...(row.span ? { span: row.span } : {}),
    });
  }
  return outcomes;
}
