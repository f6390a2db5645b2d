/** View-model of `templates/payloads.ts.hbs`: one declaration per named payload type. */
import type { ApiModel, PayloadTypeModel } from "../../model.js";
import { payloadTypeName } from "../../names.js";
import { objectMembers, typeOf, type MemberView } from "./schema-type.js";

export interface PayloadDeclarationView {
  readonly name: string;
  readonly description: string;
  /** An object schema becomes an interface with one member per line. */
  readonly isInterface: boolean;
  readonly members: readonly MemberView[];
  /** The aliased type when not an interface. */
  readonly type: string;
}

export interface PayloadsFileView {
  readonly declarations: readonly PayloadDeclarationView[];
}

export function payloadsFileView(model: ApiModel): PayloadsFileView {
  return { declarations: model.payloadTypes.map(declaration) };
}

function declaration(payload: PayloadTypeModel): PayloadDeclarationView {
  const name = payloadTypeName(payload.name);
  const description = payload.description || schemaDescription(payload) || `The ${payload.name} payload; the spec gives no schema for it.`;
  const members = payload.schema === undefined ? undefined : objectMembers(payload.schema);
  return {
    name,
    description,
    isInterface: members !== undefined && members.length > 0,
    members: members ?? [],
    type: payload.schema === undefined ? "unknown" : typeOf(payload.schema),
  };
}

function schemaDescription(payload: PayloadTypeModel): string {
  const schema = payload.schema;
  if (typeof schema !== "object" || schema === null || !("description" in schema)) return "";
  return typeof schema.description === "string" ? schema.description : "";
}
