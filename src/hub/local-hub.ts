/**
 * A local stand-in for IoT Hub's data plane (the seed API), built only on the generated
 * `generated/iothub/server.ts`: in-memory twins, a bounded telemetry log, commands queued and redelivered
 * by the endpoint, direct method calls, and desired-state patches. Every event is reported as one line.
 */
import type { ServerAuthenticator, ServerDeliveryResult, ServerLimits, ServerLogger } from "@mqttgen/runtime/server";
import { acceptConnection, createSasAuthenticator } from "@mqttgen/runtime/server";
import type { TwinState } from "../../generated/iothub/payloads.js";
import { IothubServer, type DirectMethodsResponse, type IothubHandlers } from "../../generated/iothub/server.js";
import { describeBytes, describeError } from "./describe.js";
import { TelemetryLog } from "./telemetry-log.js";
import { TwinStore } from "./twin-store.js";

export interface LocalHubOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; default 1883, 0 for a free one. */
  readonly port?: number;
  /** Base64 device keys by device id: clients must connect with a valid SAS (PROTOCOL.md A6). */
  readonly deviceKeys?: Readonly<Record<string, string>>;
  /**
   * Accept every client without SAS; CONNECTs may then also leave out `api-version` and
   * `Authentication Method`, so that plain MQTT tools connect as they are.
   */
  readonly allowAny?: boolean;
  /** Telemetry messages kept (default 1000) and the per-device rate above which they are throttled. */
  readonly telemetry?: { readonly capacity?: number; readonly perSecond?: number };
  /** Limits announced in CONNACK and enforced; IoT Hub's by default (Receive Maximum 16, …). */
  readonly limits?: Partial<ServerLimits>;
  /** Wait before an abandoned command is redelivered; default 10 000 ms. */
  readonly redeliveryDelayMs?: number;
  /** How long a direct method call waits for the device; default 30 000 ms. */
  readonly methodTimeoutMs?: number;
  /** Where event lines go; default nowhere. */
  readonly log?: (line: string) => void;
}

export interface CommandOptions {
  readonly contentType?: string;
  readonly messageId?: string;
  readonly correlationId?: string;
  readonly signal?: AbortSignal;
}

export class LocalHub {
  readonly twins = new TwinStore();
  readonly telemetry: TelemetryLog;
  readonly server: IothubServer;
  readonly #log: (line: string) => void;
  /** Event lines cost string building per message; skipped entirely when nobody reads them. */
  readonly #logging: boolean;
  #nextSequenceNo = 1n;

  private constructor(options: LocalHubOptions) {
    this.#log = options.log ?? (() => {});
    this.#logging = options.log !== undefined;
    this.telemetry = new TelemetryLog(options.telemetry);
    this.server = new IothubServer({
      handlers: this.#handlers(),
      authenticate: this.#authenticator(options),
      lenientConnect: options.allowAny === true,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 1883,
      logger: this.#endpointLogger(),
      ...(options.limits !== undefined && { limits: options.limits }),
      ...(options.redeliveryDelayMs !== undefined && { redelivery: { delayMs: options.redeliveryDelayMs } }),
      ...(options.methodTimeoutMs !== undefined && { requestTimeoutMs: options.methodTimeoutMs }),
    });
  }

  /** Creates the hub and starts listening. */
  static async start(options: LocalHubOptions = {}): Promise<LocalHub> {
    const hub = new LocalHub(options);
    const address = await hub.server.listen();
    hub.#log(`listening on ${address.address}:${address.port}`);
    return hub;
  }

  get port(): number {
    return this.server.address().port;
  }

  /**
   * Queues a command for the device (PROTOCOL.md G35): it waits while the device is offline or not
   * subscribed and is redelivered after an abandon; resolves with the final outcome.
   */
  async sendCommand(
    deviceId: string,
    payload: Uint8Array | string,
    options: CommandOptions = {},
  ): Promise<ServerDeliveryResult> {
    const sequenceNo = this.#nextSequenceNo++;
    const { signal, ...properties } = options;
    this.#log(`command ${deviceId} #${sequenceNo} queued (${describeBytes(payload)})`);
    const message = { ...properties, sequenceNo, enqueuedTime: new Date(), payload };
    try {
      const result = await this.server.deliverCommands(deviceId, message, signal === undefined ? {} : { signal });
      const ack = result.ack.status === undefined ? "" : ` (status ${result.ack.status})`;
      this.#log(`command ${deviceId} #${sequenceNo} ${result.outcome} after ${result.attempts} attempt(s)${ack}`);
      return result;
    } catch (error) {
      this.#log(`command ${deviceId} #${sequenceNo} failed: ${describeError(error)}`);
      throw error;
    }
  }

  /** Calls a direct method (G36); rejects with the generated typed errors (06A0, 06A1, the device's status). */
  async invokeMethod(
    deviceId: string,
    name: string,
    payload: Uint8Array | string = "",
    timeoutMs?: number,
  ): Promise<DirectMethodsResponse> {
    try {
      const response = await this.server.callDirectMethods(
        deviceId,
        { name, payload },
        timeoutMs === undefined ? {} : { timeoutMs },
      );
      this.#log(`method ${deviceId} ${name} → ${response.responseCode} ${describeBytes(response.payload)}`);
      return response;
    } catch (error) {
      this.#log(`method ${deviceId} ${name} failed: ${describeError(error)}`);
      throw error;
    }
  }

  /**
   * Patches the device's desired state and pushes the patch with its version (G37) when the device is
   * connected and subscribed; the twin keeps it either way.
   */
  patchDesired(deviceId: string, patch: TwinState): { version: bigint; sent: boolean } {
    const version = this.twins.patchDesired(deviceId, patch);
    const sent = this.server.notifyTwinDesiredStateChanges(deviceId, { version, payload: patch });
    this.#log(`desired ${deviceId} v${version} ${sent ? "sent" : "stored (device not subscribed)"}`);
    return { version, sent };
  }

  /** Disconnects every device and stops listening. */
  async stop(): Promise<void> {
    await this.server.close();
    this.#log("stopped");
  }

  #handlers(): IothubHandlers {
    return {
      getTwin: (_request, context) => {
        this.#log(`twin get ${context.clientId}`);
        return { payload: this.twins.get(context.clientId) };
      },
      patchTwinReported: (request, context) => {
        try {
          const version = this.twins.patchReported(context.clientId, request.payload, request.ifVersion);
          this.#log(`twin patch ${context.clientId} reported v${version}`);
          return { version };
        } catch (error) {
          this.#log(`twin patch ${context.clientId} refused: ${describeError(error)}`);
          throw error;
        }
      },
      sendTelemetry: (message, context) => {
        try {
          this.telemetry.record(context.clientId, message);
        } catch (error) {
          this.#log(`telemetry ${context.clientId} refused: ${describeError(error)}`);
          throw error;
        }
        if (!this.#logging) return;
        const names = Object.keys(message.applicationProperties);
        const properties = names.length === 0 ? "" : ` @${names.join(" @")}`;
        this.#log(`telemetry ${context.clientId} ${describeBytes(message.payload)}${properties}`);
      },
    };
  }

  #authenticator(options: LocalHubOptions): ServerAuthenticator {
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
        this.#log(verdict.accepted ? `connect ${info.clientId}` : `connect ${info.clientId} refused`);
      }
      return verdict;
    };
  }

  #endpointLogger(): ServerLogger {
    const line = (level: string) => (message: string, details?: Record<string, unknown>) =>
      this.#log(`${level} ${message}${details === undefined ? "" : ` ${describeDetails(details)}`}`);
    return { info: line("info"), warn: line("warn"), error: line("error") };
  }
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${value instanceof Error ? describeError(value) : String(value)}`)
    .join(" ");
}
