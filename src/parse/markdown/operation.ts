/**
 * One `###` operation under `## Operations`. The `####` section headings give the interaction
 * (PROTOCOL.md Q2), the pseudo-code the direction and QoS (Q3, Q21), and the tables everything else.
 */
import type { Code, RootContent } from "mdast";
import type {
  CatalogResponseModel,
  Interaction,
  MessageModel,
  NoteModel,
  OperationModel,
  Qos,
  SuccessOutcomeModel,
} from "../../model.js";
import { defaultQos, operationId, outcomeSender, subscriptionFor, topicModel } from "../common.js";
import { alternativesFromTable } from "./alternatives.js";
import type { MarkdownContext } from "./context.js";
import { operationSectionKind, sectionRank, type OperationSectionKind } from "./headings.js";
import { spanOf } from "./mdast.js";
import { readMessageBody } from "./message-body.js";
import { noteModel } from "./notes.js";
import type { Section } from "./outline.js";
import { proseOfBlocks } from "./prose.js";
import { readPacketFlow, type QosField } from "./pseudo-code.js";

export interface ReadOperation {
  readonly operation: OperationModel | undefined;
  /** The response topic its pseudo-code shows, for request-response operations. */
  readonly responseTopic: string | undefined;
}

type Parts = Partial<Record<OperationSectionKind, Section>>;

export function readOperation(
  section: Section,
  catalog: readonly CatalogResponseModel[],
  context: MarkdownContext,
): ReadOperation {
  const notes: NoteModel[] = [];
  const summary = readProse(section.body, notes, context);
  const parts = sortParts(section, context);

  const interaction = sectionInteraction(section, parts, context);
  const requestSection = parts.request ?? parts.message;
  const pseudoCode = parts["pseudo-code"];
  const successSection = parts["success-response"] ?? parts["success-ack"];
  const alternativesSection = parts["alternative-responses"] ?? parts["alternative-acks"];
  const lacking = [
    requestSection === undefined ? ["a Request or Message section"] : [],
    successSection !== undefined || interaction === "message"
      ? []
      : [interaction === "request-response" ? "a Success Response section" : "a Success Acknowledgment section"],
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
  const request = requestSection === undefined ? undefined : readMessage(requestSection, context);
  if (requestSection !== undefined && request?.topic === undefined) {
    context.diagnostics.report({ code: "missing-topic", format: { operation: section.title }, at: spanOf(requestSection.heading) });
  }
  const sender = outcomeSender(flow?.direction ?? "client-to-server");
  const qos = qosValue(flow?.qos, interaction, context);
  const subscriptionQos = qosValue(flow?.subscriptionQos, interaction, context);
  const success: SuccessOutcomeModel | undefined =
    successSection === undefined ? undefined : { ...readMessage(successSection, context).message, sender };
  const table = alternativesSection?.body.find((block) => block.type === "table");
  if (alternativesSection !== undefined && table === undefined) {
    const format = { section: alternativesSection.title };
    context.diagnostics.report({ code: "malformed-table", messageId: "no-alternatives", format, at: spanOf(alternativesSection.heading) });
  }
  const alternatives = table === undefined ? [] : alternativesFromTable(table, sender, catalog, context);
  if (request?.topic === undefined || flow === undefined) {
    return { operation: undefined, responseTopic: flow?.responseTopic };
  }

  const topic = topicModel(request.topic.value, request.topic.span);
  const subscription = subscriptionFor(flow.direction, topic.template, subscriptionQos);
  const span = spanOf(section.heading);
  const operation: OperationModel = {
    id: operationId(section.title),
    name: section.title,
    summary,
    direction: flow.direction,
    interaction,
    qos,
    topic,
    ...(subscription ? { subscription } : {}),
    request: request.message,
    ...(success ? { success } : {}),
    alternatives,
    notes,
    ...(span ? { span } : {}),
  };
  return { operation, responseTopic: flow.responseTopic };
}

/** Paragraphs as the summary; alert blocks go to `notes`. */
function readProse(blocks: readonly RootContent[], notes: NoteModel[], context: MarkdownContext): string {
  for (const block of blocks) if (block.type === "blockquote") notes.push(noteModel(block, context));
  return proseOfBlocks(
    context.text,
    blocks.filter((block) => block.type === "paragraph"),
  );
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

function readMessage(section: Section, context: MarkdownContext) {
  const body = readMessageBody(section.body, context);
  const topicLabel = body.labels.get("topic");
  const span = spanOf(section.heading);
  const message: MessageModel = {
    description: body.description,
    properties: body.properties,
    payload: body.payload,
    notes: body.notes,
    ...(span ? { span } : {}),
  };
  const topic =
    topicLabel === undefined || topicLabel.value === ""
      ? undefined
      : { value: topicLabel.value, span: topicLabel.valueSpan };
  return { message, topic };
}

/** `0` or `1`; anything else is `malformed-qos`, and a missing or bad QoS takes the default (Q21). */
function qosValue(field: QosField | undefined, interaction: Interaction, context: MarkdownContext): Qos {
  if (field === undefined) return defaultQos(interaction);
  if (field.text === "0") return 0;
  if (field.text === "1") return 1;
  context.diagnostics.report({ code: "malformed-qos", format: { qos: field.text }, at: field.span });
  return defaultQos(interaction);
}
