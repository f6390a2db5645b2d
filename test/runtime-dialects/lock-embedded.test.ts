/**
 * The standard MQTT 5 dialect end to end, device client against the embedded endpoint, with the smart-lock
 * API: user name and password (no api-version, no Authentication Method), requests answered on the
 * Response Topic the client sets under its own prefix, typed and client-scoped topic levels, a text status
 * property, payloads checked against their schemas on both sides, and runtime conditions the API has no
 * status for answered with bare MQTT 5 reason codes.
 */
import { describe, expect, it } from "vitest";
import {
  abandon,
  accept,
  ConnectionRefusedError,
  createTokenAuthenticator,
  createUsernamePasswordAuthenticator,
  PayloadError,
  reply,
  RuntimeConditionError,
  StatusError,
  type DeviceClient,
  type ServerAuthenticator,
  type ServerHandler,
  type ServerHandlerContext,
  type ServerInboundMessage,
} from "../../src/runtime/index.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { ScriptedServer } from "../support/scripted-server.js";
import { connectClient, onCleanup, rawConnected, startEndpoint } from "./support.js";

const passwords = { lock1: "pw-1", lock2: "pw-2", lock3: "pw-3" };
const usernamePassword = createUsernamePasswordAuthenticator({ passwords, usernameIsClientId: true });
const token = createTokenAuthenticator({ method: "lock-token", verify: (bytes) => bytes.toString() === "secret" });
/** The lock API accepts both: a CONNECT with the token method goes to the token check. */
const authenticate: ServerAuthenticator = (info) =>
  info.authenticationMethod === "" ? usernamePassword(info) : token(info);

interface Seen {
  readonly message: ServerInboundMessage;
  readonly context: ServerHandlerContext;
}

function lockServer(overrides: Partial<Record<string, ServerHandler>> = {}) {
  const seen: Seen[] = [];
  const record: (respond: (message: ServerInboundMessage, context: ServerHandlerContext) => unknown) => ServerHandler =
    (respond) => (message, context) => {
      seen.push({ message, context });
      return respond(message, context) as ReturnType<ServerHandler>;
    };
  const handlers: Record<string, ServerHandler> = {
    "get-lock-state": record(() => ({ payload: JSON.stringify({ locked: true, battery: 80 }) })),
    "set-access-code": record((_message, context) => {
      if (context.parameters.slot === 9)
        throw new StatusError({ reasonCode: 0x83, status: "unknown-slot", reason: "no slot 9" });
      return { userProperties: { "code-version": "4" } };
    }),
    "report-event": record(() => undefined),
    ...overrides,
  };
  return { seen, handlers };
}

const lockClient = (url: string, clientId: keyof typeof passwords, prepare?: (client: DeviceClient) => void) =>
  connectClient(
    {
      api: lockFleetApi,
      url,
      clientId,
      credentials: { method: "username-password", username: clientId, password: passwords[clientId] },
    },
    prepare,
  );

describe("the standard MQTT 5 dialect (smart-lock API, embedded endpoint)", () => {
  it("connects with user name and password or a token, and nothing else in CONNECT", async () => {
    const { handlers } = lockServer();
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    expect(client.connected).toBe(true);
    const withToken = await connectClient({
      api: lockFleetApi,
      url,
      clientId: "lock2",
      credentials: { method: "token", token: "secret" },
    });
    expect(withToken.connected).toBe(true);
    const refused = connectClient({
      api: lockFleetApi,
      url,
      clientId: "lock2",
      credentials: { method: "username-password", username: "lock2", password: "wrong" },
    });
    await expect(refused).rejects.toBeInstanceOf(ConnectionRefusedError);
    await expect(refused).rejects.toMatchObject({ reasonCode: 0x86, authentication: true });
  });

  it("sends user name and password only, and subscribes once to its reply prefix and its own server→client topics", async () => {
    const server = await ScriptedServer.start();
    onCleanup(() => server.close());
    await lockClient(server.url, "lock1");
    const [connect] = server.packets("connect");
    expect(connect).toMatchObject({ clientId: "lock1", username: "lock1", password: Buffer.from("pw-1") });
    expect(connect?.properties).toEqual({ sessionExpiryInterval: 0xffffffff });
    const subscribes = server.packets("subscribe");
    expect(subscribes).toHaveLength(1);
    expect(subscribes[0]?.subscriptions).toEqual([
      { topic: "clients/lock1/replies/#", qos: 0, nl: true, rap: false, rh: 0 },
      { topic: "clients/lock1/commands/unlock/+", qos: 1, nl: false, rap: false, rh: 0 },
      { topic: "clients/lock1/firmware", qos: 0, nl: false, rap: false, rh: 0 },
      { topic: "clients/lock1/diagnostics/+", qos: 0, nl: false, rap: false, rh: 0 },
    ]);
  });

  it("sets Response Topic under the client's own prefix and gets the reply there, with typed topic levels", async () => {
    const { seen, handlers } = lockServer();
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    const response = await client.request("get-lock-state", { parameters: { slot: 3 } });
    expect(JSON.parse(response.payload.toString())).toEqual({ locked: true, battery: 80 });
    const [call] = seen;
    expect(call?.message.topic).toBe("clients/lock1/locks/3/state/get");
    expect(call?.message.responseTopic).toBe("clients/lock1/replies/get-lock-state");
    expect(call?.context.parameters).toEqual({ clientId: "lock1", slot: 3 });
    expect(call?.context.connectUserProperties).toEqual({});
  });

  it("answers a QoS 1 request with its success properties, or with the handler's status", async () => {
    const { handlers } = lockServer();
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    const done = await client.request("set-access-code", { parameters: { slot: 1 }, payload: '{"code":"1234"}' });
    expect(done.properties).toEqual({ codeVersion: 4 });
    const failed = client.request("set-access-code", { parameters: { slot: 9 }, payload: '{"code":"1234"}' });
    await expect(failed).rejects.toMatchObject({ status: "unknown-slot", reason: "no slot 9", reasonCode: 0 });
  });

  it("refuses a request payload that breaks its schema with bad-request, naming the JSON path", async () => {
    const { seen, handlers } = lockServer();
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    const bad = client.request("set-access-code", { parameters: { slot: 1 }, payload: '{"code":"12ab"}' });
    await expect(bad).rejects.toMatchObject({
      status: "bad-request",
      reason: 'payload $.code: must match pattern "^[0-9]{4,8}$"',
    });
    const event = client.publish("report-event", {
      properties: { eventKind: "x" },
      payload: '{"kind":"exploded","at":1}',
    });
    await expect(event).rejects.toMatchObject({
      reasonCode: 0x83,
      status: "bad-request",
      reason: "payload $.kind: must be equal to one of the allowed values",
    });
    expect(seen).toEqual([]);
  });

  it("refuses a reply payload that breaks its schema on the client side, naming the JSON path", async () => {
    const { handlers } = lockServer({ "get-lock-state": () => ({ payload: '{"locked":true,"battery":150}' }) });
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    const bad = client.request("get-lock-state", { parameters: { slot: 1 } });
    await expect(bad).rejects.toBeInstanceOf(PayloadError);
    await expect(bad).rejects.toMatchObject({ path: "$.battery", message: "payload $.battery: must be <= 100" });
  });

  it("passes undeclared user properties and every declarable first-class property to the handler", async () => {
    const { seen, handlers } = lockServer();
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    await client.publish("report-event", {
      properties: { eventKind: "door", contentType: "application/json", messageExpiryInterval: 60 },
      applicationProperties: { room: "kitchen" },
      payload: '{"kind":"opened","at":1}',
    });
    expect(seen[0]?.message).toMatchObject({
      topic: "clients/lock1/events",
      contentType: "application/json",
      messageExpiryInterval: 60,
      userProperties: { "event-kind": "door", room: "kitchen" },
    });
  });

  it("answers a handler's unexpected error with the API's server-error status", async () => {
    const { handlers } = lockServer({
      "report-event": () => {
        throw new Error("disk full");
      },
    });
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const client = await lockClient(url, "lock1");
    const event = client.publish("report-event", {
      properties: { eventKind: "door" },
      payload: '{"kind":"opened","at":1}',
    });
    await expect(event).rejects.toMatchObject({ reasonCode: 0x80, status: "server-error" });
  });

  describe("on the wire", () => {
    const connect = (clientId: keyof typeof passwords) => ({
      clientId,
      username: clientId,
      password: Buffer.from(passwords[clientId]),
    });

    it("refuses a Response Topic that is missing or lies under another client's prefix; a wildcard is a protocol error", async () => {
      const { seen, handlers } = lockServer();
      const { port } = await startEndpoint(lockFleetApi, { handlers, authenticate });
      const request = async (responseTopic: string | undefined) => {
        const raw = await rawConnected(port, connect("lock1"));
        raw.send({
          cmd: "publish",
          topic: "clients/lock1/locks/1/state/get",
          qos: 0,
          dup: false,
          retain: false,
          payload: Buffer.alloc(0),
          properties: { correlationData: Buffer.from("c1"), ...(responseTopic !== undefined && { responseTopic }) },
        });
        return raw.next("disconnect");
      };
      for (const responseTopic of [undefined, "clients/lock2/replies/get-lock-state"]) {
        const disconnect = await request(responseTopic);
        expect(disconnect.reasonCode).toBe(0x83);
        expect(disconnect.properties?.userProperties).toMatchObject({ "lock-status": "bad-request" });
        expect(disconnect.properties?.userProperties?.["lock-reason"]).toMatch(
          /^Response Topic .*clients\/lock1\/replies\/$/,
        );
      }
      // MQTT 5 §3.3.2.3.5 forbids wildcards in a Response Topic: refused before any operation is looked at.
      expect((await request("clients/lock1/replies/#")).reasonCode).toBe(0x82);
      expect(seen).toEqual([]);
    });

    it("refuses a PUBLISH to another client's topics as not authorized, and one to no topic with a bare 0x90", async () => {
      const { seen, handlers } = lockServer();
      const { port } = await startEndpoint(lockFleetApi, { handlers, authenticate });
      const raw = await rawConnected(port, connect("lock1"));
      const publish = (topic: string, messageId: number) =>
        raw.send({
          cmd: "publish",
          topic,
          qos: 1,
          messageId,
          dup: false,
          retain: false,
          payload: Buffer.from('{"kind":"opened","at":1}'),
          properties: { userProperties: { "event-kind": "x" } },
        });
      publish("clients/lock2/events", 1);
      const notAuthorized = await raw.next("puback");
      expect(notAuthorized).toMatchObject({ messageId: 1, reasonCode: 0x87 });
      expect(notAuthorized.properties?.userProperties).toMatchObject({ "lock-status": "not-authorized" });
      publish("clients/lock1/nowhere", 2);
      const notFound = await raw.next("puback");
      // The lock API has no not-found status: the bare reason code, and no status property.
      expect(notFound).toMatchObject({ messageId: 2, reasonCode: 0x90 });
      expect(notFound.properties?.userProperties).toEqual({
        "lock-reason": "no operation publishes to clients/lock1/nowhere",
      });
      expect(seen).toEqual([]);
    });

    it("lets a client subscribe to its own topics only, with its own id where a level is client-scoped", async () => {
      const { handlers } = lockServer();
      const { port } = await startEndpoint(lockFleetApi, { handlers, authenticate });
      const raw = await rawConnected(port, connect("lock1"));
      const filters = [
        "clients/lock1/replies/#",
        "clients/lock2/replies/#",
        "clients/+/replies/#",
        "clients/lock1/commands/unlock/+",
        "clients/lock1/commands/unlock/4",
        "clients/+/commands/unlock/+",
        "clients/lock2/commands/unlock/4",
        "clients/#",
      ];
      raw.send({ cmd: "subscribe", messageId: 1, subscriptions: filters.map((topic) => ({ topic, qos: 1 })) });
      const suback = await raw.next("suback");
      expect(suback.granted).toEqual([1, 0x87, 0x87, 1, 1, 0x87, 0x87, 0xa2]);
    });
  });

  it("delivers a command with typed topic levels; abandon redelivers, a payload that breaks its schema is a bad request, not redelivered", async () => {
    const { handlers } = lockServer();
    const { endpoint, url } = await startEndpoint(lockFleetApi, { handlers, authenticate, redelivery: { delayMs: 10 } });
    const received: unknown[] = [];
    let calls = 0;
    await lockClient(url, "lock1", (client) =>
      client.onAck("unlock", (message) => {
        received.push(message.parameters);
        calls += 1;
        return calls === 1 ? abandon("busy") : accept();
      }),
    );
    const result = await endpoint.deliver("lock1", "unlock", { payload: '{"seconds":5}' }, { parameters: { slot: 2 } });
    expect(result).toMatchObject({ outcome: "accepted", attempts: 2 });
    expect(received).toEqual([
      { clientId: "lock1", slot: 2 },
      { clientId: "lock1", slot: 2 },
    ]);
    const rejected = await endpoint.deliver(
      "lock1",
      "unlock",
      { payload: '{"seconds":0}' },
      { parameters: { slot: 2 } },
    );
    // The API's bad-request outcome, which the endpoint takes as a reject: not redelivered.
    expect(rejected).toMatchObject({
      outcome: "rejected",
      attempts: 1,
      ack: { reasonCode: 0x83, status: "bad-request", reason: "payload $.seconds: must be >= 1" },
    });
  });

  it("drops a one-way message that breaks its schema, reporting the JSON path, since nothing answers it", async () => {
    const { handlers } = lockServer();
    const { endpoint, url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    const announced: string[] = [];
    const problems: Error[] = [];
    await lockClient(url, "lock1", (client) => {
      client.onMessage("announce-firmware", (message) => void announced.push(message.payload.toString()));
      client.on("error", (error) => problems.push(error));
    });
    expect(endpoint.notify("lock1", "announce-firmware", { payload: '{"version":2}' })).toBe(true);
    expect(endpoint.notify("lock1", "announce-firmware", { payload: '{"version":"2.1"}' })).toBe(true);
    await expect.poll(() => announced).toEqual(['{"version":"2.1"}']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBeInstanceOf(PayloadError);
    expect(problems[0]?.message).toBe("payload $.version: must be string");
  });

  it("calls a request-response operation on the client, which replies under its own prefix", async () => {
    const { handlers } = lockServer();
    const { endpoint, url } = await startEndpoint(lockFleetApi, { handlers, authenticate });
    await lockClient(url, "lock1", (client) =>
      client.onRequest("read-diagnostics", (message) =>
        reply({ lineCount: 3 }, `section ${String(message.parameters.section)}`),
      ),
    );
    const response = await endpoint.request("lock1", "read-diagnostics", {}, { parameters: { section: "battery" } });
    expect(response.userProperties).toEqual({ "line-count": "3" });
    expect(response.payload.toString()).toBe("section battery");
    // Without a handler the client answers with the API's target-unavailable status, so the caller is not left
    // waiting.
    await lockClient(url, "lock2");
    const unhandled = endpoint.request("lock2", "read-diagnostics", {}, { parameters: { section: "x" } });
    await expect(unhandled).rejects.toBeInstanceOf(StatusError);
    await expect(unhandled).rejects.toMatchObject({ status: "lock-offline", reason: "no handler for read-diagnostics" });
    // A handler that never answers: the call times out, and the API has no timeout status.
    const never = () => new Promise<never>(() => undefined);
    await lockClient(url, "lock3", (client) => client.onRequest("read-diagnostics", never));
    const silent = endpoint.request("lock3", "read-diagnostics", {}, { parameters: { section: "y" }, timeoutMs: 200 });
    await expect(silent).rejects.toBeInstanceOf(RuntimeConditionError);
    await expect(silent).rejects.toMatchObject({ condition: "targetTimeout" });
  });
});
