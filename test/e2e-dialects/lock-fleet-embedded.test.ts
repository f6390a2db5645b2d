/**
 * The generated lock-fleet client against the generated server (embedded endpoint), over real sockets, in
 * the standard MQTT 5 dialect: typed topic levels on both sides (the client never names its own id), a
 * text status property carried as typed errors, and payloads checked against their schemas on the
 * receiving side, where a payload that breaks its schema is refused with the API's bad-request outcome
 * and a reason naming the JSON path, whichever side receives it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LockFleetClient, reject } from "../../generated/lock-fleet/client.js";
import { createLockFleetServer, statusError, type LockFleetHandlers } from "../../generated/lock-fleet/server.js";
import { BadRequestError, UnknownSlotError } from "../../generated/lock-fleet/status.js";
import { createUsernamePasswordAuthenticator } from "../../src/runtime/index.js";
import { quietLogger } from "../runtime-dialects/support.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const handlers: LockFleetHandlers = {
  getLockState: (request) => ({ payload: { locked: true, battery: request.parameters.slot } }),
  setAccessCode: (request) => {
    if (request.parameters.slot > 8) throw statusError("unknown-slot", `no slot ${request.parameters.slot}`);
    return { codeVersion: 2 };
  },
  reportEvent: () => undefined,
};

async function start() {
  const server = await createLockFleetServer({
    handlers,
    authenticate: createUsernamePasswordAuthenticator({ passwords: { lock1: "pw" }, usernameIsClientId: true }),
    host: "127.0.0.1",
    port: 0,
    logger: quietLogger,
  });
  cleanups.push(() => server.close());
  const client = new LockFleetClient({
    url: `mqtt://127.0.0.1:${server.address().port}`,
    clientId: "lock1",
    credentials: { method: "username-password", username: "lock1", password: "pw" },
    reconnectPeriodMs: 0,
    requestTimeoutMs: 3000,
  });
  return { server, client };
}

describe("lock fleet, generated client ↔ generated server (embedded)", () => {
  it("passes typed topic levels both ways and returns the typed success", async () => {
    const { client } = await start();
    cleanups.push(() => client.close());
    await client.connect();
    expect((await client.getLockState({ slot: 42 })).payload).toEqual({ locked: true, battery: 42 });
    expect((await client.setAccessCode({ slot: 2 }, { code: "1234" })).properties.codeVersion).toBe(2);
    await expect(client.setAccessCode({ slot: 9 }, { code: "1234" })).rejects.toBeInstanceOf(UnknownSlotError);
  });

  it("refuses a request that breaks its schema with bad-request, naming the JSON path (server side)", async () => {
    const { client } = await start();
    cleanups.push(() => client.close());
    await client.connect();
    // Below the generated method, whose AccessCode parameter would not take a number as the code.
    const refused = client.device.request("set-access-code", { parameters: { slot: 1 }, payload: '{"code":12}' });
    await expect(refused).rejects.toBeInstanceOf(BadRequestError);
    await expect(refused).rejects.toMatchObject({ status: "bad-request", reason: "payload $.code: must be string" });
  });

  it("refuses a command that breaks its schema with bad-request, naming the JSON path (client side)", async () => {
    const { server, client } = await start();
    cleanups.push(() => client.close());
    const seen: number[] = [];
    client.onUnlock((message) => {
      seen.push(message.payload.seconds);
      return reject();
    });
    await client.connect();
    const refused = await server.deliverUnlock("lock1", { slot: 1, payload: { seconds: 0 } });
    // A PUBACK refusing it for good (0x83 Implementation specific error), with the path in its reason.
    expect(refused).toMatchObject({ outcome: "rejected", ack: { reasonCode: 0x83, reason: "payload $.seconds: must be >= 1" } });
    expect(seen).toEqual([]);
  });
});
