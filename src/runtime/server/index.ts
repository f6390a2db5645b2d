/**
 * The server half of the runtime: the MQTT 5 endpoint that generated `server.ts` files run on. Only the
 * contract generated code and applications use is exported; framing, sessions and outcomes stay internal.
 */
export {
  acceptConnection,
  createSasAuthenticator,
  createX509Authenticator,
  rejectConnection,
  type ClientCertificate,
  type SasAuthenticatorOptions,
  type X509AuthenticatorOptions,
  type ServerAuthenticator,
  type ServerAuthVerdict,
  type ServerConnectInfo,
} from "./authentication.js";
export type { ServerDeliverOptions, ServerDeliveryResult } from "./command-deliveries.js";
export { MqttServerEndpoint, type ServerEndpointOptions } from "./endpoint.js";
export type { ServerHandler, ServerHandlerContext } from "./inbound.js";
export { DEFAULT_SERVER_LIMITS, type ServerLimits } from "./limits.js";
export { consoleServerLogger, type ServerLogger } from "./logger.js";
export type {
  ServerFirstClassProperties,
  ServerInboundMessage,
  ServerOutboundMessage,
  ServerUserProperties,
} from "./messages.js";
export type { ServerOperation, ServerPropertyName } from "./operations.js";
export type { ServerCallResponse, ServerRequestOptions } from "./server-requests.js";
export {
  decodeMessage,
  encodeMessage,
  type InboundRole,
  type MessageCodec,
  type PayloadCodec,
  type TypedInboundExtras,
  type TypedOutboundExtras,
} from "./typed-messages.js";
export {
  TypedServerCalls,
  typedHandlers,
  type TypedCallEntry,
  type TypedCallOptions,
  type TypedDeliverOptions,
  type TypedHandlerEntry,
} from "./typed-server.js";
