/**
 * One `###` entry of `## Responses`, the status catalog (PROTOCOL.md F30, Q11, Q13): name, prose,
 * `**Reason Code:**`, `**Status:**`, properties and payload. Class and retryability come from the
 * status bits, never from the prose.
 */
import type { CatalogResponseModel } from "../../model.js";
import { canonicalStatus, reasonCodeValue, statusTraits } from "../common.js";
import { report, type MarkdownContext } from "./context.js";
import { spanOf } from "./mdast.js";
import { readMessageBody } from "./message-body.js";
import type { Section } from "./outline.js";

export function readCatalogResponse(section: Section, context: MarkdownContext): CatalogResponseModel | undefined {
  for (const nested of section.children) {
    report(
      context,
      "misplaced-section",
      `"${nested.title}" has no place inside the response ${section.title}`,
      spanOf(nested.heading),
    );
  }
  const body = readMessageBody(section.body, context);
  const headingSpan = spanOf(section.heading);

  const reasonLabel = body.labels.get("reason-code");
  const reasonCode = reasonLabel === undefined ? undefined : reasonCodeValue(reasonLabel.value);
  if (reasonLabel === undefined) {
    report(context, "missing-section", `response ${section.title} states no **Reason Code:**`, headingSpan);
  } else if (reasonCode === undefined) {
    report(
      context,
      "malformed-reason-code",
      `reason code ${JSON.stringify(reasonLabel.value)} is not an MQTT 5 reason code (0-255)`,
      reasonLabel.valueSpan,
    );
  }

  const statusLabel = body.labels.get("status");
  const status = statusLabel === undefined ? undefined : canonicalStatus(statusLabel.value);
  const traits = status === undefined ? undefined : statusTraits(status);
  if (statusLabel === undefined) {
    report(context, "missing-section", `response ${section.title} states no **Status:**`, headingSpan);
  } else if (traits === undefined) {
    report(
      context,
      "malformed-status-code",
      status === undefined
        ? `status ${JSON.stringify(statusLabel.value)} is not four hex digits`
        : `status ${status} has type bits 11, which name no status class`,
      statusLabel.valueSpan,
    );
  }

  if (status === undefined || traits === undefined || reasonCode === undefined) return undefined;
  return {
    status,
    name: section.title,
    description: body.description,
    reasonCode,
    ...traits,
    properties: body.properties,
    payload: body.payload,
    notes: body.notes,
    ...(headingSpan ? { span: headingSpan } : {}),
  };
}
