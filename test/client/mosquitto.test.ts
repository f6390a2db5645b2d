/**
 * End to end through a real broker: the generated `IothubClient` connects to Mosquitto, and a small
 * responder written with plain MQTT.js plays the hub's part (docs/protocol.md#interactions, #direct-method-replies, #command-acknowledgments): it answers get twin
 * and patch reported on `$iothub/responses` with the Correlation Data echoed (one patch fails with 0104),
 * receives telemetry at QoS 1, and sends a command, a method call and a desired-state patch.
 */
import mqtt, { type MqttClient } from "mqtt";
import type { IPublishPacket } from "mqtt-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IothubClient,
  abandon,
  accept,
  reply,
  type ReceiveCommandsMessage,
  type ReceiveTwinDesiredStateChangesMessage,
} from "../../generated/iothub/client.js";
import { PreconditionFailedError } from "../../generated/iothub/status.js";
import { mosquittoSkipReason, startMosquitto, type Mosquitto } from "../support/mosquitto.js";

const skipReason = mosquittoSkipReason();
const RESPONSES = "$iothub/responses";

interface Received {
  readonly topic: string;
  readonly packet: IPublishPacket;
}

/** The hub's side: answers requests, records what the device publishes, sends server→client messages. */
class Responder {
  readonly received: Received[] = [];
  #patches = 0;
  readonly #waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];

  constructor(readonly mqtt: MqttClient) {
    mqtt.on("message", (topic, _payload, packet) => this.#onMessage({ topic, packet }));
  }

  static async start(url: string): Promise<Responder> {
    const client = await mqtt.connectAsync(url, { protocolVersion: 5, clientId: "hub", reconnectPeriod: 0 });
    const responder = new Responder(client);
    await client.subscribeAsync({
      "$iothub/twin/get": { qos: 0 },
      "$iothub/twin/patch/reported": { qos: 0 },
      "$iothub/telemetry": { qos: 1 },
      [RESPONSES]: { qos: 0 },
    });
    return responder;
  }

  /** The next recorded message that matches, waiting for it if need be. */
  next(match: (r: Received) => boolean): Promise<Received> {
    const found = this.received.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  #onMessage(received: Received): void {
    this.received.push(received);
    for (const waiter of this.#waiters.filter((w) => w.match(received))) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(received);
    }
    const correlationData = received.packet.properties?.correlationData;
    if (received.topic === "$iothub/twin/get" && correlationData !== undefined) {
      const twin = { desired: { $version: 4, fan: "on" }, reported: { $version: 6 } };
      this.#respond(correlationData, JSON.stringify(twin));
    }
    if (received.topic === "$iothub/twin/patch/reported" && correlationData !== undefined) {
      this.#patches += 1;
      // The first patch fails with 0104 Precondition Failed, the next succeeds with the new version.
      if (this.#patches === 1) this.#respond(correlationData, "", { status: "0104", reason: "version mismatch" });
      else this.#respond(correlationData, "", { version: "7" });
    }
  }

  /** A success has no `status` (E24); a response without user properties carries none at all. */
  #respond(correlationData: Buffer, payload: string, userProperties?: Record<string, string>): void {
    const properties = userProperties === undefined ? { correlationData } : { correlationData, userProperties };
    this.mqtt.publish(RESPONSES, payload, { qos: 0, properties });
  }
}

describe.skipIf(skipReason !== undefined)("IothubClient through Mosquitto", () => {
  let broker: Mosquitto;
  let responder: Responder;
  let client: IothubClient;

  beforeAll(async () => {
    broker = await startMosquitto();
    responder = await Responder.start(broker.url);
    client = new IothubClient({
      host: "localhost",
      clientId: "dev1",
      credentials: { method: "none" },
      url: broker.url,
      subscribeToResponses: true,
      reconnectPeriodMs: 50,
      requestTimeoutMs: 5000,
    });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await responder?.mqtt.endAsync();
    await broker?.stop();
  });

  it("gets the twin: Correlation Data echoed, the payload parsed, the bytes kept", async () => {
    const twin = await client.getTwin();
    expect(twin.payload.desired.fan).toBe("on");
    expect(twin.payload.reported.$version).toBe(6);
    expect(JSON.parse(twin.raw.toString())).toEqual({ desired: { $version: 4, fan: "on" }, reported: { $version: 6 } });
    expect(twin.notModified).toBe(false);
  });

  it("patches reported state: a failing status is a typed error, then the new version as a bigint", async () => {
    const failure = await client.patchTwinReported({ temperature: 21 }, { ifVersion: 6n }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PreconditionFailedError);
    expect(failure).toMatchObject({ status: "0104", reason: "version mismatch", reasonCode: 0 });

    const patched = await client.patchTwinReported({ temperature: 22 }, { ifVersion: 6n });
    expect(patched.properties.version).toBe(7n);
    const requests = responder.received.filter((r) => r.topic === "$iothub/twin/patch/reported");
    expect(requests).toHaveLength(2);
    expect(requests[1]?.packet.properties?.userProperties).toEqual({ "if-version": "6" });
    expect(JSON.parse(requests[1]?.packet.payload.toString() ?? "")).toEqual({ temperature: 22 });
  });

  it("sends telemetry at QoS 1 with its typed and application properties", async () => {
    const created = new Date(1_700_000_000_000);
    const result = await client.sendTelemetry('{"t":21.5}', {
      contentType: "application/json",
      messageId: "m-1",
      creationTime: created,
      applicationProperties: { room: "kitchen" },
    });
    expect(result.notModified).toBe(false);
    const { packet } = await responder.next((r) => r.topic === "$iothub/telemetry");
    expect(packet.qos).toBe(1);
    expect(packet.payload.toString()).toBe('{"t":21.5}');
    expect(packet.properties?.contentType).toBe("application/json");
    expect(packet.properties?.userProperties).toEqual({
      "message-id": "m-1",
      "creation-time": "1700000000000",
      "@room": "kitchen",
    });
  });

  it("hands a command to onCommands with typed properties (the PUBACK goes to the broker, not the responder)", async () => {
    const commands: ReceiveCommandsMessage[] = [];
    const handled = new Promise<void>((resolve) =>
      client.onCommands((command) => {
        commands.push(command);
        resolve();
        return command.properties.deliveryCount > 5 ? abandon() : accept();
      }),
    );
    await responder.mqtt.publishAsync("$iothub/commands", "reboot now", {
      qos: 1,
      properties: {
        userProperties: {
          "sequence-no": "18446744073709551615",
          "enqueued-time": "1700000000000",
          "delivery-count": "1",
        },
      },
    });
    await handled;
    expect(commands[0]?.properties).toEqual({
      sequenceNo: 18446744073709551615n,
      enqueuedTime: new Date(1_700_000_000_000),
      deliveryCount: 1,
    });
    expect(commands[0]?.payload.toString()).toBe("reboot now");
  });

  it("answers a direct method by name with response-code and payload, echoing Correlation Data", async () => {
    client.onDirectMethods((call) =>
      call.parameters.name === "reboot"
        ? reply({ responseCode: 200 }, `rebooting: ${call.payload.toString()}`)
        : reply({ responseCode: 404 }),
    );
    const correlationData = Buffer.from([1, 2, 3, 4]);
    const answer = responder.next(
      (r) => r.topic === RESPONSES && r.packet.properties?.correlationData?.equals(correlationData) === true,
    );
    await responder.mqtt.publishAsync("$iothub/methods/reboot", "in 5 s", { qos: 0, properties: { correlationData } });
    const { packet } = await answer;
    expect(packet.properties?.userProperties).toEqual({ "response-code": "200" });
    expect(packet.payload.toString()).toBe("rebooting: in 5 s");
  });

  it("parses desired-state patches with their version", async () => {
    const changes: ReceiveTwinDesiredStateChangesMessage[] = [];
    const handled = new Promise<void>((resolve) =>
      client.onTwinDesiredStateChanges((change) => {
        changes.push(change);
        resolve();
      }),
    );
    await responder.mqtt.publishAsync("$iothub/twin/patch/desired", '{"fan":"off","speed":null}', {
      qos: 0,
      properties: { userProperties: { version: "5" } },
    });
    await handled;
    expect(changes[0]?.properties.version).toBe(5n);
    expect(changes[0]?.payload).toEqual({ fan: "off", speed: null });
    expect(changes[0]?.raw.toString()).toBe('{"fan":"off","speed":null}');
  });
});
