/**
 * The server the conformance vectors are played against: the runtime's `MqttServerEndpoint` over a
 * test-only operation table whose topics are the ones the MQTT 5 vectors use (`topic`, `p`, `q`, and the
 * four-byte character topic `A𪛔` of section 1.5.3.1), so the vectors' bytes are sent unchanged. Each topic
 * is both a client→server message-ack operation (PUBLISH) and a server→client one (SUBSCRIBE), the way a
 * generated server gets them from a spec. Handlers answer as a broker with nobody subscribed does:
 * PUBACK 0x10 No matching subscribers. CONNECTs need no `api-version` or credentials (`lenientConnect`);
 * an Authentication Method is refused with 0x8C, since this server knows none.
 */
import {
  MqttServerEndpoint,
  StatusError,
  acceptConnection,
  rejectConnection,
  type ServerHandler,
  type ServerLogger,
  type ServerOperation,
} from "../../src/runtime/index.js";

const TOPICS = ["topic", "p", "q", "A\u{2A6D4}"] as const;

/** The User Property the vectors send on PUBLISH (`p` = `q`) is one these operations define. */
const REQUEST_PROPERTIES = [{ name: "p", kind: "user" as const }];

export const CONFORMANCE_OPERATIONS: readonly ServerOperation[] = Object.freeze(
  TOPICS.flatMap((topic, index): ServerOperation[] => [
    {
      id: `publish-${index}`,
      topic,
      direction: "client-to-server",
      interaction: "message-ack",
      qos: 1,
      requestProperties: REQUEST_PROPERTIES,
    },
    {
      id: `subscribe-${index}`,
      topic,
      direction: "server-to-client",
      interaction: "message",
      qos: 1,
      requestProperties: REQUEST_PROPERTIES,
    },
  ]),
);

const noMatchingSubscribers: ServerHandler = () => {
  throw new StatusError({ reasonCode: 0x10 });
};

export function conformanceEndpoint(logger: ServerLogger): MqttServerEndpoint {
  return new MqttServerEndpoint({
    apiVersion: "conformance",
    responseTopic: "$conformance/responses",
    operations: CONFORMANCE_OPERATIONS,
    handlers: Object.fromEntries(TOPICS.map((_, index) => [`publish-${index}`, noMatchingSubscribers])),
    lenientConnect: true,
    authenticate: (info) =>
      info.authenticationMethod === "" ? acceptConnection() : rejectConnection(0x8c, { detail: "no methods" }),
    host: "127.0.0.1",
    port: 0,
    logger,
  });
}
