/** The response catalog: one entry per status, status bits that mean what the reason code says. */
import type { ApiModel } from "../model.js";
import { decodeStatusBits, parseStatus } from "../runtime/status.js";
import type { Report } from "./report.js";

export function checkCatalog(model: ApiModel, report: Report): void {
  const seen = new Set<string>();
  for (const response of model.responses) {
    if (seen.has(response.status)) report("duplicate-status", `status ${response.status} is listed twice in the catalog`, response.span);
    seen.add(response.status);
    const bits = decodeStatusBits(parseStatus(response.status) ?? 0);
    if (bits === undefined || bits.reservedBitsSet) {
      report("reserved-status-bits", `status ${response.status} sets reserved type bits (PROTOCOL.md F29)`, response.span);
    } else if ((bits.statusClass === "success") !== response.reasonCode < 0x80) {
      report(
        "reason-code-mismatch",
        `status ${response.status} is ${bits.statusClass} but reason code ${response.reasonCode} ${response.reasonCode < 0x80 ? "means success" : "means failure"}`,
        response.span,
      );
    }
  }
}

/** Every status an operation lists is in the catalog, which gives its canonical name and reason code. */
export function checkAlternatives(model: ApiModel, report: Report): void {
  const catalog = new Set(model.responses.map((r) => r.status));
  for (const operation of model.operations) {
    for (const alternative of operation.alternatives) {
      if (!catalog.has(alternative.status)) {
        report("unknown-status", `status ${alternative.status} (${alternative.name}) is not in the Responses catalog`, alternative.span);
      }
    }
  }
}
