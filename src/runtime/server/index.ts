/**
 * The server half of the runtime: the two transports generated `server.ts` files run on, the embedded MQTT 5
 * endpoint and the broker-connected server, behind one handler interface. Only the contract generated
 * code and applications use is exported; framing, sessions and outcomes stay internal.
 */
export {
  acceptConnection,
  createSasAuthenticator,
  createTokenAuthenticator,
  createUsernamePasswordAuthenticator,
  createX509Authenticator,
  rejectConnection,
  type ClientCertificate,
  type SasAuthenticatorOptions,
  type ServerAuthenticator,
  type ServerAuthVerdict,
  type ServerConnectInfo,
  type TokenAuthenticatorOptions,
  type UsernamePasswordAuthenticatorOptions,
  type X509AuthenticatorOptions,
} from "./authentication.js";
export { MqttBrokerServer, type BrokerServerOptions } from "./broker-server.js";
export type { ClaimResult, DeliveryStore, StoredAnswer } from "./duplicates/delivery-store.js";
export { MemoryDeliveryStore, type MemoryDeliveryStoreOptions } from "./duplicates/memory-store.js";
export type { Delivery, DuplicateSuppressionOptions } from "./duplicates/once.js";
export { SharedSubscriptionsUnavailableError, type BrokerConnectionOptions } from "./scale-out/broker-session.js";
export { createGateway, createWorker, workerRoute, type CreateWorkerOptions, type Worker } from "./scale-out/create.js";
export { MqttGateway, type GatewayOptions } from "./scale-out/gateway.js";
export { MqttGatewayWorker, type GatewayWorkerOptions } from "./scale-out/gateway-worker.js";
export { InternalTopics } from "./scale-out/internal-topics.js";
export {
  brokerOperation,
  brokerTopic,
  brokerTopicProblems,
  brokerTopicsOf,
  type BrokerOperation,
  type BrokerTopic,
  type BrokerTopics,
} from "./scale-out/broker-topics.js";
export {
  MOSQUITTO_WORKER_SETTINGS,
  mosquittoAcl,
  mosquittoAclFor,
  mosquittoFiles,
  mosquittoFilesFor,
  type MosquittoConfigOptions,
  type MosquittoFilesOptions,
} from "./scale-out/mosquitto-config.js";
export type { WorkerOptions } from "./worker.js";
export type { ServerDeliverOptions, ServerDeliveryResult } from "./command-deliveries.js";
export type { ServerHandler, ServerHandlerContext } from "./dispatch.js";
export {
  MqttServerEndpoint,
  type ServerEndpointEvents,
  type ServerEndpointOptions,
  type ServerEndpointSettings,
} from "./endpoint.js";
export type { WebSocketListenerOptions } from "./websocket-listener.js";
export { DEFAULT_SERVER_LIMITS, type ServerLimits } from "./limits.js";
export { consoleServerLogger, type ServerLogger } from "./logger.js";
export type {
  ServerFirstClassProperties,
  ServerInboundMessage,
  ServerOutboundMessage,
  ServerUserProperties,
} from "./messages.js";
export type { ServerCallResponse, ServerRequestOptions } from "./server-requests.js";
export type { ServerNotifyOptions, ServerTransport } from "./transport.js";
export {
  decodeTypedMessage,
  encodeTypedMessage,
  type InboundRole,
  type TypedInboundExtras,
  type TypedOutboundExtras,
} from "./typed-messages.js";
export {
  TypedServerCalls,
  typedHandlers,
  type TypedCallEntry,
  type TypedCallOptions,
  type TypedDeliverOptions,
  type TypedHandlerNames,
} from "./typed-server.js";
