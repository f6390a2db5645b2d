/**
 * Accepted/rejected replies and payload-field correlation end to end, device client against the embedded
 * endpoint, with the AWS IoT Device Shadow API's table: the outcome is the topic that answers, `clientToken` matches
 * a reply to its request, every rejected `{ code, message }` reaches the caller as a typed error, a request
 * that breaks its schema is rejected with 400 naming the JSON path, and `update/delta` reaches its thing only.
 * The handlers answer documents the spec's schemas accept (a `timestamp` on each), as the client checks them.
 */
import { describe, expect, it } from "vitest";
import {
  StatusError,
  type DeviceClient,
  type OutcomeDetails,
  type ServerHandler,
  type ServerInboundMessage,
} from "../../src/runtime/index.js";
import { awsIotShadowApi } from "../../generated/aws-iot-shadow/api.js";
import { ScriptedServer } from "../support/scripted-server.js";
import { connectClient, onCleanup, startEndpoint } from "./support.js";
import { createUsernamePasswordAuthenticator } from "../../src/runtime/index.js";

/** What generated code gives the client: one error class per catalog status, narrowed by `status`. */
class ShadowRejectedError extends StatusError {
  override name = "ShadowRejectedError";
}
const errorFactory = (details: OutcomeDetails) => new ShadowRejectedError(details);

const authenticate = createUsernamePasswordAuthenticator({
  passwords: { dev1: "pw", dev2: "pw" },
  usernameIsClientId: true,
});

/** Answers a delete as the service does: the version deleted. */
const deleted =
  (received: ServerInboundMessage[]): ServerHandler =>
  (message) => {
    received.push(message);
    return { payload: JSON.stringify({ version: 1, timestamp: 1700000000 }) };
  };

function shadowHandlers(received: ServerInboundMessage[]): Record<string, ServerHandler> {
  const document = { state: { reported: { fan: "on" } }, version: 3, timestamp: 1700000000 };
  return {
    "get-shadow": (message) => {
      received.push(message);
      const { code } = JSON.parse(message.payload.toString()) as { code?: string };
      if (code !== undefined) {
        const facts = awsIotShadowApi.statuses[code];
        throw new StatusError({ reasonCode: facts?.reasonCode ?? 0x80, status: code, reason: `rejected with ${code}` });
      }
      return { payload: JSON.stringify(document) };
    },
    "update-shadow": (message) => {
      received.push(message);
      const { state } = JSON.parse(message.payload.toString()) as { state: unknown };
      return { payload: JSON.stringify({ state, version: 4, timestamp: 1700000000 }) };
    },
    "delete-shadow": deleted(received),
    "update-named-shadow": (message) => {
      received.push(message);
      return { payload: JSON.stringify({ state: {}, version: 2, timestamp: 1700000000 }) };
    },
    "delete-named-shadow": deleted(received),
    "get-named-shadow": (message, context) => {
      received.push(message);
      return { payload: JSON.stringify({ state: { reported: { name: context.parameters.shadowName } }, version: 1, timestamp: 1700000000 }) };
    },
  };
}

/** A delta document as the service sends it: what changed, when, and the shadow's version. */
const delta = (version: number) => JSON.stringify({ state: { fan: "off" }, timestamp: 1700000000, version });

const thing = (url: string, clientId: string, prepare?: (client: DeviceClient) => void) =>
  connectClient(
    {
      api: awsIotShadowApi,
      url,
      clientId,
      errorFactory,
      credentials: { method: "username-password", username: clientId, password: "pw" },
    },
    prepare,
  );

describe("accepted/rejected replies and clientToken correlation (shadow API, embedded endpoint)", () => {
  it("subscribes to its own accepted and rejected topics (+ for the shadow name) and its notifications, once", async () => {
    const server = await ScriptedServer.start();
    onCleanup(() => server.close());
    await thing(server.url, "dev1");
    const subscribes = server.packets("subscribe");
    expect(subscribes).toHaveLength(1);
    expect(subscribes[0]?.subscriptions.map((subscription) => subscription.topic)).toEqual([
      ...["get", "update", "delete"].flatMap((verb) => [
        `$aws/things/dev1/shadow/${verb}/accepted`,
        `$aws/things/dev1/shadow/${verb}/rejected`,
      ]),
      ...["get", "update", "delete"].flatMap((verb) => [
        `$aws/things/dev1/shadow/name/+/${verb}/accepted`,
        `$aws/things/dev1/shadow/name/+/${verb}/rejected`,
      ]),
      "$aws/things/dev1/shadow/update/delta",
      "$aws/things/dev1/shadow/update/documents",
      "$aws/things/dev1/shadow/name/+/update/delta",
      "$aws/things/dev1/shadow/name/+/update/documents",
    ]);
  });

  it("puts a fresh clientToken into the request, and resolves with the accepted reply that echoes it", async () => {
    const received: ServerInboundMessage[] = [];
    const { url } = await startEndpoint(awsIotShadowApi, { handlers: shadowHandlers(received), authenticate });
    const client = await thing(url, "dev1");
    const [first, second] = await Promise.all([
      client.request("get-shadow", {}),
      client.request("get-shadow", { payload: "{}" }),
    ]);
    const tokens = received.map(
      (message) => (JSON.parse(message.payload.toString()) as { clientToken: string }).clientToken,
    );
    expect(tokens[0]).toMatch(/^[0-9a-f]{24}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect(received[0]?.topic).toBe("$aws/things/dev1/shadow/get");
    expect(received[0]?.correlationData).toBeUndefined();
    for (const [response, token] of [
      [first, tokens[0]],
      [second, tokens[1]],
    ] as const) {
      expect(JSON.parse(response?.payload.toString() ?? "")).toEqual({
        state: { reported: { fan: "on" } },
        version: 3,
        timestamp: 1700000000,
        clientToken: token,
      });
    }
    const own = await client.request("get-named-shadow", {
      parameters: { shadowName: "cabin" },
      payload: '{"clientToken":"mine-1"}',
    });
    expect(JSON.parse(own.payload.toString())).toEqual({
      state: { reported: { name: "cabin" } },
      version: 1,
      timestamp: 1700000000,
      clientToken: "mine-1",
    });
  });

  it("rejects with a typed error for every rejected code, carrying its message", async () => {
    const { url } = await startEndpoint(awsIotShadowApi, { handlers: shadowHandlers([]), authenticate });
    const client = await thing(url, "dev1");
    for (const code of Object.keys(awsIotShadowApi.statuses)) {
      const rejected = client.request("get-shadow", { payload: JSON.stringify({ code }) });
      await expect(rejected).rejects.toBeInstanceOf(ShadowRejectedError);
      await expect(rejected).rejects.toMatchObject({ status: code, reason: `rejected with ${code}` });
    }
  });

  it("rejects an update that breaks its schema with 400 naming the JSON path, before the handler", async () => {
    const received: ServerInboundMessage[] = [];
    const { url } = await startEndpoint(awsIotShadowApi, { handlers: shadowHandlers(received), authenticate });
    const client = await thing(url, "dev1");
    const bad = client.request("update-shadow", { payload: '{"state":{"wanted":{}}}' });
    await expect(bad).rejects.toMatchObject({
      status: "400",
      reason: "payload $.state: must NOT have additional properties",
    });
    const good = await client.request("update-shadow", { payload: '{"state":{"desired":{"fan":"off"}}}' });
    expect(JSON.parse(good.payload.toString())).toMatchObject({ state: { desired: { fan: "off" } }, version: 4 });
    expect(received).toHaveLength(1);
  });

  it("delivers update/delta to its thing only", async () => {
    const { endpoint, url } = await startEndpoint(awsIotShadowApi, { handlers: shadowHandlers([]), authenticate });
    const deltas: { thing: string; payload: string }[] = [];
    const watch = (name: string) => (client: DeviceClient) =>
      client.onMessage("receive-shadow-delta", (message) => {
        deltas.push({ thing: name, payload: message.payload.toString() });
      });
    await thing(url, "dev1", watch("dev1"));
    await thing(url, "dev2", watch("dev2"));
    expect(endpoint.notify("dev1", "receive-shadow-delta", { payload: delta(5) })).toBe(true);
    await expect.poll(() => deltas.length).toBe(1);
    // A later delta to dev2 arrives behind anything dev2 would have been sent for dev1.
    expect(endpoint.notify("dev2", "receive-shadow-delta", { payload: delta(9) })).toBe(true);
    await expect.poll(() => deltas.length).toBe(2);
    expect(deltas).toEqual([
      { thing: "dev1", payload: delta(5) },
      { thing: "dev2", payload: delta(9) },
    ]);
  });
});
