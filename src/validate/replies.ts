/**
 * How each request-response operation is answered, held against the dialect: its replies can carry a
 * failure, its payload-field correlation has JSON to travel in, the requester's Response Topic can be
 * checked, the runtime's own properties are not declared; and a success listed among any operation's
 * alternatives has an outcome that carries it.
 */
import type { DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel, OperationModel, PayloadModel } from "../model.js";
import { payloadSpelling } from "../model-rules.js";

export function checkReplies(model: ApiModel, diagnostics: DiagnosticCollector): void {
  for (const operation of model.operations) {
    checkSuccessAlternatives(model, operation, diagnostics);
    if (operation.interaction !== "request-response") continue;
    checkFailureCarrier(model, operation, diagnostics);
    checkCorrelation(operation, diagnostics);
    checkRequesterTopic(model, operation, diagnostics);
  }
}

/**
 * Where the dialect has a status property, a success status travels with reason code 0 (IoT Hub `0001`
 * Not Modified); without one, or where failures travel in the reply payload, nothing can carry it.
 */
function checkSuccessAlternatives(model: ApiModel, operation: OperationModel, diagnostics: DiagnosticCollector): void {
  const successes = new Set(model.responses.filter((entry) => entry.statusClass === "success").map((entry) => entry.status));
  for (const alternative of operation.alternatives.filter((outcome) => successes.has(outcome.status))) {
    const format = { status: alternative.status, operation: operation.name };
    if (operation.failurePayload !== undefined) {
      diagnostics.report({ code: "success-alternative", messageId: "failure-payload", format, at: alternative.span });
    } else if (model.dialect.outcome.statusProperty === undefined) {
      diagnostics.report({ code: "success-alternative", format, at: alternative.span });
    }
  }
}

function checkFailureCarrier(model: ApiModel, operation: OperationModel, diagnostics: DiagnosticCollector): void {
  const format = { operation: operation.name };
  if (operation.reply?.kind === "accepted-rejected" && operation.failurePayload === undefined) {
    diagnostics.report({ code: "unreportable-failure", messageId: "rejected", format, at: operation.reply.rejected.span ?? operation.span });
  } else if (model.dialect.outcome.statusProperty === undefined && operation.failurePayload === undefined) {
    diagnostics.report({ code: "unreportable-failure", format, at: operation.span });
  }
}

/** The token travels in the request's JSON and comes back in the reply's, success or failure. */
function checkCorrelation(operation: OperationModel, diagnostics: DiagnosticCollector): void {
  const correlation = operation.correlation;
  if (correlation?.kind !== "payload-field") return;
  const messages: [string, PayloadModel | undefined][] = [
    ["request", operation.request.payload],
    ["success", operation.success?.payload],
  ];
  for (const [message, payload] of messages) {
    if (payload === undefined || payload.kind === "named") continue;
    const format = { operation: operation.name, field: correlation.field, message, payload: payloadSpelling(payload) };
    diagnostics.report({ code: "correlation-not-json", format, at: correlation.span ?? operation.span });
  }
}

/**
 * In a requester-topic dialect the runtime sets Response Topic on each request (so the spec may not
 * declare it), and the server checks it lies under the requester's prefix: the embedded endpoint knows
 * the requester from its connection, a broker-connected server only from a client-id level of the topic.
 * A warning, not an error: the API works served embedded, and the broker transport refuses it at start.
 */
function checkRequesterTopic(model: ApiModel, operation: OperationModel, diagnostics: DiagnosticCollector): void {
  if (operation.reply?.kind !== "default" || model.dialect.replies.kind !== "requester-topic") return;
  const declared = operation.request.properties.find((property) => property.kind === "first-class" && property.mqttField === "responseTopic");
  if (declared !== undefined) {
    diagnostics.report({ code: "runtime-managed-property", format: { operation: operation.name }, at: declared.span });
  }
  const scoped = operation.topic.parameters.some((parameter) => parameter.scope === "client-id");
  if (operation.direction === "client-to-server" && !scoped) {
    const format = { operation: operation.name, topic: operation.topic.template };
    diagnostics.report({ code: "unscoped-reply-topic", format, at: operation.topic.span });
  }
}
