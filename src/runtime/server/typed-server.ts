/**
 * The typed side of a generated server, driven by its tables: `typedHandlers` turns an application's
 * handler object into the endpoint's per-operation handlers, and `TypedServerCalls` makes the
 * server→client calls (commands, direct methods, desired-state patches; PROTOCOL.md G35–G37) from typed
 * message objects. Generated code declares the tables and the types; the work happens here.
 */
import type { OutcomeDetails } from "../errors.js";
import { StatusError } from "../errors.js";
import type { ServerDeliveryResult } from "./command-deliveries.js";
import type { MqttServerEndpoint } from "./endpoint.js";
import type { ServerHandler, ServerHandlerContext } from "./inbound.js";
import type { ServerOutboundMessage } from "./messages.js";
import type { ServerRequestOptions } from "./server-requests.js";
import {
  decodeMessage,
  encodeMessage,
  type MessageCodec,
  type TypedInboundExtras,
  type TypedOutboundExtras,
} from "./typed-messages.js";

/** How one client→server operation reaches its member of the application's handler object `H`. */
export interface TypedHandlerEntry<H> {
  /** The member of `H` that handles the operation. */
  readonly handler: keyof H & string;
  readonly request: MessageCodec;
  /** The success response of a request-response operation; absent for operations that answer with a PUBACK. */
  readonly response?: MessageCodec;
}

type AnyTypedHandler = (request: TypedInboundExtras, context: ServerHandlerContext) => unknown;

/**
 * The endpoint's handlers for a handler object: each decodes its message (0100 when it does not decode),
 * calls the application's member with the typed message, and encodes the response it returns. Errors the
 * member throws are the endpoint's to answer (a `StatusError` as is, anything else 0601).
 */
export function typedHandlers<H extends object>(
  handlers: H,
  table: Readonly<Record<string, TypedHandlerEntry<H>>>,
): Record<string, ServerHandler> {
  const dispatch: Record<string, ServerHandler> = {};
  for (const [operationId, entry] of Object.entries(table)) {
    const member = handlers[entry.handler];
    if (typeof member !== "function") throw new TypeError(`handler ${entry.handler} is not a function`);
    const handle = member as AnyTypedHandler;
    dispatch[operationId] = async (inbound, context) => {
      const request = decodeMessage(entry.request, inbound);
      const result = await handle.call(handlers, request, context);
      if (entry.response === undefined) return undefined;
      return encodeMessage(entry.response, result as TypedOutboundExtras);
    };
  }
  return dispatch;
}

/** How one server→client operation is called. */
export interface TypedCallEntry {
  readonly message: MessageCodec;
  /** The client's success response of a request-response operation. */
  readonly response?: MessageCodec;
  /** Topic parameters: the template's name (`name` in `{name}`) → the member of the typed message holding it. */
  readonly parameters: Readonly<Record<string, string>>;
  /**
   * The member the server sets itself on each delivery, counting attempts from 1 (G35: `delivery-count`
   * on commands, raised on every redelivery after an abandon).
   */
  readonly deliveryCount?: string;
}

export type TypedCallOptions = Omit<ServerRequestOptions, "parameters">;

export interface TypedDeliverOptions {
  /** Withdraws the delivery while it is still queued or waiting for redelivery. */
  readonly signal?: AbortSignal;
}

/** Server→client calls from typed message objects; call failures become the API's typed errors. */
export class TypedServerCalls {
  constructor(
    private readonly endpoint: MqttServerEndpoint,
    private readonly table: Readonly<Record<string, TypedCallEntry>>,
    private readonly errorFactory: (details: OutcomeDetails) => Error,
  ) {}

  /** A message-ack delivery (a command): resolves accepted, abandoned or rejected (E26). */
  deliver(
    operationId: string,
    clientId: string,
    message: TypedOutboundExtras,
    options: TypedDeliverOptions = {},
  ): Promise<ServerDeliveryResult> {
    const entry = this.#entry(operationId);
    const counter = entry.deliveryCount;
    const encode = (attempt: number): ServerOutboundMessage =>
      encodeMessage(entry.message, counter === undefined ? message : { ...message, [counter]: attempt });
    return this.endpoint.deliver(clientId, operationId, encode(1), {
      ...options,
      parameters: parameterValues(entry, message),
      ...(counter !== undefined && { prepareRedelivery: (_previous, attempt) => encode(attempt) }),
    });
  }

  /**
   * A request-response call (a direct method): resolves with the client's decoded success response and
   * rejects with the typed error of the client's status, 06A0, 06A1, or 06A2 for a response that does not
   * decode (E25, G36).
   */
  async call<R extends TypedInboundExtras>(
    operationId: string,
    clientId: string,
    request: TypedOutboundExtras,
    options: TypedCallOptions = {},
  ): Promise<R> {
    const entry = this.#entry(operationId);
    const response = entry.response;
    if (response === undefined) throw new TypeError(`${operationId} has no response to decode`);
    try {
      const outbound = encodeMessage(entry.message, request);
      const parameters = parameterValues(entry, request);
      const received = await this.endpoint.request(clientId, operationId, outbound, { ...options, parameters });
      return decodeMessage<R>(response, received, "response");
    } catch (error) {
      throw error instanceof StatusError ? this.errorFactory(error) : error;
    }
  }

  /** A one-way message (a desired-state patch, G37) at QoS 0; returns whether it was sent. */
  notify(operationId: string, clientId: string, message: TypedOutboundExtras): boolean {
    const entry = this.#entry(operationId);
    const outbound = encodeMessage(entry.message, message);
    return this.endpoint.notify(clientId, operationId, outbound, { parameters: parameterValues(entry, message) });
  }

  #entry(operationId: string): TypedCallEntry {
    const entry = this.table[operationId];
    if (entry === undefined) throw new Error(`${operationId} is not a server-to-client operation of this server`);
    return entry;
  }
}

function parameterValues(entry: TypedCallEntry, message: object): Record<string, string> {
  const members = message as Readonly<Record<string, unknown>>;
  const values: Record<string, string> = {};
  for (const [name, key] of Object.entries(entry.parameters)) values[name] = String(members[key]);
  return values;
}
