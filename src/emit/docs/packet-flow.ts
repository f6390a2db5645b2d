/**
 * The packets one operation exchanges, in order, as the docs show them (markdown pseudo-code, HTML
 * sequence). Built from the model, never from the reference's pseudo-code, so the template slips of the
 * reference (PROTOCOL.md Q5–Q7) cannot come back: the subscription filter is the model's full filter,
 * every property has its own line, and Correlation Data travels on both request-response messages.
 */
import type { ApiModel, MessageModel, OperationModel, PayloadModel, Qos } from "../../model.js";

/** `->` client to server, `<-` server to client, as the reference's pseudo-code writes them. */
export type Arrow = "->" | "<-";

export interface PacketField {
  readonly name: string;
  /** A placeholder such as `<u64>`. */
  readonly value: string;
  readonly optional: boolean;
}

export interface PacketStep {
  readonly arrow: Arrow;
  readonly packet: "PUBLISH" | "PUBACK" | "SUBSCRIBE" | "SUBACK";
  readonly qos?: Qos;
  readonly topic?: string;
  /** Properties the packet carries, in spec order; Correlation Data first where it travels. */
  readonly fields: readonly PacketField[];
  /** Placeholder of the payload (`<Twin>`), absent for an empty payload or a packet without one. */
  readonly payload?: string;
}

const CORRELATION_DATA: PacketField = { name: "Correlation Data", value: "<bytes>", optional: false };
const ECHOED_CORRELATION_DATA: PacketField = { name: "Correlation Data", value: "<bytes, echoed>", optional: false };

export function packetFlow(operation: OperationModel, api: Pick<ApiModel, "responseTopic">): PacketStep[] {
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
  const requestResponse = operation.interaction === "request-response";
  steps.push({
    arrow: outbound,
    packet: "PUBLISH",
    qos: operation.qos,
    topic: operation.topic.template,
    fields: [...(requestResponse ? [CORRELATION_DATA] : []), ...messageFields(operation.request)],
    ...payloadOf(operation.request.payload),
  });
  if (requestResponse) {
    // PROTOCOL.md E21, E24: the response is a QoS 0 PUBLISH on the response topic echoing Correlation Data.
    steps.push({
      arrow: inbound,
      packet: "PUBLISH",
      qos: 0,
      topic: api.responseTopic,
      fields: [ECHOED_CORRELATION_DATA, ...(operation.success ? messageFields(operation.success) : [])],
      ...(operation.success ? payloadOf(operation.success.payload) : {}),
    });
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
      return { payload: `<${payload.type}>` };
  }
}
