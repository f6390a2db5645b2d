/**
 * View-model of `templates/payloads.ts.hbs`: one declaration per named payload type, each laid out as
 * prettier prints it by ./type-layout.ts.
 */
import type { ApiModel, PayloadTypeModel } from "../../model.js";
import { payloadTypeName } from "../../names.js";
import { docText } from "../layout.js";
import { objectMembers, typeOf } from "./schema-type.js";
import { memberText, typeAliasText } from "./type-layout.js";

export interface PayloadMemberView {
  /** One-line JSDoc text; empty when the property has no description. */
  readonly description: string;
  /** `key?: type;`, possibly over several lines, indented for its place in the interface. */
  readonly text: string;
}

export interface PayloadDeclarationView {
  readonly name: string;
  readonly description: string;
  /** An object schema becomes an interface with one member per line. */
  readonly isInterface: boolean;
  readonly members: readonly PayloadMemberView[];
  /** `export type Name = …;` when not an interface. */
  readonly alias: string;
}

export interface PayloadsFileView {
  readonly declarations: readonly PayloadDeclarationView[];
  /** Without payload types the file is still a module with a statement, so prettier leaves it alone. */
  readonly isEmpty: boolean;
}

export function payloadsFileView(model: ApiModel): PayloadsFileView {
  return { declarations: model.payloadTypes.map(declaration), isEmpty: model.payloadTypes.length === 0 };
}

function declaration(payload: PayloadTypeModel): PayloadDeclarationView {
  const name = payloadTypeName(payload.name);
  const fallback =
    payload.schema === undefined ? `The ${payload.name} payload; the spec gives no schema for it.` : `The ${payload.name} payload.`;
  const description = docText(payload.description, docText(schemaDescription(payload), fallback));
  const members = payload.schema === undefined ? undefined : objectMembers(payload.schema);
  return {
    name,
    description,
    isInterface: members !== undefined && members.length > 0,
    members: (members ?? []).map((m) => ({ description: docText(m.description, ""), text: memberText(m, 2) })),
    alias: typeAliasText(name, payload.schema === undefined ? { kind: "atom", text: "unknown" } : typeOf(payload.schema)),
  };
}

function schemaDescription(payload: PayloadTypeModel): string {
  const schema = payload.schema;
  if (typeof schema !== "object" || schema === null || !("description" in schema)) return "";
  return typeof schema.description === "string" ? schema.description : "";
}
