/**
 * The one interface every way of serving an API offers, whatever carries the traffic: the embedded
 * endpoint (clients connect to this process) and the broker-connected server (this process is a client of
 * an MQTT 5 broker that the clients connect to). Both run the same `ServerHandler`s for client→server
 * operations; this is how the typed layer makes the server→client calls through either.
 */
import type { ApiTable } from "../api-table.js";
import type { ServerDeliverOptions, ServerDeliveryResult } from "./command-deliveries.js";
import type { ServerOutboundMessage } from "./messages.js";
import type { ServerCallResponse, ServerRequestOptions } from "./server-requests.js";

export interface ServerNotifyOptions {
  /** Values of the topic's `{param}` levels by their types; client-id levels are the client's id. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface ServerTransport {
  readonly api: ApiTable;
  /** A message-ack message (a command) to `clientId` at QoS 1; resolves with how it was acknowledged. */
  deliver(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options?: ServerDeliverOptions,
  ): Promise<ServerDeliveryResult>;
  /** A request-response call (a direct method) on `clientId`; resolves with its successful reply. */
  request(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options?: ServerRequestOptions,
  ): Promise<ServerCallResponse>;
  /** A one-way message at QoS 0; returns whether it was sent. */
  notify(clientId: string, operationId: string, message: ServerOutboundMessage, options?: ServerNotifyOptions): boolean;
  close(): Promise<void>;
}
