/**
 * How a request-response operation's replies travel and find their requests, OLD against NEW: the reply
 * topics (the dialect's, one of the operation's own, or an accepted/rejected pair), the correlation
 * (Correlation Data or a payload field) and failures carried in the reply payload. Deployed requesters
 * subscribe and match replies as OLD says, so every change here breaks them.
 */
import type { CorrelationModel, OperationModel, PayloadOutcomeModel, ReplyModel, TopicModel } from "../model.js";
import { code, type Site } from "./change.js";
import { operationLabel } from "./labels.js";
import type { DiffScope } from "./scope.js";

export function compareReplies(scope: DiffScope, before: OperationModel, after: OperationModel): void {
  const site: Site = { operation: after.id, old: before.span, new: after.span };
  const operation = operationLabel(after);
  if (before.reply !== undefined && after.reply !== undefined) compareReplyTopics(scope, site, operation, before.reply, after.reply);
  if (before.correlation !== undefined && after.correlation !== undefined) {
    const [was, is] = [describeCorrelation(before.correlation), describeCorrelation(after.correlation)];
    if (was !== is) scope.recorder.report("correlation-changed", { ...site, ...spans(before.correlation, after.correlation) }, { operation, from: was, to: is });
  }
  const [was, is] = [describeFailurePayload(before.failurePayload), describeFailurePayload(after.failurePayload)];
  if (was !== is) scope.recorder.report("failure-payload-changed", { ...site, ...spans(before.failurePayload, after.failurePayload) }, { operation, from: was, to: is });
}

function compareReplyTopics(scope: DiffScope, site: Site, operation: string, before: ReplyModel, after: ReplyModel): void {
  if (before.kind !== after.kind) {
    scope.recorder.report("reply-kind-changed", site, { operation, from: describeReply(before), to: describeReply(after) });
    return;
  }
  const pairs: (readonly [string, TopicModel, TopicModel])[] =
    before.kind === "topic" && after.kind === "topic"
      ? [["reply", before.topic, after.topic]]
      : before.kind === "accepted-rejected" && after.kind === "accepted-rejected"
        ? [
            ["accepted", before.accepted, after.accepted],
            ["rejected", before.rejected, after.rejected],
          ]
        : [];
  for (const [what, was, is] of pairs) {
    if (was.template === is.template) continue;
    const at = { ...site, ...spans(was, is) };
    scope.recorder.report("reply-topic-changed", at, { operation, what, from: code(was.template), to: code(is.template) });
  }
}

function describeReply(reply: ReplyModel): string {
  switch (reply.kind) {
    case "default":
      return "on the dialect's reply topic";
    case "topic":
      return `on ${code(reply.topic.template)}`;
    case "accepted-rejected":
      return `on ${code(reply.accepted.template)} and ${code(reply.rejected.template)}`;
  }
}

function describeCorrelation(correlation: CorrelationModel): string {
  return correlation.kind === "correlation-data" ? "Correlation Data" : `payload field ${code(correlation.field)}`;
}

function describeFailurePayload(failure: PayloadOutcomeModel | undefined): string {
  if (failure === undefined) return "none";
  const type = failure.payloadType === undefined ? "" : ` of type ${code(failure.payloadType)}`;
  return `status in ${code(failure.codeField)}, message in ${code(failure.messageField)}${type}`;
}

/** The nodes' own spans where they have them, so that a change points at the line that changed. */
function spans(before: { readonly span?: Site["old"] } | undefined, after: { readonly span?: Site["new"] } | undefined): Pick<Site, "old" | "new"> {
  return { ...(before?.span ? { old: before.span } : {}), ...(after?.span ? { new: after.span } : {}) };
}
