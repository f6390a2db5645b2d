/**
 * The dialect against the spec it resolves in: the statuses it uses for the runtime's own conditions
 * are the catalog's, and failures. (A preset's runtime statuses apply only where the catalog has them,
 * so only those the spec declares can be missing.)
 */
import type { DiagnosticCollector } from "../diagnostics.js";
import { RUNTIME_CONDITIONS, type ApiModel } from "../model.js";

export function checkRuntimeStatuses(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const at = model.dialect.span ?? model.span;
  for (const condition of RUNTIME_CONDITIONS) {
    const status = model.dialect.runtimeStatuses[condition];
    if (status === undefined) continue;
    const entry = model.responses.find((response) => response.status === status);
    if (entry === undefined) diagnostics.report({ code: "runtime-status", format: { condition, status }, at });
    else if (entry.statusClass === "success") diagnostics.report({ code: "runtime-status", messageId: "success", format: { condition, status }, at });
  }
}
