/**
 * The typed side of a generated server, driven by its tables: `typedHandlers` turns an application's
 * handler object into the server's per-operation handlers, and `TypedServerCalls` makes the
 * server→client calls (commands, direct methods, desired-state patches; docs/protocol.md#receive-commands, #receive-direct-methods, #receive-twin-desired-state-changes) from typed
 * message objects, through whichever transport serves the API. Generated code declares the tables and
 * the types; the work happens here.
 */
import type { ApiTable, MessageSpec } from "../api-table.js";
import { conditionError } from "../dialect/outcome.js";
import type { OutcomeDetails } from "../errors.js";
import { RuntimeConditionError, StatusError } from "../errors.js";
import { LEGACY_IOTHUB_TABLE } from "../transitional/iothub-tables.js";
import type { ServerDeliveryResult } from "./command-deliveries.js";
import type { ServerHandler, ServerHandlerContext } from "./dispatch.js";
import type { ServerOutboundMessage } from "./messages.js";
import type { ServerRequestOptions } from "./server-requests.js";
import type { ServerTransport } from "./transport.js";
import {
  decodeTypedMessage,
  encodeTypedMessage,
  type TypedInboundExtras,
  type TypedOutboundExtras,
} from "./typed-messages.js";

/** How one client→server operation reaches its member of the application's handler object `H`. */
export interface TypedHandlerEntry<H> {
  /** The member of `H` that handles the operation. */
  readonly handler: keyof H & string;
  readonly request: MessageSpec;
  /** The success response of a request-response operation; absent for operations that answer with a PUBACK. */
  readonly response?: MessageSpec;
}

type AnyTypedHandler = (request: TypedInboundExtras, context: ServerHandlerContext) => unknown;

/**
 * The server's handlers for a handler object: each decodes its message (the API's bad-request outcome when
 * it does not decode or breaks its schema), calls the application's member with the typed message, and
 * encodes the response it returns. Errors the member throws are the server's to answer (a `StatusError`
 * as is, anything else the API's server-error outcome). Without `api`, the IoT Hub dialect (transitional:
 * generated code before the one-table emitter).
 */
export function typedHandlers<H extends object>(
  handlers: H,
  table: Readonly<Record<string, TypedHandlerEntry<H>>>,
  api: ApiTable = LEGACY_IOTHUB_TABLE,
): Record<string, ServerHandler> {
  const prefix = applicationPrefix(api);
  const dispatch: Record<string, ServerHandler> = {};
  for (const [operationId, entry] of Object.entries(table)) {
    const member = handlers[entry.handler];
    if (typeof member !== "function") throw new TypeError(`handler ${entry.handler} is not a function`);
    const handle = member as AnyTypedHandler;
    dispatch[operationId] = async (inbound, context) => {
      const request = decodeTypedMessage(entry.request, inbound, "request", prefix);
      const result = await handle.call(handlers, request, context);
      if (entry.response === undefined) return undefined;
      return encodeTypedMessage(entry.response, result as TypedOutboundExtras, prefix);
    };
  }
  return dispatch;
}

/** How one server→client operation is called. */
export interface TypedCallEntry {
  readonly message: MessageSpec;
  /** The client's success response of a request-response operation. */
  readonly response?: MessageSpec;
  /**
   * Topic parameters: the template's name (`name` in `{name}`) → the member of the typed message holding
   * it. Client-id levels need no entry: they are the called client's id.
   */
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
  readonly #prefix: string;

  constructor(
    private readonly transport: ServerTransport,
    private readonly table: Readonly<Record<string, TypedCallEntry>>,
    private readonly errorFactory: (details: OutcomeDetails) => Error,
  ) {
    this.#prefix = applicationPrefix(transport.api);
  }

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
      encodeTypedMessage(
        entry.message,
        counter === undefined ? message : { ...message, [counter]: attempt },
        this.#prefix,
      );
    return this.transport.deliver(clientId, operationId, encode(1), {
      ...options,
      parameters: parameterValues(entry, message),
      ...(counter !== undefined && { prepareRedelivery: (_previous, attempt) => encode(attempt) }),
    });
  }

  /**
   * A request-response call (a direct method): resolves with the client's decoded success response and
   * rejects with the typed error of the client's status, or of the API's target-unavailable,
   * target-timeout or (for a response that does not decode) target-failed outcome (E25, G36; IoT Hub
   * 06A0, 06A1, 06A2); a `RuntimeConditionError` where the API has no status for one of these.
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
      const outbound = encodeTypedMessage(entry.message, request, this.#prefix);
      const parameters = parameterValues(entry, request);
      const received = await this.transport.request(clientId, operationId, outbound, { ...options, parameters });
      return decodeTypedMessage<R>(response, received, "response", this.#prefix);
    } catch (error) {
      const failure =
        error instanceof RuntimeConditionError
          ? conditionError(this.transport.api, error.condition, error.reason)
          : error;
      throw failure instanceof StatusError ? this.errorFactory(failure) : failure;
    }
  }

  /** A one-way message (a desired-state patch, G37) at QoS 0; returns whether it was sent. */
  notify(operationId: string, clientId: string, message: TypedOutboundExtras): boolean {
    const entry = this.#entry(operationId);
    const outbound = encodeTypedMessage(entry.message, message, this.#prefix);
    return this.transport.notify(clientId, operationId, outbound, { parameters: parameterValues(entry, message) });
  }

  #entry(operationId: string): TypedCallEntry {
    const entry = this.table[operationId];
    if (entry === undefined) throw new Error(`${operationId} is not a server-to-client operation of this server`);
    return entry;
  }
}

function parameterValues(entry: TypedCallEntry, message: object): Record<string, unknown> {
  const members = message as Readonly<Record<string, unknown>>;
  const values: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(entry.parameters)) values[name] = members[key];
  return values;
}

function applicationPrefix(api: ApiTable): string {
  return api.dialect.applicationProperties?.prefix ?? "";
}
