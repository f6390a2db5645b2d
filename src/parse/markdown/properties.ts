/**
 * Property tables (`Name | Type | Required | Description`, and `Kind` where a user property has a
 * capitalised name). Properties come only from these tables, never from pseudo-code (docs/protocol.md#reading-the-reference);
 * first-class names map to MQTT fields (Q4).
 */
import type { Table } from "mdast";
import type { PropertyModel } from "../../model.js";
import { FIRST_CLASS_NAMES, PROPERTY_KINDS, propertyModel, requiredValue, SCALAR_TYPES } from "../common.js";
import type { MarkdownContext } from "./context.js";
import { readTable } from "./tables.js";

export function propertiesFromTable(table: Table, context: MarkdownContext): PropertyModel[] {
  const rows = readTable(table, ["name", "type", "required"], "Properties", context);
  if (rows === undefined) return [];
  const properties: PropertyModel[] = [];
  for (const row of rows) {
    const name = row.cell("name");
    const typeCell = row.cell("type");
    const requiredCell = row.cell("required");
    if (name.text === "") {
      context.diagnostics.report({ code: "malformed-table", messageId: "no-name", at: row.span });
      continue;
    }
    const type = SCALAR_TYPES.find((scalar) => scalar === typeCell.text.toLowerCase());
    if (type === undefined) {
      context.diagnostics.report({ code: "unknown-property-type", format: { property: name.text, type: typeCell.text }, at: typeCell.span });
    }
    const required = requiredValue(requiredCell.text);
    if (required === undefined) {
      const format = { property: name.text, value: requiredCell.text, expected: "yes or no" };
      context.diagnostics.report({ code: "bad-required-value", format, at: requiredCell.span });
    }
    const kindCell = row.cell("kind");
    const kind = kindCell.text === "" ? undefined : PROPERTY_KINDS.find((known) => known === kindCell.text.toLowerCase());
    if (kindCell.text !== "" && kind === undefined) {
      const format = { property: name.text, value: kindCell.text, expected: PROPERTY_KINDS.join(" or ") };
      context.diagnostics.report({ code: "unknown-first-class-property", messageId: "kind", format, at: kindCell.span });
    }
    const property = propertyModel({
      name: name.text,
      type: type ?? "string",
      required: required ?? false,
      description: row.cell("description").source,
      ...(kind ? { kind } : {}),
      ...(row.span ? { span: row.span } : {}),
    });
    if (property === undefined) {
      context.diagnostics.report({ code: "unknown-first-class-property", format: { property: name.text, known: FIRST_CLASS_NAMES }, at: name.span });
      continue;
    }
    properties.push(property);
  }
  return properties;
}
