import type { IPublishPacket } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { StatusError, type ServerDeliveryResult } from "../../src/runtime/index.js";
import type { RawClient } from "../support/raw-client.js";
import { connected, sasConnect, startEndpoint, subscribe } from "./fixture.js";

const command = (sequence: string) => ({
  userProperties: { "sequence-no": sequence, "enqueued-time": "1600987195320", "delivery-count": "1" },
  payload: `cmd-${sequence}`,
});

const ack = (client: RawClient, packet: IPublishPacket, reasonCode = 0, status?: string) =>
  client.send({
    cmd: "puback",
    messageId: packet.messageId as number,
    reasonCode,
    ...(status !== undefined && { properties: { userProperties: { status } } }),
  });

describe("deliver: server→client message-ack (docs/protocol.md#command-acknowledgments, #receive-commands)", () => {
  it("sends at QoS 1 with the properties and resolves accepted on PUBACK 0", async () => {
    const { port, endpoint } = await startEndpoint();
    const { client } = await connected(port);
    await subscribe(client, [["$iothub/commands", 1]]);
    const result = endpoint.deliver("dev1", "receive-commands", { ...command("1"), contentType: "text/plain" });
    const publish = await client.next("publish");
    expect(publish).toMatchObject({ topic: "$iothub/commands", qos: 1, dup: false });
    expect(publish.payload.toString()).toBe("cmd-1");
    expect(publish.properties?.userProperties).toEqual(command("1").userProperties);
    expect(publish.properties?.contentType).toBe("text/plain");
    ack(client, publish);
    expect(await result).toEqual({ outcome: "accepted", attempts: 1, ack: { reasonCode: 0, userProperties: {} } });
  });

  it("redelivers after an abandon (131 + 0603) through prepareRedelivery, then settles", async () => {
    const { port, endpoint } = await startEndpoint({ redelivery: { delayMs: 20, maxAttempts: 3 } });
    const { client } = await connected(port);
    await subscribe(client, [["$iothub/commands", 1]]);
    const result = endpoint.deliver("dev1", "receive-commands", command("5"), {
      prepareRedelivery: (previous, attempt) => ({
        ...previous,
        userProperties: { ...previous.userProperties, "delivery-count": String(attempt) },
      }),
    });
    const first = await client.next("publish");
    ack(client, first, 131, "0603");
    const second = await client.next("publish");
    expect(second.properties?.userProperties?.["delivery-count"]).toBe("2");
    ack(client, second, 131, "0603");
    const third = await client.next("publish");
    expect(third.properties?.userProperties?.["delivery-count"]).toBe("3");
    ack(client, third);
    expect((await result).outcome).toBe("accepted");
    expect((await result).attempts).toBe(3);
  });

  it("resolves abandoned once the attempts are used up, and rejected on 131 + 0100", async () => {
    const { port, endpoint } = await startEndpoint({ redelivery: { delayMs: 10, maxAttempts: 1 } });
    const { client } = await connected(port);
    await subscribe(client, [["$iothub/commands", 1]]);
    const abandoned = endpoint.deliver("dev1", "receive-commands", command("1"));
    ack(client, await client.next("publish"), 131, "0603");
    expect(await abandoned).toMatchObject({
      outcome: "abandoned",
      attempts: 1,
      ack: { reasonCode: 131, status: "0603" },
    });
    const rejected = endpoint.deliver("dev1", "receive-commands", command("2"));
    ack(client, await client.next("publish"), 131, "0100");
    expect(await rejected).toMatchObject({
      outcome: "rejected",
      attempts: 1,
      ack: { reasonCode: 131, status: "0100" },
    });
    expect(await client.nothing("publish", 100)).toBe(true);
  });

  it("queues commands while the device is offline or unsubscribed and delivers them in order on SUBSCRIBE", async () => {
    const { port, endpoint } = await startEndpoint();
    const results: Promise<ServerDeliveryResult>[] = [endpoint.deliver("dev1", "receive-commands", command("1"))];
    const { client } = await connected(port);
    results.push(endpoint.deliver("dev1", "receive-commands", command("2")));
    expect(await client.nothing("publish", 100)).toBe(true);
    await subscribe(client, [["$iothub/commands", 1]]);
    const first = await client.next("publish");
    const second = await client.next("publish");
    expect([first.payload.toString(), second.payload.toString()]).toEqual(["cmd-1", "cmd-2"]);
    ack(client, first);
    ack(client, second);
    expect((await Promise.all(results)).map((result) => result.outcome)).toEqual(["accepted", "accepted"]);
  });

  it("respects the client's Receive Maximum and resends unacknowledged commands with DUP after a reconnect", async () => {
    const { port, endpoint } = await startEndpoint();
    const keep = { properties: { ...sasConnect().properties, receiveMaximum: 1, sessionExpiryInterval: 600 } };
    const first = await connected(port, "dev1", keep);
    await subscribe(first.client, [["$iothub/commands", 1]]);
    const one = endpoint.deliver("dev1", "receive-commands", command("1"));
    const two = endpoint.deliver("dev1", "receive-commands", command("2"));
    const sent = await first.client.next("publish");
    expect(sent.payload.toString()).toBe("cmd-1");
    expect(await first.client.nothing("publish", 100)).toBe(true);
    await first.client.close();

    const second = await connected(port, "dev1", keep);
    expect(second.connack.sessionPresent).toBe(true);
    const resent = await second.client.next("publish");
    expect(resent).toMatchObject({ dup: true, qos: 1 });
    expect(resent.payload.toString()).toBe("cmd-1");
    ack(second.client, resent);
    const next = await second.client.next("publish");
    expect(next.payload.toString()).toBe("cmd-2");
    ack(second.client, next);
    expect((await one).outcome).toBe("accepted");
    expect((await two).outcome).toBe("accepted");
  });

  it("withdraws a queued delivery when its signal aborts", async () => {
    const { endpoint } = await startEndpoint();
    const controller = new AbortController();
    const pending = endpoint.deliver("dev1", "receive-commands", command("1"), { signal: controller.signal });
    controller.abort(new Error("expired"));
    await expect(pending).rejects.toThrow("expired");
  });
});

describe("request: server→client request-response (docs/protocol.md#direct-method-replies, #receive-direct-methods)", () => {
  it("publishes on the concrete topic with Correlation Data and resolves with the client's response", async () => {
    const { port, endpoint } = await startEndpoint();
    const { client } = await connected(port);
    await subscribe(client, [["$iothub/methods/+", 0]]);
    const call = endpoint.request(
      "dev1",
      "receive-direct-methods",
      { payload: '{"delay":1}' },
      { parameters: { name: "reboot" } },
    );
    const request = await client.next("publish");
    expect(request).toMatchObject({ topic: "$iothub/methods/reboot", qos: 0 });
    const correlationData = request.properties?.correlationData as Buffer;
    expect(correlationData.length).toBeGreaterThan(0);
    expect(correlationData.length).toBeLessThanOrEqual(16);
    // An unknown correlation is dropped, the matching one answers.
    for (const data of [Buffer.from("other"), correlationData]) {
      client.send({
        cmd: "publish",
        topic: "$iothub/responses",
        qos: 0,
        dup: false,
        retain: false,
        payload: Buffer.from('{"ok":true}'),
        properties: { correlationData: data, userProperties: { "response-code": "200" } },
      });
    }
    const response = await call;
    expect(response.userProperties).toEqual({ "response-code": "200" });
    expect(response.payload.toString()).toBe('{"ok":true}');
    expect(response.status).toBeUndefined();
  });

  it("rejects with the client's status when it answers a failure", async () => {
    const { port, endpoint } = await startEndpoint();
    const { client } = await connected(port);
    await subscribe(client, [["$iothub/methods/reboot", 0]]);
    const call = endpoint.request("dev1", "receive-direct-methods", {}, { parameters: { name: "reboot" } });
    const request = await client.next("publish");
    client.send({
      cmd: "publish",
      topic: "$iothub/responses",
      qos: 0,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
      properties: {
        correlationData: request.properties?.correlationData as Buffer,
        userProperties: { status: "06a0", reason: "busy" },
      },
    });
    await expect(call).rejects.toMatchObject({ name: "StatusError", status: "06A0", reason: "busy", reasonCode: 0 });
  });

  it("rejects with 06A1 Target Timeout when the client does not answer", async () => {
    const { port, endpoint } = await startEndpoint();
    const { client } = await connected(port);
    await subscribe(client, [["$iothub/methods/+", 0]]);
    const call = endpoint.request(
      "dev1",
      "receive-direct-methods",
      {},
      { parameters: { name: "slow" }, timeoutMs: 50 },
    );
    await client.next("publish");
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatusError);
    expect(error).toMatchObject({ status: "06A1", reasonCode: 131 });
  });

  it("rejects with 06A0 Target Unavailable when the client is offline, unsubscribed, or disconnects", async () => {
    const { port, endpoint } = await startEndpoint();
    await expect(
      endpoint.request("dev1", "receive-direct-methods", {}, { parameters: { name: "m" } }),
    ).rejects.toMatchObject({ status: "06A0" });
    const { client } = await connected(port);
    await expect(
      endpoint.request("dev1", "receive-direct-methods", {}, { parameters: { name: "m" } }),
    ).rejects.toMatchObject({ status: "06A0" });
    await subscribe(client, [["$iothub/methods/+", 0]]);
    const call = endpoint.request("dev1", "receive-direct-methods", {}, { parameters: { name: "m" } });
    await client.next("publish");
    await client.close();
    await expect(call).rejects.toMatchObject({ status: "06A0" });
  });
});

describe("notify: server→client one-way messages (docs/protocol.md#receive-twin-desired-state-changes)", () => {
  it("publishes at QoS 0 when subscribed and reports false otherwise", async () => {
    const { port, endpoint } = await startEndpoint();
    const patch = { userProperties: { version: "4" }, payload: '{"fan":true}' };
    expect(endpoint.notify("dev1", "receive-twin-desired-state-changes", patch)).toBe(false);
    const { client } = await connected(port);
    expect(endpoint.notify("dev1", "receive-twin-desired-state-changes", patch)).toBe(false);
    await subscribe(client, [["$iothub/twin/patch/desired", 0]]);
    expect(endpoint.notify("dev1", "receive-twin-desired-state-changes", patch)).toBe(true);
    const publish = await client.next("publish");
    expect(publish).toMatchObject({ topic: "$iothub/twin/patch/desired", qos: 0 });
    expect(publish.properties?.userProperties).toEqual({ version: "4" });
    expect(publish.payload.toString()).toBe('{"fan":true}');
  });

  it("refuses operations of the wrong direction or interaction", async () => {
    const { endpoint } = await startEndpoint();
    expect(() => endpoint.notify("dev1", "send-telemetry", {})).toThrow(/not a server-to-client message operation/);
    expect(() => endpoint.deliver("dev1", "receive-twin-desired-state-changes", {})).toThrow(/message-ack/);
  });
});
