/**
 * One `###` entry of `## Responses`, the status catalog (PROTOCOL.md F30, Q11, Q13): name, prose,
 * `**Reason Code:**`, `**Status:**`, properties and payload. Class and retryability come from the
 * status bits, never from the prose.
 */
import type { CatalogResponseModel } from "../../model.js";
import { canonicalStatus, reasonCodeValue, standInReasonCode, statusTraits } from "../common.js";
import type { MarkdownContext } from "./context.js";
import { spanOf } from "./mdast.js";
import { readMessageBody } from "./message-body.js";
import type { Section } from "./outline.js";

export function readCatalogResponse(section: Section, context: MarkdownContext): CatalogResponseModel | undefined {
  for (const nested of section.children) {
    const format = { section: nested.title, response: section.title };
    context.diagnostics.report({ code: "misplaced-section", messageId: "in-response", format, at: spanOf(nested.heading) });
  }
  const body = readMessageBody(section.body, context);
  const headingSpan = spanOf(section.heading);

  const reasonLabel = body.labels.get("reason-code");
  const statusLabel = body.labels.get("status");
  const unstated = [reasonLabel === undefined ? "**Reason Code:**" : [], statusLabel === undefined ? "**Status:**" : []].flat();
  if (unstated.length > 0) {
    const format = { response: section.title, labels: unstated.join(" and ") };
    context.diagnostics.report({ code: "missing-section", messageId: "response", format, at: headingSpan });
  }
  const reasonCode = reasonLabel === undefined ? undefined : reasonCodeValue(reasonLabel.value);
  if (reasonLabel !== undefined && reasonCode === undefined) {
    context.diagnostics.report({ code: "malformed-reason-code", format: { reasonCode: reasonLabel.value }, at: reasonLabel.valueSpan });
  }
  const status = statusLabel === undefined ? undefined : canonicalStatus(statusLabel.value);
  const traits = status === undefined ? undefined : statusTraits(status);
  if (statusLabel !== undefined && status === undefined) {
    context.diagnostics.report({ code: "malformed-status-code", format: { status: statusLabel.value }, at: statusLabel.valueSpan });
  } else if (status !== undefined && traits === undefined) {
    context.diagnostics.report({ code: "malformed-status-code", messageId: "type-bits", format: { status }, at: statusLabel?.valueSpan });
  }

  // A response whose reason code is unreadable stays in the model, so alternatives that name its status
  // are not reported as unknown too; the stand-in agrees with its class, so nothing more is reported.
  if (status === undefined || traits === undefined || reasonLabel === undefined) return undefined;
  return {
    status,
    name: section.title,
    description: body.description,
    reasonCode: reasonCode ?? standInReasonCode(traits.statusClass),
    ...traits,
    properties: body.properties,
    payload: body.payload,
    notes: body.notes,
    ...(headingSpan ? { span: headingSpan } : {}),
  };
}
