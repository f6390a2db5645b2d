/**
 * What every TypeScript emitter says the same way: the TypeScript type of each scalar type (docs/protocol.md#scalar-values;
 * one table for client, server and api), and the one wording of a property's JSDoc.
 */
import type { PropertyModel, ScalarType } from "../model.js";

export const SCALAR_TS_TYPES: { readonly [T in ScalarType]: string } = {
  u32: "number",
  i32: "number",
  u64: "bigint",
  string: "string",
  time: "Date",
};

/** `Version of reported state; \`version\` user property, u64.`, or `The \`if-version\` user property, u64.` without a description. */
export function propertyDoc(property: PropertyModel): string {
  const wire = property.kind === "first-class" ? `MQTT ${property.name}` : `\`${property.name}\` user property, ${property.type}`;
  const description = property.description.trim().replace(/\.$/, "");
  return description === "" ? `The ${wire}.` : `${description}; ${wire}.`;
}
