/**
 * View-model of `templates/status.ts.hbs`: the catalog as the status file presents it. Every name and
 * literal is decided here; the template only loops.
 */
import type { ApiModel, CatalogResponseModel } from "../../model.js";
import { statusErrorClassName, statusMemberName } from "../../names.js";
import { docHeading, docText, entry, stringLiteral } from "../layout.js";

export interface StatusView {
  /** Enum member (`TargetUnavailable`). */
  readonly member: string;
  /** Four hex digits (`06A0`). */
  readonly code: string;
  /** `Member: "06A0"` in `Status`, `name: "…"` and `description: "…"` in STATUS_INFO, laid out by ../layout.ts. */
  readonly memberEntry: string;
  readonly nameEntry: string;
  readonly descriptionEntry: string;
  /** The name and the description on one JSDoc line (`Bad Request: The message is malformed.`). */
  readonly nameDoc: string;
  /** The description on one JSDoc line, or the name when there is none. */
  readonly doc: string;
  readonly reasonCode: number;
  readonly statusClass: CatalogResponseModel["statusClass"];
  readonly retryable: boolean;
  /** Error class thrown for this status; empty for success statuses. */
  readonly errorClass: string;
  /** `override readonly name = "…Error" as const;` of the error class, laid out by ../layout.ts. */
  readonly errorNameMember: string;
}

export interface StatusFileView {
  readonly apiVersion: string;
  readonly statuses: readonly StatusView[];
  /** Object literals over an empty catalog are printed `{}`, as prettier does. */
  readonly hasStatuses: boolean;
  readonly failures: readonly StatusView[];
  readonly hasFailures: boolean;
  readonly successes: readonly StatusView[];
  /** `"0100" | "0101" | …`, or `never` when the catalog lists no failure. */
  readonly failureUnion: string;
  readonly errorUnion: string;
}

export function statusFileView(model: ApiModel): StatusFileView {
  const statuses = [...model.responses]
    .sort((a, b) => a.status.localeCompare(b.status))
    .map((response): StatusView => ({
      member: statusMemberName(response),
      code: response.status,
      memberEntry: entry(2, statusMemberName(response), stringLiteral(response.status)),
      nameEntry: entry(4, "name", stringLiteral(response.name)),
      descriptionEntry: entry(4, "description", stringLiteral(response.description)),
      nameDoc: docHeading(response.name, response.description),
      doc: docText(response.description, docText(response.name, "")),
      reasonCode: response.reasonCode,
      statusClass: response.statusClass,
      retryable: response.retryable,
      errorClass: response.statusClass === "success" ? "" : statusErrorClassName(response),
      errorNameMember: entry(2, "override readonly name", `${stringLiteral(statusErrorClassName(response))} as const`, ";", " ="),
    }));
  const failures = statuses.filter((s) => s.statusClass !== "success");
  return {
    apiVersion: model.apiVersion,
    statuses,
    hasStatuses: statuses.length > 0,
    failures,
    hasFailures: failures.length > 0,
    successes: statuses.filter((s) => s.statusClass === "success"),
    failureUnion: failures.length === 0 ? "never" : failures.map((s) => JSON.stringify(s.code)).join(" | "),
    errorUnion: [...failures.map((s) => s.errorClass), "UnknownStatusError"].join(" | "),
  };
}
