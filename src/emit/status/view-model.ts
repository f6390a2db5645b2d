/**
 * View-model of `templates/status.ts.hbs`: the catalog as the status file presents it. Every name and
 * text is decided here; the template only loops.
 */
import type { ApiModel, CatalogResponseModel } from "../../model.js";
import { statusErrorClassName, statusMemberName } from "../../names.js";
import { byText } from "../order.js";

export interface StatusView {
  /** Enum member (`TargetUnavailable`). */
  readonly member: string;
  /** Four hex digits (`06A0`). */
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
  readonly statuses: readonly StatusView[];
  readonly failures: readonly StatusView[];
}

export function statusFileView(model: ApiModel): StatusFileView {
  const statuses = [...model.responses].sort(byText((r) => r.status)).map(statusView);
  return { statuses, failures: statuses.filter((s) => s.statusClass !== "success") };
}

function statusView(response: CatalogResponseModel): StatusView {
  const heading = `${response.status} ${response.name}`.trim();
  return {
    member: statusMemberName(response),
    code: response.status,
    name: response.name,
    description: response.description,
    memberDoc: response.description.trim() || heading,
    reasonCode: response.reasonCode,
    statusClass: response.statusClass,
    retryable: response.retryable,
    errorClass: response.statusClass === "success" ? "" : statusErrorClassName(response),
    errorDoc: response.description.trim() === "" ? heading : `${heading}: ${response.description.trim()}`,
  };
}
