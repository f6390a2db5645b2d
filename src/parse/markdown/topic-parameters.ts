/**
 * Topic parameter tables (`Name | Type | Scope | Description`) after `**Topic parameters**:`: in a
 * Request or Message section, the operation's own declarations; under `## Operations`, those every topic
 * shares. Type defaults to `string`, scope to `free` (`client-id` for `{clientId}`).
 */
import type { Table } from "mdast";
import { defaultScope } from "../../model-rules.js";
import {
  SCALAR_TYPES,
  TOPIC_PARAMETER_SCOPES,
  type TopicParameterDeclaration,
  type TopicParameterDeclarations,
} from "../common.js";
import type { MarkdownContext } from "./context.js";
import { readTable } from "./tables.js";

export function topicParametersFromTable(table: Table | "none" | undefined, context: MarkdownContext): TopicParameterDeclarations {
  const declarations = new Map<string, TopicParameterDeclaration>();
  const rows = table === undefined || table === "none" ? [] : (readTable(table, ["name"], "Topic parameters", context) ?? []);
  for (const row of rows) {
    const name = row.cell("name").text;
    if (name === "") {
      context.diagnostics.report({ code: "malformed-table", messageId: "no-name", at: row.span });
      continue;
    }
    const typeCell = row.cell("type");
    const type = typeCell.text === "" ? "string" : SCALAR_TYPES.find((known) => known === typeCell.text.toLowerCase());
    if (type === undefined) {
      const format = { parameter: name, type: typeCell.text };
      context.diagnostics.report({ code: "unknown-property-type", messageId: "parameter", format, at: typeCell.span });
    }
    const scopeCell = row.cell("scope");
    const scope = scopeCell.text === "" ? defaultScope(name) : TOPIC_PARAMETER_SCOPES.find((known) => known === scopeCell.text.toLowerCase());
    if (scope === undefined) {
      const format = { parameter: name, value: scopeCell.text };
      context.diagnostics.report({ code: "topic-parameter-declaration", messageId: "scope", format, at: scopeCell.span });
    }
    if (declarations.has(name)) {
      context.diagnostics.report({ code: "topic-parameter-declaration", messageId: "twice", format: { parameter: name }, at: row.span });
      continue;
    }
    if (type === undefined || scope === undefined) continue;
    declarations.set(name, { name, type, scope, description: row.cell("description").source, ...(row.span ? { span: row.span } : {}) });
  }
  return declarations;
}
