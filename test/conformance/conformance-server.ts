/**
 * The server the conformance vectors are played against: the runtime's `MqttServerEndpoint` over a
 * test-only operation table whose topics are the ones the MQTT 5 vectors use (`topic`, `p`, `q`, and the
 * four-byte character topic `A𪛔` of section 1.5.3.1), so the vectors' bytes are sent unchanged. Each topic
 * is both a client→server message-ack operation (PUBLISH) and a server→client one (SUBSCRIBE), the way a
 * generated server gets them from a spec. Handlers answer as a broker with nobody subscribed does:
 * PUBACK 0x10 No matching subscribers. CONNECTs need no `api-version` or credentials (`lenientConnect`);
 * an Authentication Method is refused with 0x8C, since this server knows none.
 */
import { iothubApi } from "../../generated/iothub/api.js";
import {
  MqttServerEndpoint,
  defineApi,
  StatusError,
  acceptConnection,
  rejectConnection,
  type ServerHandler,
  type OperationSpec,
  type ServerLogger,
} from "../../src/runtime/index.js";

const TOPICS = ["topic", "p", "q", "A\u{2A6D4}"] as const;

/** The User Property the vectors send on PUBLISH (`p` = `q`) is one these operations define. */
const REQUEST = {
  properties: [{ key: "p", name: "p", type: "string", required: false, kind: "user" }],
  payload: "bytes",
} as const;

const CONFORMANCE_OPERATIONS: readonly OperationSpec[] = TOPICS.flatMap((topic, index): OperationSpec[] => [
  { id: `publish-${index}`, topic, parameters: [], direction: "client-to-server", interaction: "message-ack", qos: 1, request: REQUEST },
  {
    id: `subscribe-${index}`,
    topic,
    parameters: [],
    direction: "server-to-client",
    interaction: "message",
    qos: 1,
    subscription: { qos: 1 },
    request: REQUEST,
  },
]);

/** The IoT Hub dialect the vectors were recorded against, its replies on a topic of their own. */
const CONFORMANCE_API = defineApi({
  ...iothubApi,
  title: "conformance",
  apiVersion: "conformance",
  dialect: { ...iothubApi.dialect, replies: { kind: "shared-topic", topic: "$conformance/responses" } },
  connection: { ...iothubApi.connection, userProperties: [{ name: "api-version", required: true, value: "conformance" }] },
  operations: CONFORMANCE_OPERATIONS,
});

const noMatchingSubscribers: ServerHandler = () => {
  throw new StatusError({ reasonCode: 0x10 });
};

export function conformanceEndpoint(logger: ServerLogger): MqttServerEndpoint {
  return new MqttServerEndpoint({
    api: CONFORMANCE_API,
    handlers: Object.fromEntries(TOPICS.map((_, index) => [`publish-${index}`, noMatchingSubscribers])),
    lenientConnect: true,
    authenticate: (info) =>
      info.authenticationMethod === "" ? acceptConnection() : rejectConnection(0x8c, { detail: "no methods" }),
    host: "127.0.0.1",
    port: 0,
    logger,
  });
}
