/**
 * Rules of the model's meaning that parsers, validation and emitters share: how a value is spelled in the
 * spec forms and what an unstated value defaults to. Plain functions of model data; no parser, no emitter.
 */
import type { CatalogResponseModel, PayloadModel } from "./model.js";

/** How a payload is written in either spec form; `payloadModel` reads it back. */
export function payloadSpelling(payload: PayloadModel): string {
  switch (payload.kind) {
    case "empty":
      return "empty";
    case "bytes":
      return "any byte sequence";
    case "named":
      return payload.type;
  }
}

/** Reason code an operation's alternative gets when its table lists none: the catalog's (131 if unknown; validation reports it). */
export function catalogReasonCode(status: string, catalog: readonly CatalogResponseModel[]): number {
  return catalog.find((entry) => entry.status === status)?.reasonCode ?? 0x83;
}
