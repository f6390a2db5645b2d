/**
 * The generated AWS IoT Device Shadow client against the generated Shadow server (embedded endpoint), over
 * real sockets: each rejected code a handler answers with reaches the caller as the typed error of
 * generated/aws-iot-shadow/status.ts (failures travel in the rejected topic's payload, correlated by
 * `clientToken`), named shadows carry their typed `{shadowName}` level, and `update/delta` reaches the thing
 * it names only.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AwsIotShadowClient } from "../../generated/aws-iot-shadow/client.js";
import { createAwsIotShadowServer, statusError, type AwsIotShadowHandlers } from "../../generated/aws-iot-shadow/server.js";
import { STATUS_INFO, isApiError, type FailureStatus } from "../../generated/aws-iot-shadow/status.js";
import { createUsernamePasswordAuthenticator } from "../../src/runtime/index.js";
import { quietLogger } from "../runtime-dialects/support.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const failing = Object.keys(STATUS_INFO).filter(
  (status): status is FailureStatus => STATUS_INFO[status as keyof typeof STATUS_INFO].statusClass !== "success",
);

async function start(handlers: AwsIotShadowHandlers) {
  const server = await createAwsIotShadowServer({
    handlers,
    authenticate: createUsernamePasswordAuthenticator({ passwords: { lamp: "pw", fan: "pw" }, usernameIsClientId: true }),
    host: "127.0.0.1",
    port: 0,
    logger: quietLogger,
  });
  cleanups.push(() => server.close());
  return { server, url: `mqtt://127.0.0.1:${server.address().port}` };
}

async function thing(url: string, name: string, prepare: (client: AwsIotShadowClient) => void = () => undefined) {
  const client = new AwsIotShadowClient({
    url,
    clientId: name,
    credentials: { method: "username-password", username: name, password: "pw" },
    reconnectPeriodMs: 0,
    requestTimeoutMs: 3000,
  });
  prepare(client);
  cleanups.push(() => client.close());
  await client.connect();
  return client;
}

const document = { state: { reported: { on: true } }, version: 3, timestamp: 1 };

describe("AWS IoT Device Shadow, generated client ↔ generated server (embedded)", () => {
  it("answers get on the accepted topic with the shadow document, and a named shadow by its typed level", async () => {
    const seen: string[] = [];
    const { url } = await start({
      getShadow: (_request, context) => (seen.push(context.clientId), { payload: document }),
      updateShadow: () => ({ payload: document }),
      deleteShadow: () => ({ payload: document }),
      getNamedShadow: (request) => (seen.push(request.parameters.shadowName), { payload: document }),
      updateNamedShadow: () => ({ payload: document }),
      deleteNamedShadow: () => ({ payload: document }),
    });
    const lamp = await thing(url, "lamp");
    expect((await lamp.getShadow({})).payload).toMatchObject({ state: { reported: { on: true } }, version: 3 });
    expect((await lamp.getNamedShadow({ shadowName: "night" }, {})).payload).toMatchObject({ version: 3 });
    expect(seen).toEqual(["lamp", "night"]);
  });

  it.each(failing)("gives a rejected %s to the caller as the typed error of status.ts", async (status) => {
    const reject = () => {
      throw statusError(status, `refused with ${status}`);
    };
    const { url } = await start({
      getShadow: reject,
      updateShadow: reject,
      deleteShadow: reject,
      getNamedShadow: reject,
      updateNamedShadow: reject,
      deleteNamedShadow: reject,
    });
    const lamp = await thing(url, "lamp");
    const error: unknown = await lamp.deleteShadow({}).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status, reason: `refused with ${status}` });
    expect((error as Error).name).toBe(`${STATUS_INFO[status].name.replace(/[^A-Za-z]/g, "")}Error`);
  });

  it("delivers update/delta to the thing it names only", async () => {
    const { server, url } = await start({
      getShadow: () => ({ payload: document }),
      updateShadow: () => ({ payload: document }),
      deleteShadow: () => ({ payload: document }),
      getNamedShadow: () => ({ payload: document }),
      updateNamedShadow: () => ({ payload: document }),
      deleteNamedShadow: () => ({ payload: document }),
    });
    const deltas: Record<string, unknown[]> = { lamp: [], fan: [] };
    const lamp = await thing(url, "lamp", (c) => c.onShadowDelta((message) => void deltas.lamp?.push(message.payload)));
    await thing(url, "fan", (c) => c.onShadowDelta((message) => void deltas.fan?.push(message.payload)));
    const delta = { state: { on: false }, version: 4, timestamp: 2 };
    expect(server.notifyShadowDelta("lamp", { payload: delta })).toBe(true);
    // A request answered after the notification proves the delta had time to arrive on the same connection.
    await lamp.getShadow({});
    expect(deltas.lamp).toEqual([delta]);
    expect(deltas.fan).toEqual([]);
  });
});
