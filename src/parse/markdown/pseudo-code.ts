/**
 * The pseudo-code sample of an operation: informative only (docs/protocol.md#reading-the-reference), read for the packet flow.
 * Its first line gives the direction (Q3), the first message's PUBLISH its QoS and the SUBSCRIBE entry
 * the subscription QoS (Q21); a second PUBLISH the other way is a response, a PUBACK an acknowledgment
 * (Q2). Properties listed here are ignored (Q6), and so is the SUBSCRIBE topic (Q5).
 */
import type { Code } from "mdast";
import type { Direction, Interaction, SourceSpan } from "../../model.js";
import type { MarkdownContext } from "./context.js";
import { spanOf } from "./mdast.js";

/** A `QoS: n` value as written, with where it stands. */
export interface QosField {
  readonly text: string;
  readonly span: SourceSpan;
}

interface Packet {
  /** `->` client to server, `<-` server to client. */
  readonly arrow: "->" | "<-";
  readonly type: string;
  qos?: QosField;
  topic?: string;
  readonly subscriptions: { topic: string; qos?: QosField }[];
}

export interface PacketFlow {
  readonly direction: Direction;
  /** How the pseudo-code shows the first message answered. */
  readonly interaction: Interaction;
  /** QoS line of the first message's PUBLISH. */
  readonly qos: QosField | undefined;
  /** QoS line of the first SUBSCRIBE entry. */
  readonly subscriptionQos: QosField | undefined;
  /** Topic of the response PUBLISH, for request-response flows. */
  readonly responseTopic: string | undefined;
}

/** The flow the sample shows, or `undefined` (after a `malformed-pseudo-code`) when it shows none. */
export function readPacketFlow(code: Code, context: MarkdownContext): PacketFlow | undefined {
  const packets = readPackets(code);
  const first = packets[0];
  const direction =
    first?.arrow !== "->"
      ? undefined
      : first.type === "PUBLISH"
        ? "client-to-server"
        : first.type === "SUBSCRIBE"
          ? "server-to-client"
          : undefined;
  if (first === undefined || direction === undefined) {
    context.diagnostics.report({ code: "malformed-pseudo-code", at: spanOf(code) });
    return undefined;
  }
  const requestIndex = packets.findIndex((packet) => packet.type === "PUBLISH");
  const request = packets[requestIndex];
  const later = requestIndex < 0 ? [] : packets.slice(requestIndex + 1);
  const response = later.find((packet) => packet.type === "PUBLISH" && packet.arrow !== request?.arrow);
  const interaction: Interaction =
    response !== undefined
      ? "request-response"
      : later.some((packet) => packet.type === "PUBACK")
        ? "message-ack"
        : "message";
  return {
    direction,
    interaction,
    qos: request?.qos,
    subscriptionQos: packets.find((packet) => packet.type === "SUBSCRIBE")?.subscriptions[0]?.qos,
    responseTopic: response?.topic,
  };
}

function readPackets(code: Code): Packet[] {
  const packets: Packet[] = [];
  // The value starts on the line after the opening fence.
  const firstLine = (code.position?.start.line ?? 0) + 1;
  const baseColumn = code.position?.start.column ?? 1;
  code.value.split("\n").forEach((line, index) => {
    const content = line.trim();
    const column = baseColumn + line.length - line.trimStart().length;
    const current = packets.at(-1);
    const packet = /^(->|<-)\s*([A-Za-z]+)/.exec(content);
    if (packet) {
      packets.push({
        arrow: packet[1] === "->" ? "->" : "<-",
        type: (packet[2] ?? "").toUpperCase(),
        subscriptions: [],
      });
      return;
    }
    if (current === undefined) return;
    const entry = /^-\s*topic:\s*(.*)$/i.exec(content);
    if (entry) {
      current.subscriptions.push({ topic: (entry[1] ?? "").trim() });
      return;
    }
    const qos = /^(qos:\s*)(.*)$/i.exec(content);
    if (qos) {
      const text = (qos[2] ?? "").trim();
      const start = column + (qos[1] ?? "").length;
      const field = {
        text,
        span: {
          start: { line: firstLine + index, column: start },
          end: { line: firstLine + index, column: start + text.length },
        },
      };
      const subscription = current.subscriptions.at(-1);
      if (subscription !== undefined) subscription.qos = field;
      else current.qos = field;
      return;
    }
    const topic = /^topic:\s*(.*)$/i.exec(content);
    if (topic) current.topic = (topic[1] ?? "").trim();
  });
  return packets;
}
