/**
 * The IoT Hub API served through a broker: `createIothubWorker` (the hub's handlers on shared
 * subscriptions, and typed server→client calls through the broker) and `createIothubGateway` (devices
 * connect to it and speak IoT Hub; it forwards to workers). A thin typed layer over the runtime's
 * `createWorker` / `createGateway`.
 *
 * A stand-in: the generated `server.ts` of this revision has the embedded server only. The one-table
 * emitter generates these two functions beside it with the same names and shapes; this file then goes and
 * the hub imports them from `generated/iothub/server.js`.
 */
import {
  apiTableFromClientApi,
  createGateway,
  createWorker,
  TypedServerCalls,
  typedHandlers,
  type ApiTable,
  type CreateWorkerOptions,
  type GatewayOptions,
  type MqttGateway,
  type ServerDeliveryResult,
  type TypedCallEntry,
  type TypedCallOptions,
  type TypedDeliverOptions,
  type TypedHandlerEntry,
  type Worker,
} from "mqttgen/runtime";
import { clientApi } from "../../generated/iothub/client.js";
import * as messages from "../../generated/iothub/messages.js";
import type {
  CommandsMessage,
  DirectMethodsRequest,
  DirectMethodsResponse,
  IothubHandlers,
  TwinDesiredStateChangesMessage,
} from "../../generated/iothub/server.js";
import { errorForOutcome } from "../../generated/iothub/status.js";

/** The seed's API table, which workers and gateways serve. */
export const IOTHUB_API: ApiTable = apiTableFromClientApi(clientApi);

/** The server→client calls every way of serving the hub offers (the embedded `IothubServer` too). */
export interface IothubCalls {
  deliverCommands(clientId: string, message: CommandsMessage, options?: TypedDeliverOptions): Promise<ServerDeliveryResult>;
  callDirectMethods(clientId: string, request: DirectMethodsRequest, options?: TypedCallOptions): Promise<DirectMethodsResponse>;
  notifyTwinDesiredStateChanges(clientId: string, message: TwinDesiredStateChangesMessage): boolean;
}

const HANDLERS = {
  "get-twin": {
    handler: "getTwin",
    request: { properties: messages.getTwinRequest, payload: "empty" },
    response: { properties: messages.getTwinResponse, payload: "json" },
  },
  "patch-twin-reported": {
    handler: "patchTwinReported",
    request: { properties: messages.patchTwinReportedRequest, payload: "json" },
    response: { properties: messages.patchTwinReportedResponse, payload: "empty" },
  },
  "send-telemetry": {
    handler: "sendTelemetry",
    request: { properties: messages.sendTelemetryMessage, payload: "bytes" },
  },
} as const satisfies Record<string, TypedHandlerEntry<IothubHandlers>>;

const CALLS = {
  "receive-commands": {
    message: { properties: messages.commandsMessage, payload: "bytes" },
    parameters: {},
    deliveryCount: "deliveryCount",
  },
  "receive-direct-methods": {
    message: { properties: messages.directMethodsRequest, payload: "bytes" },
    response: { properties: messages.directMethodsResponse, payload: "bytes" },
    parameters: { name: "name" },
  },
  "receive-twin-desired-state-changes": {
    message: { properties: messages.twinDesiredStateChangesMessage, payload: "json" },
    parameters: {},
  },
} as const satisfies Record<string, TypedCallEntry>;

export interface IothubWorkerOptions extends Omit<CreateWorkerOptions, "api" | "handlers"> {
  /** The same handlers as the embedded server's. */
  readonly handlers: IothubHandlers;
}

/** A started worker: its calls reach a device through whichever gateway holds its connection. */
export class IothubWorker implements IothubCalls {
  readonly #calls: TypedServerCalls;

  constructor(readonly worker: Worker) {
    this.#calls = new TypedServerCalls(worker, CALLS, errorForOutcome);
  }

  deliverCommands(clientId: string, message: CommandsMessage, options: TypedDeliverOptions = {}): Promise<ServerDeliveryResult> {
    return this.#calls.deliver("receive-commands", clientId, message, options);
  }

  callDirectMethods(clientId: string, request: DirectMethodsRequest, options: TypedCallOptions = {}): Promise<DirectMethodsResponse> {
    return this.#calls.call("receive-direct-methods", clientId, request, options);
  }

  notifyTwinDesiredStateChanges(clientId: string, message: TwinDesiredStateChangesMessage): boolean {
    return this.#calls.notify("receive-twin-desired-state-changes", clientId, message);
  }

  /** Hands back what the broker queued for this worker, then disconnects. */
  close(): Promise<void> {
    return this.worker.close();
  }
}

export async function createIothubWorker(options: IothubWorkerOptions): Promise<IothubWorker> {
  const { handlers, ...workerOptions } = options;
  const worker = await createWorker({ ...workerOptions, api: IOTHUB_API, handlers: typedHandlers(handlers, HANDLERS) });
  return new IothubWorker(worker);
}

/** A gateway devices connect to as to IoT Hub; read the port from `address()`. */
export function createIothubGateway(options: Omit<GatewayOptions, "api">): Promise<MqttGateway> {
  return createGateway({ ...options, api: IOTHUB_API });
}
