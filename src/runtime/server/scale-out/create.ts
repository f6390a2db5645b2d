/**
 * The entry points a generated `create…Worker` / `create…Gateway` wraps: a worker serves the API's
 * handlers from a broker, either where devices are the broker's own clients (`through: "broker"`, the
 * API's topics, identity from their client-id level under the broker's ACL) or behind gateways
 * (`through: "gateways"`, the internal topics). An API that cannot be served on its own topics through a
 * broker is served through gateways unless told otherwise.
 */
import { ApiIndex } from "../../api-index.js";
import { brokerServingProblems, MqttBrokerServer } from "../broker-server.js";
import type { WorkerOptions } from "../worker.js";
import { MqttGateway, type GatewayOptions } from "./gateway.js";
import { MqttGatewayWorker, type GatewayWorkerOptions } from "./gateway-worker.js";

export interface CreateWorkerOptions extends GatewayWorkerOptions {
  /**
   * Where devices connect: `broker`, the API's own topics on the broker; `gateways`, `MqttGateway`s that
   * forward to workers on internal topics. Default: `broker` when the API's topics allow it (each names
   * its client, no shared reply topic, and for a group none starts with `$`), `gateways` otherwise.
   */
  readonly through?: "broker" | "gateways";
}

export type Worker = MqttBrokerServer | MqttGatewayWorker;

/** Where a worker of these options serves. */
export function workerRoute(options: Pick<CreateWorkerOptions, "api" | "group" | "through">): "broker" | "gateways" {
  if (options.through !== undefined) return options.through;
  const problems = brokerServingProblems(new ApiIndex(options.api), options.group !== undefined);
  return problems.length === 0 ? "broker" : "gateways";
}

/** Creates a worker and starts it: resolves once it is subscribed and taking work. */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { through: _through, deliveryTimeoutMs, ...common } = options;
  const worker: Worker =
    workerRoute(options) === "broker"
      ? new MqttBrokerServer(common satisfies WorkerOptions)
      : new MqttGatewayWorker({ ...common, ...(deliveryTimeoutMs !== undefined && { deliveryTimeoutMs }) });
  await worker.start();
  return worker;
}

/** Creates a gateway, connects it to the broker and listens for devices (read the port from `address()`). */
export async function createGateway(options: GatewayOptions): Promise<MqttGateway> {
  const gateway = new MqttGateway(options);
  await gateway.start();
  return gateway;
}
