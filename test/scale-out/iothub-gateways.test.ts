/**
 * The seed's generated IoT Hub client, unchanged, against two gateways and two workers on a real Mosquitto
 * configured from the table (`through: "gateways"`): the gateways speak IoT Hub to the devices (SAS,
 * `$iothub/…`, reason codes and `status`), the workers hold the state and run the handlers. All six
 * operations, a direct method and a command from a worker to a device on the other gateway, a telemetry
 * PUBACK carrying a worker's failure verdict (151 + `0501`), and a device moving between gateways.
 */
import { describe, expect, it } from "vitest";
import { accept, reply, type IothubClient } from "../../generated/iothub/client.js";
import { ThrottledError } from "../../generated/iothub/status.js";
import {
  createGateway,
  createSasAuthenticator,
  createWorker,
  MemoryDeliveryStore,
  StatusError,
  type MqttGateway,
  type ServerHandler,
  type Worker,
} from "../../src/runtime/index.js";
import { iothubApi } from "../../generated/iothub/api.js";
import { mosquittoWithUsersSkipReason } from "../support/mosquitto.js";
import { DEVICE_KEYS, connectDevice } from "../e2e/support.js";
import { quietLogger } from "../runtime-dialects/support.js";
import { onCleanup, startBroker, PROCESS_TEST_TIMEOUT } from "./support.js";

const USERS = { "hub-gateway": "gw-pw", "hub-worker": "wk-pw" };

interface Twin {
  desired: Record<string, unknown> & { $version: number };
  reported: Record<string, unknown> & { $version: number };
}

/** What the two workers share: in one test process, one map (across processes it would be Redis). */
class HubState {
  readonly twins = new Map<string, Twin>();
  readonly served: string[] = [];
  readonly telemetry: string[] = [];

  twin(deviceId: string): Twin {
    let twin = this.twins.get(deviceId);
    if (twin === undefined) {
      twin = { desired: { $version: 1 }, reported: { $version: 1 } };
      this.twins.set(deviceId, twin);
    }
    return twin;
  }

  handlers(workerId: string): Record<string, ServerHandler> {
    return {
      "get-twin": (_message, context) => {
        this.served.push(`${workerId} get-twin ${context.clientId}`);
        return { payload: JSON.stringify(this.twin(context.clientId)) };
      },
      "patch-twin-reported": (message, context) => {
        this.served.push(`${workerId} patch-twin-reported ${context.clientId}`);
        const twin = this.twin(context.clientId);
        const patch = JSON.parse(message.payload.toString()) as Record<string, unknown>;
        twin.reported = { ...twin.reported, ...patch, $version: twin.reported.$version + 1 };
        return { userProperties: { version: String(twin.reported.$version) } };
      },
      "send-telemetry": (message, context) => {
        this.served.push(`${workerId} send-telemetry ${context.clientId}`);
        if (message.payload.toString() === "too much") {
          throw new StatusError({ reasonCode: 151, status: "0501", reason: "over the device's quota" });
        }
        this.telemetry.push(`${context.clientId} ${message.payload.toString()}`);
      },
    };
  }
}

async function setUp() {
  const broker = await startBroker(iothubApi, USERS, {
    through: "gateways",
    workerUser: "hub-worker",
    gatewayUser: "hub-gateway",
  });
  const state = new HubState();
  const workers: Worker[] = [];
  for (const id of ["worker-1", "worker-2"]) {
    const worker = await createWorker({
      api: iothubApi,
      handlers: state.handlers(id),
      broker: { url: broker.url, clientId: id, username: "hub-worker", password: USERS["hub-worker"] },
      group: "hub",
      duplicates: { store: new MemoryDeliveryStore() },
      logger: quietLogger,
    });
    onCleanup(() => worker.close());
    workers.push(worker);
  }
  const gateways: MqttGateway[] = [];
  for (const id of ["gateway-1", "gateway-2"]) {
    const gateway = await createGateway({
      api: iothubApi,
      broker: { url: broker.url, clientId: id, username: "hub-gateway", password: USERS["hub-gateway"] },
      authenticate: createSasAuthenticator({ deviceKeys: DEVICE_KEYS }),
      port: 0,
      logger: quietLogger,
    });
    onCleanup(() => gateway.close());
    gateways.push(gateway);
  }
  const url = (gateway: MqttGateway) => `mqtt://127.0.0.1:${gateway.address().port}`;
  return { state, workers, gateways, url };
}

/** The device's calls reach it once its gateway's subscription for it is granted. */
async function heldBy(gateway: MqttGateway, deviceId: string): Promise<void> {
  await expect.poll(() => gateway.holds(deviceId)).toBe(true);
}

describe.skipIf(mosquittoWithUsersSkipReason() !== undefined)("IoT Hub through two gateways and two workers", () => {
  it("serves all six operations, calls across gateways, and relays a worker's failure verdict", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const { state, workers, gateways, url } = await setUp();
    const [worker1, worker2] = workers as [Worker, Worker];
    const [gateway1, gateway2] = gateways as [MqttGateway, MqttGateway];
    const commands: string[] = [];
    const patches: string[] = [];
    const dev1 = await connectDevice(url(gateway1), "dev1");
    dev1.onCommands((message) => {
      commands.push(`dev1 ${message.payload.toString()} ${message.properties.sequenceNo}`);
      return accept();
    });
    const dev2: IothubClient = await connectDevice(url(gateway2), "dev2");
    dev2.onDirectMethods((call) =>
      reply({ responseCode: 200 }, `dev2 ran ${call.parameters.name} ${call.payload.toString()}`),
    );
    dev2.onTwinDesiredStateChanges(
      (message) => void patches.push(`dev2 v${message.properties.version} ${JSON.stringify(message.payload)}`),
    );
    await heldBy(gateway1, "dev1");
    await heldBy(gateway2, "dev2");

    // Client→server, through either gateway, to whichever worker the broker picks; the state is shared.
    expect((await dev1.getTwin()).payload).toEqual({ desired: { $version: 1 }, reported: { $version: 1 } });
    expect((await dev1.patchTwinReported({ fan: "on" })).properties.version).toBe(2n);
    expect((await dev1.getTwin()).payload.reported).toEqual({ $version: 2, fan: "on" });
    expect((await dev2.patchTwinReported({ door: "shut" })).properties.version).toBe(2n);
    const sent = await dev1.sendTelemetry('{"t":21}', { contentType: "application/json" });
    expect(sent.notModified).toBe(false);
    const refused = dev2.sendTelemetry("too much");
    await expect(refused).rejects.toBeInstanceOf(ThrottledError);
    await expect(refused).rejects.toMatchObject({ reasonCode: 151, status: "0501", reason: "over the device's quota" });
    expect(state.telemetry).toEqual(['dev1 {"t":21}']);
    const servedBy = new Set(state.served.map((line) => line.split(" ")[0]));
    expect(servedBy).toEqual(new Set(["worker-1", "worker-2"]));

    // Server→client from each worker to the device on the other gateway.
    const method = await worker1.request(
      "dev2",
      "receive-direct-methods",
      { payload: "now" },
      { parameters: { name: "reboot" } },
    );
    expect(method.payload.toString()).toBe("dev2 ran reboot now");
    expect(method.userProperties).toEqual({ "response-code": "200" });
    const command = await worker2.deliver("dev1", "receive-commands", {
      userProperties: { "sequence-no": "7", "enqueued-time": String(Date.now()), "delivery-count": "1" },
      payload: "open",
    });
    expect(command).toMatchObject({ outcome: "accepted", attempts: 1, ack: { reasonCode: 0 } });
    expect(commands).toEqual(["dev1 open 7"]);
    expect(
      worker1.notify("dev2", "receive-twin-desired-state-changes", {
        userProperties: { version: "3" },
        payload: '{"fan":"off"}',
      }),
    ).toBe(true);
    await expect.poll(() => patches).toEqual(['dev2 v3 {"fan":"off"}']);

    // A device no gateway holds is the API's target-unavailable (06A0).
    const nobody = worker2.request("dev9", "receive-direct-methods", {}, { parameters: { name: "reboot" } });
    await expect(nobody).rejects.toMatchObject({ status: "06A0" });
  });

  it("follows a device that moves to the other gateway: the first closes its connection, calls reach the second", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const { workers, gateways, url } = await setUp();
    const [gateway1, gateway2] = gateways as [MqttGateway, MqttGateway];
    const commands: string[] = [];
    const first = await connectDevice(url(gateway1), "dev1");
    first.onCommands(() => {
      commands.push("first");
      return accept();
    });
    await heldBy(gateway1, "dev1");
    const second = await connectDevice(url(gateway2), "dev1");
    second.onCommands(() => {
      commands.push("second");
      return accept();
    });
    await heldBy(gateway2, "dev1");
    await expect.poll(() => gateway1.holds("dev1")).toBe(false);
    expect(gateway1.endpoint.isConnected("dev1")).toBe(false);
    const command = await (workers[0] as Worker).deliver("dev1", "receive-commands", {
      userProperties: { "sequence-no": "1", "enqueued-time": String(Date.now()), "delivery-count": "1" },
      payload: "after the move",
    });
    expect(command.outcome).toBe("accepted");
    expect(commands).toEqual(["second"]);
    await second.close();
    await expect.poll(() => gateway2.holds("dev1")).toBe(false);
    const gone = (workers[1] as Worker).deliver("dev1", "receive-commands", {
      userProperties: { "sequence-no": "2", "enqueued-time": String(Date.now()), "delivery-count": "1" },
      payload: "nobody holds it",
    });
    await expect(gone).rejects.toBeInstanceOf(StatusError);
    await expect(gone).rejects.toMatchObject({ status: "06A0" });
  });

  it("answers for workers that are not there: 0603 when none subscribes, 0602 when none answers in time", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const broker = await startBroker(iothubApi, USERS, {
      through: "gateways",
      workerUser: "hub-worker",
      gatewayUser: "hub-gateway",
    });
    const gateway = await createGateway({
      api: iothubApi,
      broker: { url: broker.url, clientId: "gateway-1", username: "hub-gateway", password: USERS["hub-gateway"] },
      authenticate: createSasAuthenticator({ deviceKeys: DEVICE_KEYS }),
      port: 0,
      forwardTimeoutMs: 300,
      logger: quietLogger,
    });
    onCleanup(() => gateway.close());
    const dev1 = await connectDevice(`mqtt://127.0.0.1:${gateway.address().port}`, "dev1");
    // QoS 1: the broker says at once that no worker subscribes.
    const telemetry = dev1.sendTelemetry("anyone?");
    await expect(telemetry).rejects.toMatchObject({ reasonCode: 131, status: "0603" });
    // QoS 0: nothing says so; the forward times out.
    await expect(dev1.getTwin()).rejects.toMatchObject({ status: "0602" });
  });
});
