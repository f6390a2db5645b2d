/**
 * What the hub does, whichever way it is served: the handlers of the devices' operations (twins, telemetry)
 * and the solution side's calls (commands, direct methods, desired-state patches), over a `HubStore` and
 * a transport's `IothubCalls`. `LocalHub` serves it embedded, `HubWorker` from a broker. Every event is
 * reported as one line.
 */
import type { ServerDeliveryResult } from "@mqttgen/runtime/server";
import type { TwinState } from "../../generated/iothub/payloads.js";
import type { DirectMethodsReply, IothubCalls, IothubHandlers } from "../../generated/iothub/server.js";
import type { QueuedCommand } from "./command-queue.js";
import { describeBytes, describeError } from "./describe.js";
import type { HubStore } from "./hub-store.js";
import { TelemetryLog, type TelemetryLogOptions } from "./telemetry-log.js";
import type { TwinStore } from "./twin-store.js";

export interface HubApplicationOptions {
  /** Telemetry messages kept (default 1000) and the per-device rate above which they are throttled. */
  readonly telemetry?: TelemetryLogOptions;
  /** Where event lines go; default nowhere. */
  readonly log?: (line: string) => void;
}

export interface CommandOptions {
  readonly contentType?: string;
  readonly messageId?: string;
  readonly correlationId?: string;
  readonly signal?: AbortSignal;
}

export abstract class HubApplication {
  readonly telemetry: TelemetryLog;
  protected readonly log: (line: string) => void;
  /** Event lines cost string building per message; skipped entirely when nobody reads them. */
  readonly #logging: boolean;

  protected constructor(
    readonly store: HubStore,
    options: HubApplicationOptions,
  ) {
    this.log = options.log ?? (() => {});
    this.#logging = options.log !== undefined;
    this.telemetry = new TelemetryLog(options.telemetry);
  }

  get twins(): TwinStore {
    return this.store.twins;
  }

  /** The transport's server→client calls. */
  protected abstract get calls(): IothubCalls;

  /**
   * The device just made a request: a transport that cannot tell when a device connects delivers the
   * device's waiting commands now. The embedded endpoint queues deliveries itself and does nothing here.
   */
  protected deviceSeen(_deviceId: string): void {}

  /**
   * Queues a command for the device (docs/protocol.md#receive-commands) and delivers it; resolves with the
   * final outcome. It stays in the store's queue until the device accepts or rejects it.
   */
  async sendCommand(deviceId: string, payload: string, options: CommandOptions = {}): Promise<ServerDeliveryResult> {
    const { signal, ...properties } = options;
    const command = await this.store.commands.enqueue(deviceId, { ...properties, payload });
    this.log(`command ${deviceId} #${command.sequenceNo} queued (${describeBytes(payload)})`);
    return this.deliver(deviceId, command, signal);
  }

  /** Delivers a queued command and settles it in the queue once the device accepted or rejected it. */
  protected async deliver(deviceId: string, command: QueuedCommand, signal?: AbortSignal): Promise<ServerDeliveryResult> {
    try {
      const result = await this.calls.deliverCommands(deviceId, command, signal === undefined ? {} : { signal });
      if (result.outcome !== "abandoned") await this.store.commands.settle(deviceId, command.sequenceNo);
      const ack = result.ack.status === undefined ? "" : ` (status ${result.ack.status})`;
      this.log(`command ${deviceId} #${command.sequenceNo} ${result.outcome} after ${result.attempts} attempt(s)${ack}`);
      return result;
    } catch (error) {
      this.log(`command ${deviceId} #${command.sequenceNo} failed: ${describeError(error)}`);
      throw error;
    }
  }

  /** Calls a direct method (docs/protocol.md#receive-direct-methods); rejects with the generated typed errors. */
  async invokeMethod(
    deviceId: string,
    name: string,
    payload: Uint8Array | string = "",
    timeoutMs?: number,
  ): Promise<DirectMethodsReply> {
    try {
      const response = await this.calls.callDirectMethods(
        deviceId,
        { name, payload },
        timeoutMs === undefined ? {} : { timeoutMs },
      );
      this.log(`method ${deviceId} ${name} → ${response.responseCode} ${describeBytes(response.payload)}`);
      return response;
    } catch (error) {
      this.log(`method ${deviceId} ${name} failed: ${describeError(error)}`);
      throw error;
    }
  }

  /**
   * Patches the device's desired state and pushes the patch with its version
   * (docs/protocol.md#receive-twin-desired-state-changes) when the device is connected and subscribed; the
   * twin keeps it either way.
   */
  async patchDesired(deviceId: string, patch: TwinState): Promise<{ version: bigint; sent: boolean }> {
    const version = await this.store.twins.patchDesired(deviceId, patch);
    const sent = this.calls.notifyTwinDesiredStateChanges(deviceId, { version, payload: patch });
    this.log(`desired ${deviceId} v${version} ${sent ? "sent" : "stored (device not subscribed)"}`);
    return { version, sent };
  }

  protected handlers(): IothubHandlers {
    return {
      getTwin: async (_request, context) => {
        this.log(`twin get ${context.clientId}`);
        const payload = await this.store.twins.get(context.clientId);
        this.deviceSeen(context.clientId);
        return { payload };
      },
      patchTwinReported: async (request, context) => {
        try {
          const version = await this.store.twins.patchReported(context.clientId, request.payload, request.ifVersion);
          this.log(`twin patch ${context.clientId} reported v${version}`);
          return { version };
        } catch (error) {
          this.log(`twin patch ${context.clientId} refused: ${describeError(error)}`);
          throw error;
        }
      },
      sendTelemetry: (message, context) => {
        try {
          this.telemetry.record(context.clientId, message);
        } catch (error) {
          this.log(`telemetry ${context.clientId} refused: ${describeError(error)}`);
          throw error;
        }
        if (!this.#logging) return;
        const names = Object.keys(message.applicationProperties);
        const properties = names.length === 0 ? "" : ` @${names.join(" @")}`;
        this.log(`telemetry ${context.clientId} ${describeBytes(message.payload)}${properties}`);
      },
    };
  }
}
