/**
 * The device-client half of the runtime (docs/protocol.md#the-iot-hub-dialect-iothub): what generated clients import. Helpers used
 * only inside the client (pending-request map, in-flight window, MQTT.js extensions) stay unexported.
 */
export type { CorrelationKind } from "./correlation.js";
export type {
  Credentials,
  NoCredentials,
  SasCredentials,
  TokenCredentials,
  UsernamePasswordCredentials,
  X509Credentials,
} from "./credentials.js";
export { DeviceClient, type DeviceClientEvents, type DeviceClientOptions } from "./device-client.js";
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
  type TopicParameters,
} from "./handlers.js";
export { defaultErrorFactory, type OutcomeErrorFactory } from "./outcome.js";
export type { ClientResponse, OutgoingMessage, PublishOptions, PublishResult, RequestOptions } from "./outgoing.js";
export {
  jsonPayloadHandler,
  operationCalls,
  withJsonPayload,
  type AckHandlerOf,
  type ClientConnectOptions,
  type HandlerTypes,
  type JsonMessage,
  type JsonResponse,
  type MessageHandlerOf,
  type NoParameters,
  type NoProperties,
  type OperationCalls,
  type OperationTypeMap,
  type OperationTypes,
  type OutgoingMessageOf,
  type RequestHandlerOf,
} from "./typed.js";
