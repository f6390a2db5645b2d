/**
 * The packets one operation exchanges, in order, as the docs show them (markdown pseudo-code, HTML
 * sequence). Built from the model, never from the reference's pseudo-code, so the template slips of the
 * reference (docs/protocol.md#reading-the-reference) cannot come back: the subscription filter is the model's full filter,
 * every property has its own line, and the reply travels where the operation and its dialect say, with
 * the correlation they say (Correlation Data on both messages, or a payload field).
 */
import type { ApiModel, MessageModel, OperationModel, PayloadModel, Qos } from "../../model.js";
import { payloadSpelling, replyTopicTemplate } from "../../model-rules.js";

/** `->` client to server, `<-` server to client, as the reference's pseudo-code writes them. */
export type Arrow = "->" | "<-";

export interface PacketField {
  readonly name: string;
  /** A placeholder such as `<u64>`, or a topic. */
  readonly value: string;
  readonly optional: boolean;
}

export interface PacketStep {
  readonly arrow: Arrow;
  readonly packet: "PUBLISH" | "PUBACK" | "SUBSCRIBE" | "SUBACK";
  readonly qos?: Qos;
  readonly topic?: string;
  /** Properties the packet carries, in spec order; Response Topic and Correlation Data first where they travel. */
  readonly fields: readonly PacketField[];
  /** Placeholder of the payload (`<Twin>`), absent for an empty payload or a packet without one. */
  readonly payload?: string;
  /** For a reply: which outcome it carries, when the topic tells (`accepted`, `rejected`). */
  readonly outcome?: "accepted" | "rejected";
}

const CORRELATION_DATA: PacketField = { name: "Correlation Data", value: "<bytes>", optional: false };
const ECHOED_CORRELATION_DATA: PacketField = { name: "Correlation Data", value: "<bytes, echoed>", optional: false };

export function packetFlow(operation: OperationModel, api: Pick<ApiModel, "dialect">): PacketStep[] {
  const outbound: Arrow = operation.direction === "client-to-server" ? "->" : "<-";
  const inbound: Arrow = outbound === "->" ? "<-" : "->";
  const steps: PacketStep[] = [];
  if (operation.subscription) {
    steps.push({
      arrow: "->",
      packet: "SUBSCRIBE",
      topic: operation.subscription.filter,
      qos: operation.subscription.qos,
      fields: [],
    });
    steps.push({ arrow: "<-", packet: "SUBACK", fields: [] });
  }
  const reply = operation.reply;
  const byCorrelationData = operation.correlation?.kind === "correlation-data";
  const requesterTopic = reply?.kind === "default" && api.dialect.replies.kind === "requester-topic";
  const replyTopic = reply === undefined ? undefined : replyTopicTemplate(reply, api.dialect.replies, operation.id);
  steps.push({
    arrow: outbound,
    packet: "PUBLISH",
    qos: operation.qos,
    topic: operation.topic.template,
    fields: [
      ...(requesterTopic && replyTopic !== undefined ? [{ name: "Response Topic", value: replyTopic, optional: false }] : []),
      ...(byCorrelationData ? [CORRELATION_DATA] : []),
      ...messageFields(operation.request),
    ],
    ...payloadOf(operation.request.payload),
  });
  if (reply !== undefined && replyTopic !== undefined) {
    // docs/protocol.md#interactions: a reply is a QoS 0 PUBLISH that echoes the request's correlation.
    const echoed = byCorrelationData ? [ECHOED_CORRELATION_DATA] : [];
    steps.push({
      arrow: inbound,
      packet: "PUBLISH",
      qos: 0,
      topic: replyTopic,
      fields: [...echoed, ...(operation.success ? messageFields(operation.success) : [])],
      ...(operation.success ? payloadOf(operation.success.payload) : {}),
      ...(reply.kind === "accepted-rejected" ? { outcome: "accepted" as const } : {}),
    });
    if (reply.kind === "accepted-rejected") {
      const failure = operation.failurePayload?.payloadType;
      steps.push({
        arrow: inbound,
        packet: "PUBLISH",
        qos: 0,
        topic: reply.rejected.template,
        fields: echoed,
        ...(failure === undefined ? {} : { payload: `<${failure}>` }),
        outcome: "rejected",
      });
    }
  } else if (operation.interaction === "message-ack") {
    steps.push({ arrow: inbound, packet: "PUBACK", fields: operation.success ? messageFields(operation.success) : [] });
  }
  return steps;
}

function messageFields(message: MessageModel): PacketField[] {
  return message.properties.map((property) => ({
    name: property.name,
    value: `<${property.type}>`,
    optional: !property.required,
  }));
}

function payloadOf(payload: PayloadModel): { payload?: string } {
  switch (payload.kind) {
    case "empty":
      return {};
    case "bytes":
      return { payload: "<bytes>" };
    case "named":
      return { payload: `<${payloadSpelling(payload)}>` };
  }
}
