/**
 * The typed side of a generated server, driven by its API table: `typedHandlers` turns an application's
 * handler object into the server's per-operation handlers, and `TypedServerCalls` makes the
 * server→client calls (commands, direct methods, desired-state patches; docs/protocol.md#receive-commands, #receive-direct-methods, #receive-twin-desired-state-changes) from typed
 * message objects, through whichever transport serves the API. Generated code names the handler of each
 * operation and how its call objects carry topic levels; the messages' specs come from the table.
 */
import type { ApiTable, OperationSpec } from "../api-table.js";
import { conditionError } from "../dialect/outcome.js";
import type { OutcomeDetails } from "../errors.js";
import { RuntimeConditionError, StatusError } from "../errors.js";
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

/** Which member of the application's handler object `H` handles each client→server operation, by operation id. */
export type TypedHandlerNames<H> = Readonly<Record<string, keyof H & string>>;

type AnyTypedHandler = (request: TypedInboundExtras, context: ServerHandlerContext) => unknown;

/**
 * The server's handlers for a handler object: each decodes its message by the table's spec (the API's
 * bad-request outcome when it does not decode or breaks its schema), adds the topic's `parameters`, calls
 * the application's member with the typed message, and encodes the response it returns by the spec of the
 * success reply. Errors the member throws are the server's to answer (a `StatusError` as is, anything else
 * the API's server-error outcome).
 */
export function typedHandlers<H extends object>(
  handlers: H,
  names: TypedHandlerNames<H>,
  api: ApiTable,
): Record<string, ServerHandler> {
  const prefix = applicationPrefix(api);
  const dispatch: Record<string, ServerHandler> = {};
  for (const [operationId, name] of Object.entries(names)) {
    const spec = operationSpec(api, operationId);
    const member = handlers[name];
    if (typeof member !== "function") throw new TypeError(`handler ${name} is not a function`);
    const handle = member as AnyTypedHandler;
    const response = spec.interaction === "request-response" ? spec.success : undefined;
    dispatch[operationId] = async (inbound, context) => {
      const decoded = decodeTypedMessage(spec.request, inbound, "request", prefix);
      const result = await handle.call(handlers, { ...decoded, parameters: context.parameters }, context);
      if (response === undefined) return undefined;
      return encodeTypedMessage(response, result as TypedOutboundExtras, prefix);
    };
  }
  return dispatch;
}

/** How the typed call objects of one server→client operation carry what is not in the table. */
export interface TypedCallEntry {
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
    const { request } = operationSpec(this.transport.api, operationId);
    const counter = entry.deliveryCount;
    const encode = (attempt: number): ServerOutboundMessage =>
      encodeTypedMessage(
        request,
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
    const spec = operationSpec(this.transport.api, operationId);
    const response = spec.success;
    if (response === undefined) throw new TypeError(`${operationId} has no response to decode`);
    try {
      const outbound = encodeTypedMessage(spec.request, request, this.#prefix);
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
    const outbound = encodeTypedMessage(operationSpec(this.transport.api, operationId).request, message, this.#prefix);
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

function operationSpec(api: ApiTable, operationId: string): OperationSpec {
  const spec = api.operations.find((operation) => operation.id === operationId);
  if (spec === undefined) throw new Error(`${api.title} has no operation ${operationId}`);
  return spec;
}

function applicationPrefix(api: ApiTable): string {
  return api.dialect.applicationProperties?.prefix ?? "";
}
