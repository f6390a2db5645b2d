/**
 * The hub as a worker: the same application as the embedded hub, serving the devices' operations from a
 * broker through a shared subscription (`createIothubWorker`), while gateways (./hub-gateway.ts) hold the
 * device connections. Several workers share one Redis store, so each sees the twins the others wrote.
 *
 * A worker cannot tell when a device connects to a gateway, and a command to a device that no gateway
 * holds fails at once (06A0) instead of waiting: the command stays queued, and whichever worker next serves
 * the device's Get Twin (which devices send on connecting) delivers it. Two workers may then both deliver
 * it (at least once, as IoT Hub's commands are); the device sees the same `sequence-no`.
 */
import { describeError } from "./describe.js";
import { HubApplication, type HubApplicationOptions } from "./hub-application.js";
import type { HubStore } from "./hub-store.js";
import { createIothubWorker, type IothubCalls, type IothubWorker, type IothubWorkerOptions } from "../../generated/iothub/server.js";
import { eventLogger } from "./local-hub.js";

export interface HubWorkerOptions extends HubApplicationOptions, Omit<IothubWorkerOptions, "handlers" | "logger"> {
  readonly store: HubStore;
}

export class HubWorker extends HubApplication {
  #worker: IothubWorker | undefined;

  private constructor(options: HubWorkerOptions) {
    super(options.store, options);
  }

  /** Creates the worker and starts it: resolves once it is subscribed and taking work. */
  static async start(options: HubWorkerOptions): Promise<HubWorker> {
    const { store: _store, telemetry: _telemetry, log: _log, ...workerOptions } = options;
    const hub = new HubWorker(options);
    hub.#worker = await createIothubWorker({
      duplicates: { store: options.store.deliveries },
      ...workerOptions,
      handlers: hub.handlers(),
      logger: eventLogger(hub.log),
    });
    hub.log(`worker ${options.broker.clientId} serving from ${options.broker.url}`);
    return hub;
  }

  protected get calls(): IothubCalls {
    if (this.#worker === undefined) throw new Error("the worker has not started");
    return this.#worker;
  }

  protected override deviceSeen(deviceId: string): void {
    void this.#deliverWaiting(deviceId);
  }

  async #deliverWaiting(deviceId: string): Promise<void> {
    try {
      for (const command of await this.store.commands.pending(deviceId)) {
        await this.deliver(deviceId, command).catch(() => undefined);
      }
    } catch (error) {
      this.log(`commands ${deviceId} not delivered: ${describeError(error)}`);
    }
  }

  /** Leaves the group without losing what the broker queued for it, then closes the store. */
  async stop(): Promise<void> {
    await this.#worker?.close();
    await this.store.close();
    this.log("stopped");
  }
}
