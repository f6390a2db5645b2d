/**
 * One `###` operation under `## Operations`. The `####` section headings give the interaction
 * (docs/protocol.md#reading-the-reference), the pseudo-code the direction and QoS (Q3, Q21), and the tables everything else.
 * What the dialect leaves to each operation is stated in labelled fields:
 * - `**Group:**` under the heading: the docs group it belongs to;
 * - `**Topic parameters**:` in the Request or Message section: its topic's parameters, typed and scoped;
 * - `**Correlation field:**` in the Request section: correlation by that JSON payload field;
 * - `**Topic name:**` in the Success Response section: its reply topic; a different one in the Alternative
 *   Responses section makes the pair accepted/rejected (the outcome is the topic);
 * - `**Code field:**`, `**Message field:**` and `**Payload**:` in the Alternative Responses section: failures
 *   travel in the reply payload.
 */
import type { Code, RootContent } from "mdast";
import type {
  CatalogResponseModel,
  CorrelationModel,
  DialectRepliesModel,
  Interaction,
  MessageModel,
  NoteModel,
  OperationModel,
  PayloadOutcomeModel,
  Qos,
  ReplyModel,
  SourceSpan,
  StatusFormat,
  SuccessOutcomeModel,
  TopicModel,
} from "../../model.js";
import { replyTopicTemplate } from "../../model-rules.js";
import {
  defaultQos,
  operationId,
  outcomeSender,
  replyTopicModel,
  reportUnusedDeclarations,
  subscriptionFor,
  topicModel,
  type TopicParameterDeclarations,
} from "../common.js";
import { alternativesFromTable } from "./alternatives.js";
import type { MarkdownContext } from "./context.js";
import { operationSectionKind, sectionRank, type OperationSectionKind } from "./headings.js";
import { labelledValue, type LabelKey, type LabelledValue } from "./labels.js";
import { spanOf } from "./mdast.js";
import { readLabelledBlocks, readMessageBody, type MessageBody } from "./message-body.js";
import { noteModel } from "./notes.js";
import type { Section } from "./outline.js";
import { proseOfBlocks } from "./prose.js";
import { readPacketFlow, type PacketFlow, type QosField } from "./pseudo-code.js";
import { topicParametersFromTable } from "./topic-parameters.js";

/** What every operation is read against. */
export interface OperationContext {
  readonly catalog: readonly CatalogResponseModel[];
  readonly format: StatusFormat;
  /** Topic parameter declarations under `## Operations`, which every topic shares. */
  readonly sharedParameters: TopicParameterDeclarations;
  /** Where the dialect sends replies, to check the pseudo-code's response topic against. */
  readonly replies: DialectRepliesModel;
}

type Parts = Partial<Record<OperationSectionKind, Section>>;

export function readOperation(section: Section, operationContext: OperationContext, context: MarkdownContext): OperationModel | undefined {
  const notes: NoteModel[] = [];
  const { summary, group } = readHead(section.body, notes, context);
  const parts = sortParts(section, context);

  const interaction = sectionInteraction(section, parts, context);
  const requestResponse = interaction === "request-response";
  const requestSection = parts.request ?? parts.message;
  const pseudoCode = parts["pseudo-code"];
  const successSection = parts["success-response"] ?? parts["success-ack"];
  const alternativesSection = parts["alternative-responses"] ?? parts["alternative-acks"];
  const lacking = [
    requestSection === undefined ? ["a Request or Message section"] : [],
    successSection !== undefined || interaction === "message"
      ? []
      : [requestResponse ? "a Success Response section" : "a Success Acknowledgment section"],
    pseudoCode === undefined ? ["a Pseudo-code Sample section"] : [],
  ].flat();
  if (lacking.length > 0) {
    const format = { operation: section.title, sections: lacking.join(", ") };
    context.diagnostics.report({ code: "missing-section", messageId: "operation", format, at: spanOf(section.heading) });
  }

  const code = pseudoCode?.body.find((block): block is Code => block.type === "code");
  if (pseudoCode !== undefined && code === undefined) {
    context.diagnostics.report({ code: "missing-section", messageId: "no-code-block", at: spanOf(pseudoCode.heading) });
  }
  const flow = code === undefined ? undefined : readPacketFlow(code, context);
  if (code !== undefined && flow !== undefined && flow.interaction !== interaction) {
    const format = { sections: interaction, flow: flow.interaction };
    context.diagnostics.report({ code: "inconsistent-interaction", format, at: spanOf(code) });
  }
  for (const part of [alternativesSection, pseudoCode]) {
    for (const block of part?.body ?? []) if (block.type === "blockquote") notes.push(noteModel(block, context));
  }

  // Everything is read even when the operation cannot be built, so that every problem is reported.
  const requestLabels: LabelKey[] = ["topic", "topic-parameters", "properties", "payload", ...(requestResponse ? ["correlation-field" as const] : [])];
  const request = requestSection && readMessageBody(requestSection.body, context, requestLabels, `the ${requestSection.title} section`);
  const topicLabel = request?.labels.get("topic");
  if (requestSection !== undefined && (topicLabel === undefined || topicLabel.value === "")) {
    context.diagnostics.report({ code: "missing-topic", format: { operation: section.title }, at: spanOf(requestSection.heading) });
  }
  const declarations = topicParametersFromTable(request?.tables.get("topic-parameters"), context);
  const topic =
    topicLabel === undefined || topicLabel.value === ""
      ? undefined
      : topicModel(topicLabel.value, topicLabel.valueSpan, [declarations, operationContext.sharedParameters]);
  if (topic !== undefined) reportUnusedDeclarations(declarations, new Set(topic.parameters.map((p) => p.name)), context.diagnostics, section.title);

  const sender = outcomeSender(flow?.direction ?? "client-to-server");
  const qos = qosValue(flow?.qos, interaction, context);
  const subscriptionQos = qosValue(flow?.subscriptionQos, interaction, context);
  const successLabels: LabelKey[] = requestResponse ? ["topic", "properties", "payload"] : ["properties", "payload"];
  const success = successSection && readMessageBody(successSection.body, context, successLabels, `the ${successSection.title} section`);
  const alternativeLabels: LabelKey[] = requestResponse ? ["topic", "payload", "code-field", "message-field"] : [];
  const alternativesBody =
    alternativesSection &&
    readLabelledBlocks(
      alternativesSection.body.filter((block) => block.type !== "table" && block.type !== "blockquote"),
      context,
      alternativeLabels,
      `the ${alternativesSection.title} section`,
    );
  const table = alternativesSection?.body.find((block) => block.type === "table");
  if (alternativesSection !== undefined && table === undefined && (alternativesBody?.labels.size ?? 0) === 0) {
    const format = { section: alternativesSection.title };
    context.diagnostics.report({ code: "malformed-table", messageId: "no-alternatives", format, at: spanOf(alternativesSection.heading) });
  }
  const alternatives = table === undefined ? [] : alternativesFromTable(table, sender, operationContext.catalog, operationContext.format, context);
  const failurePayload = alternativesBody && readFailurePayload(alternativesBody.labels, section.title, context);
  if (requestSection === undefined || request === undefined || topic === undefined || flow === undefined) return undefined;

  const reply = requestResponse ? readReply(section.title, topic, success?.labels.get("topic"), alternativesBody?.labels.get("topic"), context) : undefined;
  const id = operationId(section.title);
  if (reply !== undefined) checkPseudoCodeReply(section.title, id, reply, flow, code, operationContext.replies, context);
  const correlation = requestResponse ? readCorrelation(request.labels.get("correlation-field")) : undefined;
  const subscription = subscriptionFor(flow.direction, topic, subscriptionQos);
  const span = spanOf(section.heading);
  return {
    id,
    name: section.title,
    summary,
    direction: flow.direction,
    interaction,
    qos,
    topic,
    ...(subscription ? { subscription } : {}),
    request: messageModel(request, spanOf(requestSection.heading)),
    ...(success && successSection ? { success: { ...messageModel(success, spanOf(successSection.heading)), sender } satisfies SuccessOutcomeModel } : {}),
    alternatives,
    ...(reply ? { reply } : {}),
    ...(correlation ? { correlation } : {}),
    ...(failurePayload ? { failurePayload } : {}),
    ...(group === undefined ? {} : { group }),
    notes,
    ...(span ? { span } : {}),
  };
}

function messageModel(body: MessageBody, span: SourceSpan | undefined): MessageModel {
  return {
    description: body.description,
    properties: body.properties,
    payload: body.payload,
    notes: body.notes,
    ...(span ? { span } : {}),
  };
}

/** Paragraphs under the heading as the summary, a `**Group:**` paragraph as the group; alert blocks go to `notes`. */
function readHead(blocks: readonly RootContent[], notes: NoteModel[], context: MarkdownContext): { summary: string; group?: string } {
  for (const block of blocks) if (block.type === "blockquote") notes.push(noteModel(block, context));
  const groupLabel = blocks.map((block) => labelledValue(block, context)).find((label) => label?.key === "group");
  const prose = blocks.filter((block) => block.type === "paragraph" && block !== groupLabel?.paragraph);
  return { summary: proseOfBlocks(context.text, prose), ...(groupLabel ? { group: groupLabel.value } : {}) };
}

/**
 * The reply: the dialect's default without topics; the success section's topic for every outcome; or,
 * when the Alternative Responses section names another, accepted and rejected topics.
 */
function readReply(
  operation: string,
  request: TopicModel,
  successTopic: LabelledValue | undefined,
  failureTopic: LabelledValue | undefined,
  context: MarkdownContext,
): ReplyModel {
  const topicOf = (label: LabelledValue) => replyTopicModel(label.value, label.valueSpan, request);
  if (successTopic === undefined) {
    if (failureTopic !== undefined) {
      const at = spanOf(failureTopic.paragraph);
      context.diagnostics.report({ code: "inconsistent-interaction", messageId: "rejected-only", format: { operation }, at });
    }
    return { kind: "default" };
  }
  if (failureTopic === undefined || failureTopic.value === successTopic.value) return { kind: "topic", topic: topicOf(successTopic) };
  return { kind: "accepted-rejected", accepted: topicOf(successTopic), rejected: topicOf(failureTopic) };
}

function readCorrelation(label: LabelledValue | undefined): CorrelationModel {
  if (label === undefined) return { kind: "correlation-data" };
  const span = spanOf(label.paragraph);
  return { kind: "payload-field", field: label.value, ...(span ? { span } : {}) };
}

/** `**Code field:**` and `**Message field:**` together, with an optional `**Payload**:` type. */
function readFailurePayload(
  labels: ReadonlyMap<LabelKey, LabelledValue>,
  operation: string,
  context: MarkdownContext,
): PayloadOutcomeModel | undefined {
  const code = labels.get("code-field");
  const message = labels.get("message-field");
  const payload = labels.get("payload");
  const first = code ?? message ?? payload;
  if (first === undefined) return undefined;
  const lacking = [code === undefined ? "**Code field:**" : [], message === undefined ? "**Message field:**" : []].flat();
  const at = spanOf(first.paragraph);
  if (lacking.length > 0) {
    const format = { operation, labels: lacking.join(" and ") };
    context.diagnostics.report({ code: "missing-section", messageId: "failure-payload", format, at });
  }
  const type = payload?.value;
  if (payload !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(payload.value)) {
    context.diagnostics.report({ code: "unknown-payload", messageId: "failure", format: { payload: payload.value }, at: payload.valueSpan });
  }
  if (code === undefined || message === undefined) return undefined;
  return {
    codeField: code.value,
    messageField: message.value,
    ...(type !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(type) ? { payloadType: type } : {}),
    ...(at ? { span: at } : {}),
  };
}

/** The pseudo-code is informative (docs/protocol.md#reading-the-reference), but a response topic it shows must be the one the reply takes. */
function checkPseudoCodeReply(
  operation: string,
  id: string,
  reply: ReplyModel,
  flow: PacketFlow,
  code: Code | undefined,
  replies: DialectRepliesModel,
  context: MarkdownContext,
): void {
  const expected = replyTopicTemplate(reply, replies, id);
  if (flow.responseTopic === undefined || flow.responseTopic === expected) return;
  const format = { shown: flow.responseTopic, operation, topic: expected };
  context.diagnostics.report({ code: "inconsistent-interaction", messageId: "reply-topic", format, at: code && spanOf(code) });
}

/**
 * The `####` sections by kind. Unknown and repeated ones are reported and skipped; one that stands
 * before a section that should precede it is reported but still read, so the rest of the operation is.
 */
function sortParts(section: Section, context: MarkdownContext): Parts {
  const parts: Parts = {};
  const known = section.children.flatMap((child) => {
    for (const nested of child.children) {
      const format = { section: nested.title, part: child.title };
      context.diagnostics.report({ code: "misplaced-section", messageId: "in-part", format, at: spanOf(nested.heading) });
    }
    const kind = operationSectionKind(child.title);
    if (kind === undefined) {
      context.diagnostics.report({ code: "unknown-section", messageId: "operation", format: { section: child.title }, at: spanOf(child.heading) });
      return [];
    }
    return [{ child, kind, rank: sectionRank(kind) }];
  });
  known.forEach(({ child, kind, rank }, index) => {
    const repeated = known.slice(0, index).some((earlier) => earlier.rank === rank);
    const early = known.slice(index + 1).some((later) => later.rank < rank);
    if (repeated || early || child.heading.depth !== 4) {
      context.diagnostics.report({ code: "misplaced-section", messageId: "order", format: { section: child.title }, at: spanOf(child.heading) });
    }
    if (!repeated) parts[kind] = child;
  });
  return parts;
}

/** Response headings mean request-response, acknowledgment headings message-ack, neither a one-way message (Q2). */
function sectionInteraction(section: Section, parts: Parts, context: MarkdownContext): Interaction {
  const responses = parts["success-response"] ?? parts["alternative-responses"];
  const acks = parts["success-ack"] ?? parts["alternative-acks"];
  if (responses !== undefined && acks !== undefined) {
    context.diagnostics.report({ code: "inconsistent-interaction", messageId: "both", format: { operation: section.title }, at: spanOf(acks.heading) });
  }
  const interaction: Interaction =
    responses !== undefined
      ? "request-response"
      : acks !== undefined
        ? "message-ack"
        : parts.request
          ? "request-response"
          : "message";
  const wrongHeading = interaction === "request-response" ? parts.message : parts.request;
  if (wrongHeading !== undefined) {
    const format = { section: wrongHeading.title, interaction };
    context.diagnostics.report({ code: "inconsistent-interaction", messageId: "heading", format, at: spanOf(wrongHeading.heading) });
  }
  return interaction;
}

/** `0` or `1`; anything else is `malformed-qos`, and a missing or bad QoS takes the default (Q21). */
function qosValue(field: QosField | undefined, interaction: Interaction, context: MarkdownContext): Qos {
  if (field === undefined) return defaultQos(interaction);
  if (field.text === "0") return 0;
  if (field.text === "1") return 1;
  context.diagnostics.report({ code: "malformed-qos", format: { qos: field.text }, at: field.span });
  return defaultQos(interaction);
}
