import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionLostError,
  RequestAbortedError,
  RequestTimeoutError,
  StatusError,
  type OutcomeDetails,
} from "../../src/runtime/index.js";
import type { IPublishPacket } from "mqtt-packet";
import type { ScriptedConnection, ScriptedServer } from "../support/scripted-server.js";
import { connected, delay } from "./harness.js";
import { seedCatalog } from "./seed-api.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(overrides = {}) {
  const session = await connected(overrides);
  cleanups.push(session.cleanup);
  return session;
}

/** Answers the next request on `topic` with a response built from its Correlation Data. */
async function respond(
  server: ScriptedServer,
  topic: string,
  build: (correlation: Buffer) => Partial<IPublishPacket>,
  from = 0,
): Promise<IPublishPacket> {
  const request = await server.waitFor("publish", {
    from,
    where: (p) => p.topic === topic,
  });
  const connection = server.connections[request.connection] as ScriptedConnection;
  const correlation = request.properties?.correlationData as Buffer;
  connection.send({
    cmd: "publish",
    topic: "$iothub/responses",
    qos: 0,
    dup: false,
    retain: false,
    payload: Buffer.alloc(0),
    ...build(correlation),
  });
  return request;
}

describe("request-response (docs/protocol.md#interactions)", () => {
  it("publishes the request at QoS 0 with 8 bytes of Correlation Data and resolves with the echoed response", async () => {
    const { server, client } = await setUp();
    const pending = client.request("patch-twin-reported", {
      properties: { ifVersion: 7n },
      payload: '{"a":1}',
    });
    const request = await respond(server, "$iothub/twin/patch/reported", (correlationData) => ({
      properties: {
        correlationData,
        userProperties: { version: "8", "new-prop": "x" },
      },
    }));
    expect(request.qos).toBe(0);
    expect(request.properties?.correlationData).toHaveLength(8);
    expect(request.properties?.userProperties).toEqual({ "if-version": "7" });
    expect(request.payload.toString()).toBe('{"a":1}');
    const response = await pending;
    expect(response.properties).toEqual({ version: 8n });
    expect(response.extra).toEqual({ "new-prop": "x" });
    expect(response.notModified).toBe(false);
    // The response topic is never subscribed to (C14).
    expect(server.packets("subscribe").flatMap((s) => s.subscriptions.map((x) => x.topic))).not.toContain(
      "$iothub/responses",
    );
  });

  it("uses a 4-byte little-endian counter when asked", async () => {
    const { server, client } = await setUp({ correlation: "counter" });
    const first = client.request("get-twin", {});
    await respond(server, "$iothub/twin/get", (correlationData) => ({
      properties: { correlationData },
    }));
    await first;
    const second = client.request("get-twin", {});
    const request = await respond(
      server,
      "$iothub/twin/get",
      (correlationData) => ({ properties: { correlationData } }),
      server.received.length,
    );
    await second;
    expect(request.properties?.correlationData).toEqual(Buffer.from([1, 0, 0, 0]));
  });

  it("drops a response with an unknown correlation and still resolves the right one", async () => {
    const { server, client } = await setUp();
    const pending = client.request("get-twin", {});
    await respond(server, "$iothub/twin/get", (correlationData) => ({
      properties: {
        correlationData: Buffer.from(correlationData.map((b) => b ^ 0xff)),
      },
      payload: Buffer.from("wrong"),
    }));
    await respond(server, "$iothub/twin/get", (correlationData) => ({
      properties: { correlationData },
      payload: Buffer.from("right"),
    }));
    expect((await pending).payload.toString()).toBe("right");
  });

  it("rejects with RequestTimeoutError after timeoutMs and drops the late response", async () => {
    const { server, client } = await setUp();
    const errors: Error[] = [];
    client.on("error", (error) => errors.push(error));
    const pending = client.request("get-twin", {}, { timeoutMs: 30 });
    const request = await server.waitFor("publish");
    await expect(pending).rejects.toBeInstanceOf(RequestTimeoutError);
    await expect(pending).rejects.toMatchObject({
      operationId: "get-twin",
      timeoutMs: 30,
    });
    (server.connections[0] as ScriptedConnection).send({
      cmd: "publish",
      topic: "$iothub/responses",
      qos: 0,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
      properties: {
        correlationData: request.properties?.correlationData as Buffer,
      },
    });
    // A second request still works: the late response neither resolved it nor broke anything.
    const next = client.request("get-twin", {});
    await respond(
      server,
      "$iothub/twin/get",
      (correlationData) => ({ properties: { correlationData } }),
      request.index + 1,
    );
    await expect(next).resolves.toMatchObject({ notModified: false });
    expect(errors).toEqual([]);
  });

  it("rejects with RequestAbortedError when the signal fires, before or after sending", async () => {
    const { server, client } = await setUp();
    const controller = new AbortController();
    const pending = client.request("get-twin", {}, { signal: controller.signal });
    await server.waitFor("publish");
    controller.abort("user gave up");
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    await expect(pending).rejects.toMatchObject({ cause: "user gave up" });
    const before = server.received.length;
    await expect(client.request("get-twin", {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      RequestAbortedError,
    );
    await delay(20);
    expect(server.received.length).toBe(before);
  });

  it("rejects pending requests with ConnectionLostError when the connection drops", async () => {
    const { server, client } = await setUp();
    const pending = client.request("get-twin", {});
    await server.waitFor("publish");
    (server.connections[0] as ScriptedConnection).drop();
    await expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
  });

  it("carries the server's DISCONNECT outcome on ConnectionLostError", async () => {
    const { server, client } = await setUp();
    const pending = client.request("get-twin", {});
    await server.waitFor("publish");
    const connection = server.connections[0] as ScriptedConnection;
    connection.send({
      cmd: "disconnect",
      reasonCode: 131,
      properties: { userProperties: { status: "0100", reason: "missing" } },
    });
    connection.drop();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as ConnectionLostError).outcome).toMatchObject({
      reasonCode: 131,
      status: "0100",
      reason: "missing",
    });
  });

  describe("decodes every catalog status of the seed (F30, F31)", () => {
    for (const { status } of seedCatalog) {
      it(`status ${status}`, async () => {
        const factoryCalls: OutcomeDetails[] = [];
        class TypedError extends StatusError {}
        const { server, client } = await setUp({
          errorFactory: (details: OutcomeDetails) => {
            factoryCalls.push(details);
            return new TypedError(details);
          },
        });
        const pending = client.request("get-twin", {});
        await respond(server, "$iothub/twin/get", (correlationData) => ({
          properties: {
            correlationData,
            userProperties: {
              status: status.toLowerCase(),
              reason: "why",
              "trace-id": "tr",
            },
          },
        }));
        if (status === "0001") {
          const response = await pending;
          expect(response.notModified).toBe(true);
          expect(response.extra).toEqual({});
          expect(factoryCalls).toEqual([]);
          return;
        }
        const error = await pending.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TypedError);
        expect(error).toMatchObject({
          reasonCode: 0,
          status,
          reason: "why",
          traceId: "tr",
        });
      });
    }
  });
});
