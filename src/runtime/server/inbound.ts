/**
 * Client→server PUBLISHes in the embedded endpoint (docs/protocol.md#limits, #properties, #interactions for IoT Hub): the
 * endpoint's limit on Correlation Data, then `dispatchClientMessage` with an exchange that answers on the
 * client's own connection: PUBACK at QoS 1; at QoS 0 nothing on success and DISCONNECT with the failure's
 * reason code and outcome properties otherwise; replies sent to the requester when it is subscribed to
 * the reply topic (or, for a dialect's shared reply topic, always: clients are treated as subscribed, C14).
 *
 * A PUBLISH to a topic no operation defines is the API's not-found outcome (IoT Hub `0504`, C12),
 * answered like any failed message. (The IoT Hub reference's QoS 0 example shows DISCONNECT 144 without a
 * status instead, Q14; this endpoint keeps one rule for every failed message so that the outcome always
 * tells clients what happened.)
 */
import type { IPublishPacket } from "mqtt-packet";
import { conditionFailure, outcomeProperties, type Failure } from "../dialect/outcome.js";
import type { ReplyPublish } from "../dialect/replies.js";
import type { ClientConnection } from "./connection.js";
import { dispatchClientMessage, type DispatchDependencies, type InboundExchange } from "./dispatch.js";
import { inboundMessage, outboundPublish } from "./messages.js";
import type { ServerSession } from "./session.js";

export type { ServerHandler, ServerHandlerContext } from "./dispatch.js";

export interface InboundDependencies extends DispatchDependencies {
  readonly maximumCorrelationDataLength: number;
}

export function handleClientPublish(
  dependencies: InboundDependencies,
  connection: ClientConnection,
  session: ServerSession,
  packet: IPublishPacket,
  topic: string,
): Promise<void> {
  const message = inboundMessage(packet, topic);
  const correlationLength = message.correlationData?.length ?? 0;
  if (correlationLength > dependencies.maximumCorrelationDataLength) {
    // B11: always a DISCONNECT, whatever the QoS.
    const reason = `Correlation Data longer than ${dependencies.maximumCorrelationDataLength} bytes`;
    const failure = conditionFailure(dependencies.api, "badRequest", reason);
    connection.disconnect(failure.reasonCode, outcomeProperties(dependencies.api.dialect, failure, true));
    return Promise.resolve();
  }
  return dispatchClientMessage(
    dependencies,
    new ConnectionExchange(dependencies, connection, session, packet),
    message,
  );
}

/** The answers to one PUBLISH on the client's connection: PUBACK at QoS 1, nothing or DISCONNECT at QoS 0 (E22, D18). */
class ConnectionExchange implements InboundExchange {
  constructor(
    private readonly dependencies: DispatchDependencies,
    private readonly connection: ClientConnection,
    private readonly session: ServerSession,
    private readonly packet: IPublishPacket,
  ) {}

  get clientId(): string {
    return this.session.clientId;
  }

  get connectUserProperties() {
    return this.session.connectUserProperties;
  }

  succeeded(): void {
    if (this.packet.qos === 1) this.connection.acknowledge(this.packet.messageId as number, 0);
  }

  failed(failure: Failure): void {
    const properties = outcomeProperties(this.dependencies.api.dialect, failure, true);
    if (this.packet.qos === 1)
      this.connection.acknowledge(this.packet.messageId as number, failure.reasonCode, properties);
    // A success-class status such as IoT Hub's 0001 (F31) is no reason to disconnect a QoS 0 sender.
    else if (failure.reasonCode >= 0x80) this.connection.disconnect(failure.reasonCode, properties);
  }

  reply(publish: ReplyPublish): void {
    const replies = this.dependencies.api.dialect.replies;
    const implicit = replies.kind === "shared-topic" && publish.topic === replies.topic;
    if (!implicit && this.session.grantedQos(publish.topic) === undefined) {
      this.dependencies.logger.info("reply not sent: the client is not subscribed to its topic", {
        clientId: this.session.clientId,
        topic: publish.topic,
      });
      return;
    }
    this.connection.send(outboundPublish(publish.topic, 0, publish.message, publish.correlationData));
  }
}
