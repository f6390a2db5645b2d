/**
 * Nothing a connection sends can take down the endpoint or disturb another connection (issue 8). Property
 * tests with fast-check: thousands of hostile byte streams, each over its own loopback connection, while a
 * well-formed client stays connected; afterwards that client and a fresh MQTT.js client still get their
 * PUBACK and their response. No stream may reach the endpoint's last line of defence (an internal error,
 * logged at error level): every one must be handled by the protocol rules themselves.
 */
import { connect as netConnect } from "node:net";
import fc from "fast-check";
import mqtt from "mqtt";
import { describe, expect, it, onTestFinished } from "vitest";
import { acceptConnection, type ServerHandler } from "../../src/runtime/index.js";
import { connected, startEndpoint } from "./fixture.js";
import { hostileStream, randomStream } from "./packet-arbitraries.js";

/** Runs per property; the whole file stays within some tens of seconds on two loaded cores. */
const STREAM_RUNS = Number(process.env.ROBUSTNESS_STREAM_RUNS ?? 2500);
const RANDOM_RUNS = Number(process.env.ROBUSTNESS_RANDOM_RUNS ?? 1000);

/** Sends the chunks on a fresh connection, half-closes it and waits until the endpoint has closed it too. */
function storm(port: number, chunks: readonly Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: "127.0.0.1", port }, () => {
      for (const chunk of chunks) socket.write(chunk);
      socket.end();
    });
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => resolve());
    socket.setTimeout(5000, () => reject(new Error("the endpoint did not close a half-closed connection")));
  });
}

const twin: ServerHandler = () => ({ payload: JSON.stringify({ desired: {}, reported: {} }) });

describe("robustness (fast-check)", () => {
  it("survives hostile streams and keeps serving well-formed clients", async () => {
    const { endpoint, port, logger } = await startEndpoint({
      lenientConnect: true,
      // Every CONNECT that passes the checks is accepted, so the storm reaches what follows it.
      authenticate: () => acceptConnection(),
      handlers: { "get-twin": twin, "patch-twin-reported": () => undefined, "send-telemetry": () => undefined },
    });
    // Its client id is one the storm never uses, so no CONNECT takes its session over.
    const bystander = await connected(port, "bystander");
    // An error escaping the endpoint would otherwise only surface after the property, without its input.
    const escaped: unknown[] = [];
    /** Runs one stream and returns what it caused: errors that escaped, and internal errors logged. */
    const trouble = async (chunks: readonly Buffer[]): Promise<unknown[]> => {
      const logged = logger.entries.length;
      escaped.length = 0;
      await storm(port, chunks);
      return [...escaped, ...logger.entries.slice(logged).filter((entry) => entry.level === "error")];
    };
    const onEscape = (error: unknown): number => escaped.push(error);
    process.on("uncaughtException", onEscape);
    process.on("unhandledRejection", onEscape);
    onTestFinished(() => {
      process.off("uncaughtException", onEscape);
      process.off("unhandledRejection", onEscape);
    });
    let packets = 0;
    let bytes = 0;

    await fc.assert(
      fc.asyncProperty(hostileStream, async ({ chunks, packets: count }) => {
        packets += count;
        bytes += chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        expect(await trouble(chunks)).toEqual([]);
      }),
      { numRuns: STREAM_RUNS },
    );
    await fc.assert(
      fc.asyncProperty(randomStream, async (stream) => {
        bytes += stream.length;
        expect(await trouble([stream])).toEqual([]);
      }),
      { numRuns: RANDOM_RUNS },
    );
    console.log(
      `robustness: ${STREAM_RUNS} mutated packet sequences (${packets} packets) and ${RANDOM_RUNS} random ` +
        `streams, ${bytes} bytes in all, on ${STREAM_RUNS + RANDOM_RUNS} connections; no internal error`,
    );

    // The connection that was up all along still gets its PUBACK.
    expect(endpoint.isConnected("bystander")).toBe(true);
    bystander.client.send({
      cmd: "publish",
      topic: "$iothub/telemetry",
      qos: 1,
      messageId: 7,
      dup: false,
      retain: false,
      payload: Buffer.from("{}"),
    });
    expect(await bystander.client.next("puback")).toMatchObject({ messageId: 7, reasonCode: 0 });

    // A real MQTT.js client connects afresh, gets a PUBACK and a response.
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      protocolVersion: 5,
      clientId: "after-the-storm",
      reconnectPeriod: 0,
    });
    try {
      // MQTT.js resolves with the stored PUBLISH, so the PUBACK itself is read off the wire.
      const puback = new Promise((resolve) =>
        client.on("packetreceive", (packet) => packet.cmd === "puback" && resolve(packet)),
      );
      await client.publishAsync("$iothub/telemetry", "{}", { qos: 1 });
      expect(await puback).toMatchObject({ cmd: "puback", reasonCode: 0 });
      await client.subscribeAsync("$iothub/responses");
      const response = new Promise<Buffer>((resolve) => client.on("message", (_topic, payload) => resolve(payload)));
      await client.publishAsync("$iothub/twin/get", "", {
        qos: 0,
        properties: { correlationData: Buffer.from([1, 2]), responseTopic: "$iothub/responses" },
      });
      expect(JSON.parse((await response).toString())).toEqual({ desired: {}, reported: {} });
    } finally {
      await client.endAsync();
    }
  }, 120_000);
});
