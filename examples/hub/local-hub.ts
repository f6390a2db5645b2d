/**
 * The hub embedded: a local stand-in for IoT Hub's data plane (the seed API) that devices connect to
 * directly, built only on the generated `generated/iothub/server.ts`: the hub's application
 * (./hub-application.ts) on the generated server's endpoint, which queues commands and redelivers them.
 */
import type { ServerAuthenticator, ServerLimits, ServerLogger } from "@mqttgen/runtime/server";
import { acceptConnection, createSasAuthenticator } from "@mqttgen/runtime/server";
import { IothubServer, type IothubCalls } from "../../generated/iothub/server.js";
import { describeError } from "./describe.js";
import { HubApplication, type HubApplicationOptions } from "./hub-application.js";
import { memoryStore, type HubStore } from "./hub-store.js";

export interface DeviceAuthenticationOptions {
  /** Base64 device keys by device id: clients must connect with a valid SAS (docs/protocol.md#sas). */
  readonly deviceKeys?: Readonly<Record<string, string>>;
  /**
   * Accept every client without SAS; CONNECTs may then also leave out `api-version` and
   * `Authentication Method`, so that plain MQTT tools connect as they are.
   */
  readonly allowAny?: boolean;
}

export interface LocalHubOptions extends HubApplicationOptions, DeviceAuthenticationOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; default 1883, 0 for a free one. */
  readonly port?: number;
  /** Twins and command queue; in memory by default. */
  readonly store?: HubStore;
  /** Limits announced in CONNACK and enforced; IoT Hub's by default (Receive Maximum 16, …). */
  readonly limits?: Partial<ServerLimits>;
  /** Wait before an abandoned command is redelivered; default 10 000 ms. */
  readonly redeliveryDelayMs?: number;
  /** How long a direct method call waits for the device; default 30 000 ms. */
  readonly methodTimeoutMs?: number;
}

export class LocalHub extends HubApplication {
  readonly server: IothubServer;

  private constructor(options: LocalHubOptions) {
    super(options.store ?? memoryStore(), options);
    this.server = new IothubServer({
      handlers: this.handlers(),
      authenticate: deviceAuthenticator(options, this.log),
      lenientConnect: options.allowAny === true,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 1883,
      logger: eventLogger(this.log),
      ...(options.limits !== undefined && { limits: options.limits }),
      ...(options.redeliveryDelayMs !== undefined && { redelivery: { delayMs: options.redeliveryDelayMs } }),
      ...(options.methodTimeoutMs !== undefined && { requestTimeoutMs: options.methodTimeoutMs }),
    });
  }

  /** Creates the hub and starts listening. */
  static async start(options: LocalHubOptions = {}): Promise<LocalHub> {
    const hub = new LocalHub(options);
    const address = await hub.server.listen();
    hub.log(`listening on ${address.address}:${address.port}`);
    return hub;
  }

  get port(): number {
    return this.server.address().port;
  }

  protected get calls(): IothubCalls {
    return this.server;
  }

  /** Disconnects every device, stops listening and closes the store. */
  async stop(): Promise<void> {
    await this.server.close();
    await this.store.close();
    this.log("stopped");
  }
}

/** SAS with the given keys, or anyone; each first CONNECT reported as an event line. */
export function deviceAuthenticator(options: DeviceAuthenticationOptions, log: (line: string) => void): ServerAuthenticator {
  if (options.allowAny !== true && options.deviceKeys === undefined) {
    throw new Error("a hub needs device keys or allowAny");
  }
  const verify: ServerAuthenticator =
    options.allowAny === true
      ? () => acceptConnection()
      : createSasAuthenticator({ deviceKeys: options.deviceKeys ?? {} });
  return async (info) => {
    const verdict = await verify(info);
    if (!info.reauthentication) {
      log(verdict.accepted ? `connect ${info.clientId}` : `connect ${info.clientId} refused`);
    }
    return verdict;
  };
}

/** The runtime's log messages as event lines (`warn message key=value …`). */
export function eventLogger(log: (line: string) => void): ServerLogger {
  const line = (level: string) => (message: string, details?: Record<string, unknown>) =>
    log(`${level} ${message}${details === undefined ? "" : ` ${describeDetails(details)}`}`);
  return { info: line("info"), warn: line("warn"), error: line("error") };
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${value instanceof Error ? describeError(value) : String(value)}`)
    .join(" ");
}
