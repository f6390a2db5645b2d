/**
 * The response catalog: one entry per status, `hex16` statuses without reserved bits, and a class (from
 * the bits or stated) that means what the reason code says.
 */
import type { DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel } from "../model.js";
import { decodeStatusBits, parseStatus } from "@mqttgen/runtime";

export function checkCatalog(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const seen = new Set<string>();
  const hex16 = model.dialect.statusFormat === "hex16";
  for (const response of model.responses) {
    const { status, reasonCode, statusClass, span: at } = response;
    if (seen.has(status)) diagnostics.report({ code: "duplicate-status", format: { status }, at });
    seen.add(status);
    const bits = hex16 ? decodeStatusBits(parseStatus(status) ?? 0) : undefined;
    if (hex16 && (bits === undefined || bits.reservedBitsSet)) {
      diagnostics.report({ code: "reserved-status-bits", format: { status }, at });
    } else if (statusClass === "success" && reasonCode >= 0x80) {
      diagnostics.report({ code: "reason-code-mismatch", format: { status, reasonCode }, at });
    } else if (statusClass !== "success" && reasonCode < 0x80) {
      diagnostics.report({ code: "reason-code-mismatch", messageId: "failure", format: { status, statusClass, reasonCode }, at });
    }
  }
}

/** Every status an operation lists is in the catalog, which gives its canonical name and reason code, and is listed once. */
export function checkAlternatives(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const catalog = new Set(model.responses.map((r) => r.status));
  for (const operation of model.operations) {
    const seen = new Set<string>();
    for (const { status, name, span: at } of operation.alternatives) {
      if (seen.has(status)) {
        diagnostics.report({ code: "duplicate-status", messageId: "alternatives", format: { status, operation: operation.name }, at });
      } else if (!catalog.has(status)) {
        diagnostics.report({ code: "unknown-status", format: { status, name }, at });
      }
      seen.add(status);
    }
  }
}
