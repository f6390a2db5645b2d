/**
 * View-model of `templates/status.ts.hbs`: the catalog as the status file presents it. Every name and
 * literal is decided here; the template only loops.
 */
import type { ApiModel, CatalogResponseModel } from "../../model.js";
import { statusErrorClassName, statusMemberName } from "../../names.js";

export interface StatusView {
  /** Enum member (`TargetUnavailable`). */
  readonly member: string;
  /** Four hex digits (`06A0`). */
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly reasonCode: number;
  readonly statusClass: CatalogResponseModel["statusClass"];
  readonly retryable: boolean;
  /** Error class thrown for this status; empty for success statuses. */
  readonly errorClass: string;
}

export interface StatusFileView {
  readonly apiVersion: string;
  readonly statuses: readonly StatusView[];
  readonly failures: readonly StatusView[];
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
      name: response.name,
      description: response.description,
      reasonCode: response.reasonCode,
      statusClass: response.statusClass,
      retryable: response.retryable,
      errorClass: response.statusClass === "success" ? "" : statusErrorClassName(response),
    }));
  const failures = statuses.filter((s) => s.statusClass !== "success");
  return {
    apiVersion: model.apiVersion,
    statuses,
    failures,
    successes: statuses.filter((s) => s.statusClass === "success"),
    failureUnion: failures.length === 0 ? "never" : failures.map((s) => JSON.stringify(s.code)).join(" | "),
    errorUnion: [...failures.map((s) => s.errorClass), "UnknownStatusError"].join(" | "),
  };
}
