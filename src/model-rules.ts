/**
 * Rules of the model's meaning that parsers, validation and emitters share: how a value is spelled in the
 * spec forms and what an unstated value defaults to. Plain functions of model data; no parser, no emitter.
 */
import type { CatalogResponseModel, OperationModel, PayloadModel } from "./model.js";

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

/** The payload schema sidecar beside a spec (`api/iothub.md` → `api/iothub.schemas.json`). */
export function sidecarPath(specPath: string): string {
  return specPath.replace(/\.(md|ya?ml)$/i, ".schemas.json");
}

/** Reason code an operation's alternative gets when its table lists none: the catalog's (131 if unknown; validation reports it). */
export function catalogReasonCode(status: string, catalog: readonly CatalogResponseModel[]): number {
  return catalog.find((entry) => entry.status === status)?.reasonCode ?? 0x83;
}

/**
 * The api-version and version the prose under the title states, the first mention of each (PROTOCOL.md
 * Q17: "version 2.0 (api-version: `2020-10-01-preview`)"). Backticks before a value are skipped, so the
 * plain text and the markdown of one paragraph read alike.
 */
export function statedVersions(prose: string): { readonly apiVersion: string | undefined; readonly version: string } {
  return {
    apiVersion: /api-version\s*[:=]?\s*`*([0-9A-Za-z][\w.-]*)/i.exec(prose)?.[1],
    version: /(?<![\w-])version\s+`*v?(\d+(?:\.\d+)*)/i.exec(prose)?.[1] ?? "",
  };
}

/** Every payload a spec names, operations first (request, then success), then the catalog's. */
export function specPayloads(
  operations: readonly OperationModel[],
  responses: readonly CatalogResponseModel[],
): PayloadModel[] {
  return [
    ...operations.flatMap((operation) => [
      operation.request.payload,
      ...(operation.success ? [operation.success.payload] : []),
    ]),
    ...responses.map((entry) => entry.payload),
  ];
}
