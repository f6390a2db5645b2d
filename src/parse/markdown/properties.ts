/**
 * Property tables (`Name | Type | Required | Description`). Properties come only from these tables,
 * never from pseudo-code (PROTOCOL.md Q6, Q7); first-class names map to MQTT fields (Q4).
 */
import type { Table } from "mdast";
import type { PropertyModel } from "../../model.js";
import { propertyModel, requiredValue, SCALAR_TYPES } from "../common.js";
import { report, type MarkdownContext } from "./context.js";
import { readTable } from "./tables.js";

export function propertiesFromTable(table: Table, context: MarkdownContext): PropertyModel[] {
  const rows = readTable(table, ["name", "type", "required"], "Properties", context);
  if (rows === undefined) return [];
  const properties: PropertyModel[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.cell("name");
    const typeCell = row.cell("type");
    const requiredCell = row.cell("required");
    if (name.text === "") {
      report(context, "malformed-table", "property row has no name", row.span);
      continue;
    }
    if (seen.has(name.text)) {
      report(context, "duplicate-property", `property ${name.text} is listed twice`, row.span);
    }
    seen.add(name.text);

    const type = SCALAR_TYPES.find((scalar) => scalar === typeCell.text.toLowerCase());
    if (type === undefined) {
      report(
        context,
        "unknown-property-type",
        `property ${name.text} has type ${JSON.stringify(typeCell.text)}; expected one of ${SCALAR_TYPES.join(", ")}`,
        typeCell.span,
      );
    }
    const required = requiredValue(requiredCell.text);
    if (required === undefined) {
      report(
        context,
        "bad-required-value",
        `property ${name.text} has Required ${JSON.stringify(requiredCell.text)}; expected yes or no`,
        requiredCell.span,
      );
    }
    const property = propertyModel({
      name: name.text,
      type: type ?? "string",
      required: required ?? false,
      description: row.cell("description").source,
      ...(row.span ? { span: row.span } : {}),
    });
    if (property === undefined) {
      report(
        context,
        "unknown-first-class-property",
        `${name.text} looks like a first-class MQTT property but is not one the generator can map`,
        name.span,
      );
      continue;
    }
    properties.push(property);
  }
  return properties;
}
