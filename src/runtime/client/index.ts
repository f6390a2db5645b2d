/**
 * The device-client half of the runtime (PROTOCOL.md A–H): what generated clients import. Helpers used
 * only inside the client (pending-request map, in-flight window, MQTT.js extensions) stay unexported.
 */
export type { ClientApi, ClientOperation, OperationDirection, OperationInteraction } from "./api.js";
export type { CorrelationKind } from "./correlation.js";
export type { Credentials, SasCredentials, X509Credentials } from "./credentials.js";
export {
  DeviceClient,
  type ClientResponse,
  type DeviceClientEvents,
  type DeviceClientOptions,
  type OutgoingMessage,
  type PublishOptions,
  type PublishResult,
  type RequestOptions,
} from "./device-client.js";
export {
  ConnectionLostError,
  ConnectionRefusedError,
  PacketTooLargeError,
  RequestAbortedError,
  RequestTimeoutError,
  SubscribeError,
} from "./errors.js";
export {
  abandon,
  accept,
  fail,
  reject,
  reply,
  type AckDecision,
  type AckHandler,
  type MessageHandler,
  type ReceivedMessage,
  type RequestHandler,
  type RequestResult,
} from "./handlers.js";
export { defaultErrorFactory, type OutcomeErrorFactory } from "./outcome.js";
