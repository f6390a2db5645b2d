/**
 * The hub as a gateway: devices connect to it and speak IoT Hub exactly as to the embedded hub (SAS,
 * `$iothub/…`, reason codes and `status`), but it holds no state: each operation goes over the broker to
 * the hub workers (./hub-worker.ts), and their calls reach the devices it holds.
 */
import type { MqttGateway } from "@mqttgen/runtime/server";
import type { BrokerConnectionOptions } from "@mqttgen/runtime/server";
import { createIothubGateway } from "../../generated/iothub/server.js";
import { deviceAuthenticator, eventLogger, type DeviceAuthenticationOptions } from "./local-hub.js";

export interface HubGatewayOptions extends DeviceAuthenticationOptions {
  readonly host?: string;
  readonly port?: number;
  readonly broker: BrokerConnectionOptions;
  readonly log?: (line: string) => void;
}

/** Starts a gateway: resolves once it is connected to the broker and listening for devices. */
export async function startHubGateway(options: HubGatewayOptions): Promise<MqttGateway> {
  const log = options.log ?? (() => {});
  const gateway = await createIothubGateway({
    broker: options.broker,
    authenticate: deviceAuthenticator(options, log),
    lenientConnect: options.allowAny === true,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 1883,
    logger: eventLogger(log),
  });
  const address = gateway.address();
  log(`gateway ${options.broker.clientId} listening on ${address.address}:${address.port}, forwarding to ${options.broker.url}`);
  return gateway;
}
