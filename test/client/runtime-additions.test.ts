/**
 * What the generated client needs from the runtime beyond the device client itself: connecting without
 * IoT Hub authentication, subscribing to the response topic on plain brokers, the frozen generated table, and
 * JSON payload handlers.
 */
import { afterEach, describe, expect, it } from "vitest";
import { jsonPayloadHandler, withJsonPayload } from "../../src/runtime/index.js";
import { connected } from "../runtime-client/harness.js";
import { seedApi } from "../runtime-client/seed-api.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("runtime additions for generated clients", () => {
  it("sends no Authentication Method and no SAS properties with credentials { method: 'none' }", async () => {
    const { server, cleanup } = await connected({ credentials: { method: "none" } });
    cleanups.push(cleanup);
    const connect = server.packets("connect")[0];
    expect(connect?.properties?.authenticationMethod).toBeUndefined();
    expect(connect?.properties?.authenticationData).toBeUndefined();
    expect(connect?.properties?.userProperties).toEqual({
      "api-version": "2020-10-01-preview",
      host: "hub.example.net",
    });
  });

  it("subscribes to the response topic in the one SUBSCRIBE only when asked", async () => {
    const plain = await connected();
    cleanups.push(plain.cleanup);
    const withResponses = await connected({ subscribeToResponses: true });
    cleanups.push(withResponses.cleanup);
    const filters = (s: typeof plain.server) =>
      s.packets("subscribe").flatMap((p) => p.subscriptions.map((x) => x.topic));
    expect(filters(plain.server)).not.toContain("$iothub/responses");
    expect(withResponses.server.packets("subscribe")).toHaveLength(1);
    expect(filters(withResponses.server)).toEqual(["$iothub/responses", ...filters(plain.server)]);
  });

  it("runs on a generated table frozen all the way down", () => {
    expect(Object.isFrozen(seedApi)).toBe(true);
    expect(Object.isFrozen(seedApi.operations)).toBe(true);
    expect(Object.isFrozen(seedApi.operations.find((o) => o.id === "send-telemetry")?.request.properties[0])).toBe(true);
  });

  it("parses JSON payloads leniently and keeps the bytes", async () => {
    const bytes = Buffer.from('{"__proto__":{"x":1},"fan":"on"}');
    const parsed = withJsonPayload<{ payload: Buffer; topic: string }, { fan: string }>({ payload: bytes, topic: "t" });
    expect(parsed).toMatchObject({ topic: "t", payload: { fan: "on" } });
    expect(parsed.raw.equals(bytes)).toBe(true);
    const seen: unknown[] = [];
    const handler = jsonPayloadHandler((message: { payload: { fan: string }; raw: Buffer; topic: string }) => {
      seen.push(message.payload.fan);
    });
    handler({ topic: "t", payload: bytes });
    expect(seen).toEqual(["on"]);
    expect(() => handler({ topic: "t", payload: Buffer.from("{") })).toThrow(SyntaxError);
  });
});
