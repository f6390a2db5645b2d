/**
 * View-model of `templates/status.ts.hbs`: the catalog as the status file presents it. Every name and
 * text is decided here; the template only loops.
 */
import type { ApiModel, CatalogResponseModel, StatusFormat } from "../../model.js";
import { declarationsOf, type SpecDeclarations } from "../../declarations.js";
import { byText } from "../order.js";
import { RUNTIME_SHARED } from "../runtime-modules.js";

export interface StatusView {
  /** Enum member (`TargetUnavailable`). */
  readonly member: string;
  /** The status, canonical in the dialect's format (`06A0`, `404`, `unknown-slot`). */
  readonly code: string;
  readonly name: string;
  readonly description: string;
  /** JSDoc of the `Status` member: the description, or the name when there is none. */
  readonly memberDoc: string;
  readonly reasonCode: number;
  readonly statusClass: CatalogResponseModel["statusClass"];
  readonly retryable: boolean;
  /** Error class thrown for this status; empty for success statuses. */
  readonly errorClass: string;
  /** JSDoc of the error class: `0100 Bad Request: The message is malformed.` */
  readonly errorDoc: string;
}

export interface StatusFileView {
  /** Where the runtime's shared part is imported from. */
  readonly runtimeModule: string;
  readonly statuses: readonly StatusView[];
  readonly failures: readonly StatusView[];
  /** How statuses are written (`hex16`, `integer`, `text`), which `parseKnownStatus` reads them as. */
  readonly statusFormat: StatusFormat;
  /** Where statuses travel, for the catalog's JSDoc. */
  readonly travel: string;
  /** How `parseKnownStatus` reads a received value, for its JSDoc. */
  readonly parsing: string;
}

const PARSING: { readonly [F in StatusFormat]: string } = {
  hex16: "Parsed as hexadecimal, case-insensitively, never as decimal.",
  integer: "Parsed as a decimal integer (`\"0400\"` and `400` are the same status).",
  text: "Compared exactly.",
};

export function statusFileView(model: ApiModel, specName: string): StatusFileView {
  const declarations = declarationsOf(model, specName);
  const statuses = [...model.responses].sort(byText((r) => r.status)).map((r) => statusView(r, declarations));
  const { dialect } = model;
  const places = [
    ...(dialect.outcome.statusProperty === undefined ? [] : [`the \`${dialect.outcome.statusProperty}\` user property`]),
    ...(model.operations.some((o) => o.failurePayload !== undefined) ? ["the failure payloads of replies"] : []),
  ];
  const format = { hex16: "four hex digits", integer: "decimal integers", text: "text tokens" }[dialect.statusFormat];
  return {
    runtimeModule: RUNTIME_SHARED,
    statuses,
    failures: statuses.filter((s) => s.statusClass !== "success"),
    statusFormat: dialect.statusFormat,
    travel:
      places.length === 0
        ? `Statuses are written as ${format}; outcomes travel as MQTT reason codes.`
        : `Statuses travel as ${format} in ${places.join(" and in ")}.`,
    parsing: PARSING[dialect.statusFormat],
  };
}

function statusView(response: CatalogResponseModel, declarations: SpecDeclarations): StatusView {
  const heading = `${response.status} ${response.name}`.trim();
  return {
    member: declarations.statusMembers.get(response.status) ?? "",
    code: response.status,
    name: response.name,
    description: response.description,
    memberDoc: response.description.trim() || heading,
    reasonCode: response.reasonCode,
    statusClass: response.statusClass,
    retryable: response.retryable,
    errorClass: declarations.errorClasses.get(response.status) ?? "",
    errorDoc: response.description.trim() === "" ? heading : `${heading}: ${response.description.trim()}`,
  };
}
