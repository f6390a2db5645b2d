import { describe, expect, it } from "vitest";
import { FrameReader } from "../../src/runtime/server/frame-reader.js";
import { remainingLength } from "../support/mqtt-frames.js";
import { connected, openClient, sasConnect, startEndpoint } from "./fixture.js";

/** A PUBLISH fixed header announcing `remaining` bytes. */
function announce(remaining: number): Buffer {
  return Buffer.concat([Buffer.from([0x30]), remainingLength(remaining)]);
}

describe("FrameReader", () => {
  it("splits packets across and within chunks", () => {
    const reader = new FrameReader(100);
    const two = Buffer.from([0xc0, 0x00, 0x30, 0x03, 1, 2, 3]);
    const events = [
      ...reader.push(two.subarray(0, 3)),
      ...reader.push(two.subarray(3, 5)),
      ...reader.push(two.subarray(5)),
    ];
    expect(events).toEqual([
      { kind: "frame", bytes: Buffer.from([0xc0, 0x00]) },
      { kind: "frame", bytes: Buffer.from([0x30, 0x03, 1, 2, 3]) },
    ]);
  });

  it("refuses an oversize announcement from the header alone, counting the fixed header", () => {
    // Two header bytes plus 99 announced: 101 in all.
    expect(new FrameReader(100).push(announce(99))).toEqual([{ kind: "too-large", size: 101 }]);
    expect(new FrameReader(101).push(announce(99))).toEqual([]);
  });

  it("reports a Remaining Length of more than four bytes as malformed", () => {
    expect(new FrameReader(100).push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toEqual([
      { kind: "malformed", message: "Remaining Length longer than four bytes" },
    ]);
  });
});

describe("limits before buffering (docs/protocol.md#limits)", () => {
  it("disconnects with 0x95 on a 200 MiB announcement without buffering it", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    const filler = Buffer.alloc(1024 * 1024, 0x61);
    const before = process.memoryUsage().rss;
    await client.sendBytes(announce(200 * 1024 * 1024));
    // Keep pushing 32 MiB of the announced body: buffering it would exceed the 20 MiB bound on its own.
    for (let i = 0; i < 32 && !client.socket.destroyed; i++) await client.sendBytes(filler);
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(0x95);
    await client.closed;
    const grown = process.memoryUsage().rss - before;
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });

  it("closes a connection on a garbage byte stream, and the next client connects fine", async () => {
    const { port } = await startEndpoint();
    const garbage = await openClient(port);
    await garbage.sendBytes(Buffer.from("GET / HTTP/1.1\r\nHost: example\r\n\r\n"));
    await garbage.closed;
    expect(garbage.received).toEqual([]);
    const { connack } = await connected(port);
    expect(connack.reasonCode).toBe(0);
  });

  it("disconnects with 0x81 a malformed packet after CONNECT, leaving other clients connected", async () => {
    const { port, endpoint } = await startEndpoint();
    const bystander = await connected(port, "dev2");
    const { client } = await connected(port);
    // A SUBSCRIBE whose topic length runs past the end of the packet.
    await client.sendBytes(Buffer.from([0x82, 0x06, 0x00, 0x01, 0x00, 0x00, 0x40, 0x61]));
    expect((await client.next("disconnect")).reasonCode).toBe(0x81);
    await client.closed;
    expect(endpoint.isConnected("dev2")).toBe(true);
    bystander.client.send({ cmd: "pingreq" });
    await bystander.client.next("pingresp");
  });

  it("disconnects with 0x81 a SUBSCRIBE or UNSUBSCRIBE without a filter, which once ended the process", async () => {
    const { port, endpoint, logger } = await startEndpoint();
    const bystander = await connected(port, "dev2");
    for (const bytes of ["8203123400", "82021234", "A203123400"]) {
      const { client } = await connected(port);
      await client.sendBytes(Buffer.from(bytes, "hex"));
      expect((await client.next("disconnect")).reasonCode).toBe(0x81);
      await client.closed;
    }
    expect(endpoint.isConnected("dev2")).toBe(true);
    bystander.client.send({ cmd: "pingreq" });
    await bystander.client.next("pingresp");
    expect(logger.entries.filter((entry) => entry.level === "error")).toEqual([]);
  });

  it("disconnects with 0x82 a second CONNECT and a QoS 2 PUBLISH with 0x9B", async () => {
    const { port } = await startEndpoint();
    const first = await connected(port);
    first.client.send(sasConnect());
    expect((await first.client.next("disconnect")).reasonCode).toBe(0x82);
    const second = await connected(port, "dev2");
    second.client.send({
      cmd: "publish",
      topic: "$iothub/telemetry",
      qos: 2,
      messageId: 1,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
    });
    expect((await second.client.next("disconnect")).reasonCode).toBe(0x9b);
  });
});
