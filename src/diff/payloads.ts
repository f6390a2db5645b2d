/**
 * The payload of one message, OLD against NEW. Kinds read as sets of bodies: any byte sequence holds both
 * an empty body and a JSON type, which hold nothing of each other. Two named types with the same schema
 * are the same body under another name.
 */
import type { ApiModel, PayloadModel } from "../model.js";
import { payloadSpelling } from "../model-rules.js";
import { code } from "./change.js";
import { sameJson } from "./json.js";
import type { MessagePlace } from "./messages.js";
import type { DiffScope } from "./scope.js";

type PayloadChange = "narrowed" | "widened" | "incompatible" | "type-renamed";

export function comparePayloads(scope: DiffScope, place: MessagePlace): void {
  const before = place.old.payload;
  const after = place.new.payload;
  const change = payloadChange(before, after, scope);
  if (change === undefined) return;
  const site = { operation: place.operation, old: before.span ?? place.old.span, new: after.span ?? place.new.span };
  const params = { message: place.label, from: code(payloadSpelling(before)), to: code(payloadSpelling(after)) };
  scope.recorder.report(`payload-${change}`, site, params, { flows: place.flows });
}

function payloadChange(before: PayloadModel, after: PayloadModel, scope: DiffScope): PayloadChange | undefined {
  if (before.kind === "named" && after.kind === "named") {
    if (before.type === after.type) return undefined;
    return sameJson(schemaOf(scope.old, before.type), schemaOf(scope.new, after.type)) ? "type-renamed" : "incompatible";
  }
  if (before.kind === after.kind) return undefined;
  if (after.kind === "bytes") return "widened";
  if (before.kind === "bytes") return "narrowed";
  return "incompatible";
}

function schemaOf(model: ApiModel, type: string) {
  return model.payloadTypes.find((t) => t.name === type)?.schema;
}
