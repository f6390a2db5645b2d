/**
 * One `###` entry of `## Responses`, the status catalog (docs/protocol.md#status-codes, #reading-the-reference): name, prose,
 * `**Reason Code:**`, `**Status:**`, properties and payload. A `hex16` status's class and retryability
 * come from its bits, never from the prose; statuses of the other formats state them in `**Class:**`
 * and `**Retryable:**` (no unless stated).
 */
import { STATUS_CLASSES, type CatalogResponseModel, type StatusFormat } from "../../model.js";
import { canonicalStatus, reasonCodeValue, requiredValue, standInReasonCode, standInTraits, statusTraits } from "../common.js";
import type { MarkdownContext } from "./context.js";
import type { LabelledValue } from "./labels.js";
import { spanOf } from "./mdast.js";
import { readMessageBody } from "./message-body.js";
import type { Section } from "./outline.js";

type Traits = Pick<CatalogResponseModel, "statusClass" | "retryable">;

export function readCatalogResponse(section: Section, format: StatusFormat, context: MarkdownContext): CatalogResponseModel | undefined {
  for (const nested of section.children) {
    const details = { section: nested.title, response: section.title };
    context.diagnostics.report({ code: "misplaced-section", messageId: "in-response", format: details, at: spanOf(nested.heading) });
  }
  const body = readMessageBody(
    section.body,
    context,
    ["reason-code", "status", "class", "retryable", "properties", "payload"],
    `the response "${section.title}"`,
  );
  const headingSpan = spanOf(section.heading);

  const reasonLabel = body.labels.get("reason-code");
  const statusLabel = body.labels.get("status");
  const unstated = [reasonLabel === undefined ? "**Reason Code:**" : [], statusLabel === undefined ? "**Status:**" : []].flat();
  if (unstated.length > 0) {
    const details = { response: section.title, labels: unstated.join(" and ") };
    context.diagnostics.report({ code: "missing-section", messageId: "response", format: details, at: headingSpan });
  }
  const reasonCode = reasonLabel === undefined ? undefined : reasonCodeValue(reasonLabel.value);
  if (reasonLabel !== undefined && reasonCode === undefined) {
    context.diagnostics.report({ code: "malformed-reason-code", format: { reasonCode: reasonLabel.value }, at: reasonLabel.valueSpan });
  }
  const status = statusLabel === undefined ? undefined : canonicalStatus(statusLabel.value, format);
  if (statusLabel !== undefined && status === undefined) {
    context.diagnostics.report({ code: "malformed-status-code", messageId: format, format: { status: statusLabel.value }, at: statusLabel.valueSpan });
  }
  const traits =
    status === undefined
      ? undefined
      : format === "hex16"
        ? bitTraits(status, statusLabel, body.labels, context)
        : (statedTraits(status, format, body.labels, headingSpan, context) ?? standInTraits(reasonCode));

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

/** A `hex16` status's traits from its bits; stated ones are reported, as the bits say them. */
function bitTraits(
  status: string,
  statusLabel: LabelledValue | undefined,
  labels: ReadonlyMap<string, LabelledValue>,
  context: MarkdownContext,
): Traits | undefined {
  for (const [key, field] of [["class", "class"], ["retryable", "retryability"]] as const) {
    const label = labels.get(key);
    if (label !== undefined) {
      context.diagnostics.report({ code: "status-class", messageId: "derived", format: { status, field }, at: spanOf(label.paragraph) });
    }
  }
  const traits = statusTraits(status);
  if (traits === undefined) {
    context.diagnostics.report({ code: "malformed-status-code", messageId: "type-bits", format: { status }, at: statusLabel?.valueSpan });
  }
  return traits;
}

function statedTraits(
  status: string,
  format: StatusFormat,
  labels: ReadonlyMap<string, LabelledValue>,
  headingSpan: ReturnType<typeof spanOf>,
  context: MarkdownContext,
): Traits | undefined {
  const classLabel = labels.get("class");
  if (classLabel === undefined) {
    context.diagnostics.report({ code: "status-class", messageId: "missing", format: { status, format }, at: headingSpan });
    return undefined;
  }
  const statusClass = STATUS_CLASSES.find((known) => known === classLabel.value.toLowerCase());
  if (statusClass === undefined) {
    context.diagnostics.report({ code: "status-class", messageId: "value", format: { status, value: classLabel.value }, at: classLabel.valueSpan });
    return undefined;
  }
  const retryableLabel = labels.get("retryable");
  const retryable = retryableLabel === undefined ? false : requiredValue(retryableLabel.value);
  if (retryableLabel !== undefined && retryable === undefined) {
    const details = { status, value: retryableLabel.value, expected: "yes or no" };
    context.diagnostics.report({ code: "status-class", messageId: "retryable", format: details, at: retryableLabel.valueSpan });
    return undefined;
  }
  return { statusClass, retryable: retryable ?? false };
}
