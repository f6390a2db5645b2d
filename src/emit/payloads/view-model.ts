/**
 * View-model of `templates/payloads.ts.hbs`: one declaration per named payload type, its type printed
 * from the JSON Schema by ./schema-type.ts.
 */
import type { ApiModel, PayloadTypeModel } from "../../model.js";
import { declarationsOf } from "../../declarations.js";
import { memberText, objectMembers, typeOf, typeText, type MemberNode } from "./schema-type.js";

export interface PayloadMemberView {
  /** The property's description, trimmed; empty when it has none. */
  readonly description: string;
  /** `key?: type;`, a nested object type one member a line at the member's indentation. */
  readonly text: string;
}

export interface PayloadDeclarationView {
  readonly name: string;
  readonly description: string;
  /** An object schema with properties becomes an interface with one member per line. */
  readonly isInterface: boolean;
  readonly members: readonly PayloadMemberView[];
  /** The type of `export type Name = …;` when not an interface. */
  readonly type: string;
}

export interface PayloadsFileView {
  readonly declarations: readonly PayloadDeclarationView[];
  /** Without payload types the file is still a module. */
  readonly isEmpty: boolean;
}

export function payloadsFileView(model: ApiModel, specName: string): PayloadsFileView {
  const names = declarationsOf(model, specName).payloadTypes;
  return {
    declarations: model.payloadTypes.map((payload) => declaration(payload, names.get(payload.name) ?? "")),
    isEmpty: model.payloadTypes.length === 0,
  };
}

function declaration(payload: PayloadTypeModel, name: string): PayloadDeclarationView {
  const fallback =
    payload.schema === undefined ? `The ${payload.name} payload; the spec gives no schema for it.` : `The ${payload.name} payload.`;
  const members = payload.schema === undefined ? undefined : objectMembers(payload.schema);
  return {
    name,
    description: payload.description.trim() || schemaDescription(payload).trim() || fallback,
    isInterface: members !== undefined && members.length > 0,
    members: (members ?? []).map(memberView),
    type: payload.schema === undefined ? "unknown" : typeText(typeOf(payload.schema), 0),
  };
}

function memberView(member: MemberNode): PayloadMemberView {
  return { description: member.description.trim(), text: memberText(member, 2) };
}

function schemaDescription(payload: PayloadTypeModel): string {
  const schema = payload.schema;
  if (typeof schema !== "object" || schema === null || !("description" in schema)) return "";
  return typeof schema.description === "string" ? schema.description : "";
}
