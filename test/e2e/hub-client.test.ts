/**
 * The generated device client (`IothubClient`) against the local hub, which runs on the generated
 * `server.ts`, over real sockets: all six seed operations and their alternative outcomes as the hub
 * produces them (docs/protocol.md#send-telemetry, #get-twin, #patch-twin-reported, #receive-commands, #receive-direct-methods, #receive-twin-desired-state-changes).
 */
import { describe, expect, it } from "vitest";
import { abandon, accept, reject, reply, type ReceiveCommandsMessage } from "../../generated/iothub/client.js";
import {
  BadRequestError,
  PreconditionFailedError,
  TargetTimeoutError,
  TargetUnavailableError,
  ThrottledError,
} from "../../generated/iothub/status.js";
import { connectDevice, createDevice, deviceKey, eventually, startHub } from "./support.js";

describe("generated client against the local hub", () => {
  it("gets the twin and patches reported state, with and without a matching if-version", async () => {
    const { hub, url, events } = await startHub();
    const client = await connectDevice(url, "dev1");

    const first = await client.getTwin();
    expect(first.payload).toEqual({ desired: { $version: 1 }, reported: { $version: 1 } });

    const patched = await client.patchTwinReported({ temperature: 21, nested: { a: 1 } });
    expect(patched.properties.version).toBe(2n);
    const guarded = await client.patchTwinReported({ nested: { a: null, b: 2 } }, { ifVersion: 2n });
    expect(guarded.properties.version).toBe(3n);
    const stale = client.patchTwinReported({ temperature: 99 }, { ifVersion: 2n });
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(stale).rejects.toMatchObject({ status: "0104", reasonCode: 0 });

    const twin = await client.getTwin();
    expect(twin.payload.reported).toEqual({ $version: 3, temperature: 21, nested: { b: 2 } });
    expect((await hub.twins.get("dev1")).reported.$version).toBe(3);
    expect(events).toContain("twin patch dev1 reported v3");
    expect(events.some((line) => line.startsWith("twin patch dev1 refused: status 0104"))).toBe(true);
  });

  it("refuses a reported patch that is not a JSON object with 0100 and the reason, changing nothing", async () => {
    const { hub, url, events } = await startHub();
    const client = await connectDevice(url, "dev1");
    const notObjects = [
      ["[1,2]", "an array"],
      ["42", "a number"],
      ['"on"', "a string"],
      ["true", "a boolean"],
      ["null", "null"],
    ];
    for (const [json, kind] of notObjects) {
      // Below the generated method, whose TwinState parameter would not take these.
      const refused = client.device.request("patch-twin-reported", { payload: json });
      await expect(refused).rejects.toBeInstanceOf(BadRequestError);
      await expect(refused).rejects.toMatchObject({
        status: "0100",
        reason: `a reported patch must be a JSON object, not ${kind}`,
      });
    }
    expect((await hub.twins.get("dev1")).reported).toEqual({ $version: 1 });
    expect(events.filter((line) => line.startsWith("twin patch dev1 refused: status 0100"))).toHaveLength(5);
    expect((await client.patchTwinReported({ fan: "on" })).properties.version).toBe(2n);
  });

  it("acknowledges telemetry with its properties, and throttles past the rate with 151 / 0501", async () => {
    const { hub, url, events } = await startHub({ telemetry: { perSecond: 2 } });
    const client = await connectDevice(url, "dev1");
    const creationTime = new Date(1_600_987_195_320);

    const sent = await client.sendTelemetry('{"t":21}', {
      contentType: "application/json",
      messageId: "m1",
      creationTime,
      applicationProperties: { room: "kitchen" },
    });
    expect(sent.notModified).toBe(false);
    await client.sendTelemetry("second");
    const refused = client.sendTelemetry("third");
    await expect(refused).rejects.toBeInstanceOf(ThrottledError);
    await expect(refused).rejects.toMatchObject({ status: "0501", reasonCode: 151 });

    const [entry] = hub.telemetry.entries();
    expect(entry?.deviceId).toBe("dev1");
    expect(entry?.message).toMatchObject({
      contentType: "application/json",
      messageId: "m1",
      creationTime,
      applicationProperties: { room: "kitchen" },
    });
    expect(entry?.message.payload.toString()).toBe('{"t":21}');
    expect(hub.telemetry.entries()).toHaveLength(2);
    expect(events).toContain('telemetry dev1 {"t":21} @room');
  });

  it("delivers commands: accepted, abandoned then redelivered with delivery-count 2, rejected", async () => {
    const { hub, url } = await startHub({ redeliveryDelayMs: 20 });
    const client = await connectDevice(url, "dev1");
    const seen: ReceiveCommandsMessage[] = [];
    client.onCommands((message) => {
      seen.push(message);
      const text = message.payload.toString();
      if (text === "reject me") return reject("not for me");
      if (text === "abandon once" && message.properties.deliveryCount === 1) return abandon();
      return accept();
    });

    const accepted = await hub.sendCommand("dev1", "hello", { messageId: "c1", contentType: "text/plain" });
    expect(accepted).toMatchObject({ outcome: "accepted", attempts: 1 });
    expect(seen[0]?.properties).toMatchObject({
      sequenceNo: 1n,
      deliveryCount: 1,
      messageId: "c1",
      contentType: "text/plain",
    });
    expect(seen[0]?.properties.enqueuedTime).toBeInstanceOf(Date);

    const redelivered = await hub.sendCommand("dev1", "abandon once");
    expect(redelivered).toMatchObject({ outcome: "accepted", attempts: 2 });
    const counts = seen.filter((m) => m.payload.toString() === "abandon once").map((m) => m.properties.deliveryCount);
    expect(counts).toEqual([1, 2]);

    const rejected = await hub.sendCommand("dev1", "reject me");
    expect(rejected).toMatchObject({ outcome: "rejected", attempts: 1, ack: { reasonCode: 131, status: "0100" } });
  });

  // A command queued for an offline device goes out in the same write as the CONNACK (session kept) or the
  // SUBACK (no session yet): before connect() resolves, so only a handler registered before it sees it.
  const offlineDevices = [
    { path: "reconnects with its session: right behind CONNACK", hadSession: true },
    { path: "connects for the first time: right behind SUBACK", hadSession: false },
  ];

  it.each(offlineDevices)(
    "hands a queued command to the handler registered before connect() ($path)",
    async ({ hadSession }) => {
      const { hub, url, events } = await startHub({ redeliveryDelayMs: 20 });
      // Clean Start 0 with a session that never expires: the hub keeps the subscriptions while offline.
      if (hadSession) await (await connectDevice(url, "dev2")).close();
      const queued = hub.sendCommand("dev2", "while you were away", { messageId: "c-offline" });

      const client = createDevice(url, "dev2");
      const received: ReceiveCommandsMessage[] = [];
      client.onCommands((message) => {
        received.push(message);
        return accept();
      });
      const connected = new Promise((resolve) => client.device.once("connect", resolve));
      await client.connect();

      expect(await connected).toEqual({ sessionPresent: hadSession });
      await expect(queued).resolves.toMatchObject({ outcome: "accepted", attempts: 1, ack: { reasonCode: 0 } });
      expect(received.map((m) => [m.payload.toString(), m.properties.messageId, m.properties.deliveryCount])).toEqual([
        ["while you were away", "c-offline", 1],
      ]);
      expect(events).toContain("command dev2 #1 accepted after 1 attempt(s)");
    },
  );

  it.each(offlineDevices)(
    "abandons a queued command that arrives before its handler, then redelivers it ($path)",
    async ({ hadSession }) => {
      const { hub, url, events } = await startHub({ redeliveryDelayMs: 20 });
      if (hadSession) await (await connectDevice(url, "dev2")).close();
      const queued = hub.sendCommand("dev2", "too early");
      // Registered only once connect() resolved: the first delivery found no handler.
      const client = await connectDevice(url, "dev2");
      const counts: number[] = [];
      client.onCommands((message) => {
        counts.push(message.properties.deliveryCount);
      });
      await expect(queued).resolves.toMatchObject({ outcome: "accepted", attempts: 2 });
      expect(counts).toEqual([2]);
      expect(events).toContain("command dev2 #1 accepted after 2 attempt(s)");
    },
  );

  it("calls direct methods: answered, timed out (06A1), device unavailable (06A0)", async () => {
    const { hub, url, events } = await startHub();
    const client = await connectDevice(url, "dev1");
    client.onDirectMethods(async (message) => {
      if (message.parameters.name === "sleep") return new Promise(() => {});
      return reply(
        { responseCode: 200 },
        JSON.stringify({ echo: message.payload.toString(), name: message.parameters.name }),
      );
    });

    const answered = await hub.invokeMethod("dev1", "reboot", '{"delay":1}');
    expect(answered.responseCode).toBe(200);
    expect(JSON.parse(answered.payload.toString())).toEqual({ echo: '{"delay":1}', name: "reboot" });

    const timedOut = hub.invokeMethod("dev1", "sleep", "", 100);
    await expect(timedOut).rejects.toBeInstanceOf(TargetTimeoutError);
    await expect(timedOut).rejects.toMatchObject({ status: "06A1" });

    const unavailable = hub.invokeMethod("nobody", "reboot");
    await expect(unavailable).rejects.toBeInstanceOf(TargetUnavailableError);
    await expect(unavailable).rejects.toMatchObject({ status: "06A0" });
    expect(events.some((line) => line.startsWith("method dev1 reboot → 200"))).toBe(true);
    expect(events.some((line) => line.startsWith("method nobody reboot failed: status 06A0"))).toBe(true);
  });

  it("pushes desired-state patches with their version, and keeps them in the twin", async () => {
    const { hub, url } = await startHub();
    const client = await connectDevice(url, "dev1");
    const patches: { version: bigint; payload: unknown }[] = [];
    client.onTwinDesiredStateChanges((message) => {
      patches.push({ version: message.properties.version, payload: message.payload });
    });

    expect(await hub.patchDesired("dev1", { fan: true })).toEqual({ version: 2n, sent: true });
    expect(await hub.patchDesired("dev1", { fan: null, speed: 3 })).toEqual({ version: 3n, sent: true });
    await eventually(() => (patches.length === 2 ? true : undefined));
    expect(patches).toEqual([
      { version: 2n, payload: { fan: true } },
      { version: 3n, payload: { fan: null, speed: 3 } },
    ]);
    const twin = await client.getTwin();
    expect(twin.payload.desired).toEqual({ $version: 3, speed: 3 });
    expect(await hub.patchDesired("offline", { a: 1 })).toEqual({ version: 2n, sent: false });
  });

  it("refuses a device whose SAS is signed with the wrong key", async () => {
    const { url, events } = await startHub();
    const refused = createDevice(url, "dev1", { credentials: { method: "SAS", key: deviceKey("dev2") } }).connect();
    await expect(refused).rejects.toMatchObject({ reasonCode: 135, status: "0101" });
    expect(events).toContain("connect dev1 refused");
  });
});
