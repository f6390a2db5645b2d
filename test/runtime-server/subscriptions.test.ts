import { describe, expect, it } from "vitest";
import { connected, startEndpoint, subscribe } from "./fixture.js";

describe("SUBSCRIBE rules (docs/protocol.md#topics, #response-topic-and-subscriptions, #limits)", () => {
  it("grants exactly the server→client filters and concrete topics of them, at min(requested, Maximum QoS)", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    const granted = await subscribe(client, [
      ["$iothub/methods/+", 0],
      ["$iothub/commands", 1],
      ["$iothub/twin/patch/desired", 0],
      ["$iothub/methods/reboot", 1],
      ["$iothub/responses", 0],
    ]);
    expect(granted).toEqual([0, 1, 0, 1, 0]);
    client.send({ cmd: "subscribe", messageId: 2, subscriptions: [{ topic: "$iothub/commands", qos: 2 }] });
    expect((await client.next("suback")).granted).toEqual([1]);
  });

  it("refuses undefined topics with 0x8F and wildcards under the API prefix with 0xA2", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    const granted = await subscribe(client, [
      ["$iothub/telemetry", 0],
      ["$iothub/unknown", 0],
      ["$iothub/commands/", 1],
      ["other/topic", 0],
      ["$iothub/#", 0],
      ["$iothub/+/desired", 0],
      ["$iothub/twin/+/desired", 0],
      ["+/commands", 0],
      ["$share/group/$iothub/commands", 1],
    ]);
    expect(granted).toEqual([0x8f, 0x8f, 0x8f, 0x8f, 0xa2, 0xa2, 0xa2, 0x8f, 0x9e]);
  });

  it("returns 0x97 for filters past the 50th", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    const filters = Array.from({ length: 51 }, (_, i) => [`$iothub/methods/m${i}`, 0] as [string, 0]);
    const granted = await subscribe(client, filters);
    expect(granted.slice(0, 50).every((code) => code === 0)).toBe(true);
    expect(granted[50]).toBe(0x97);
    // Re-subscribing an existing filter does not count again; unsubscribing frees a slot.
    expect(await subscribe(client, [["$iothub/methods/m0", 0]], 2)).toEqual([0]);
    client.send({ cmd: "unsubscribe", messageId: 3, unsubscriptions: ["$iothub/methods/m0", "$iothub/never"] });
    expect((await client.next("unsuback")).granted).toEqual([0, 0x11]);
    expect(await subscribe(client, [["$iothub/commands", 1]], 4)).toEqual([1]);
  });

  it("disconnects with 0xA1 a SUBSCRIBE carrying a Subscription Identifier", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send({
      cmd: "subscribe",
      messageId: 1,
      properties: { subscriptionIdentifier: 4 },
      subscriptions: [{ topic: "$iothub/commands", qos: 1 }],
    });
    expect((await client.next("disconnect")).reasonCode).toBe(0xa1);
  });
});
