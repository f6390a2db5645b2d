/**
 * The table a generated client hands to the runtime: one frozen `ClientApi` per spec. Everything the
 * runtime does per operation is driven by these entries, so generated code never repeats wire logic.
 */
import type { PropertySpec } from "../properties.js";

export type OperationDirection = "client-to-server" | "server-to-client";

/** How the first message is answered (PROTOCOL.md E21): a response PUBLISH, a PUBACK, or nothing. */
export type OperationInteraction = "request-response" | "message-ack" | "message";

export interface ClientOperation {
  /** The operation id (`get-twin`); handlers and errors refer to it. */
  readonly id: string;
  readonly direction: OperationDirection;
  readonly interaction: OperationInteraction;
  /** QoS of the first message (request or message). */
  readonly qos: 0 | 1;
  /** Topic template, e.g. `$iothub/methods/{name}`. */
  readonly topic: string;
  /** The SUBSCRIBE filter and QoS; present exactly for server→client operations (C14, Q5). */
  readonly subscription?: { readonly filter: string; readonly qos: 0 | 1 };
  /** Properties of the request or message. */
  readonly requestProperties: readonly PropertySpec[];
  /** Properties of a successful response (request-response only); empty otherwise. */
  readonly responseProperties: readonly PropertySpec[];
}

export interface ClientApi {
  /** Sent as the `api-version` CONNECT user property (A4, A5). */
  readonly apiVersion: string;
  /** Where every request-response answer travels (C14); the server treats clients as subscribed to it. */
  readonly responseTopic: string;
  readonly operations: readonly ClientOperation[];
}

/** Freezes a generated table and everything in it: no caller can change how the client behaves. */
export function freezeClientApi(api: ClientApi): ClientApi {
  return deepFreeze(api);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
