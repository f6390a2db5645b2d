/** The server view-model for the seed, the name checks validation adds for server.ts, and the typed-message runtime. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ApiModel } from "../../src/model.js";
import { serverFileView } from "../../src/emit/server/view-model.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { decodeTypedMessage, encodeTypedMessage, type MessageSpec, type TypedInboundExtras } from "../../src/runtime/index.js";
import { validateModel } from "../../src/index.js";
import { PROJECT_ROOT } from "../support/cli.js";

const model = parseMarkdownSpec(readFileSync(join(PROJECT_ROOT, "api/iothub.md"), "utf8"), "api/iothub.md").value!;
const view = serverFileView(model, "iothub");

describe("server view-model (seed)", () => {
  it("names the server after the spec and has a handler per c2s operation, a call per s2c one", () => {
    expect(view).toMatchObject({
      serverClass: "IothubServer",
      handlersType: "IothubHandlers",
      createFunction: "createIothubServer",
    });
    expect(
      view.handlers.map((h) => [h.id, h.handlerName, h.message.typeName, h.hasResponse ? h.response.typeName : ""]),
    ).toEqual([
      ["get-twin", "getTwin", "GetTwinRequest", "GetTwinReply"],
      ["patch-twin-reported", "patchTwinReported", "PatchTwinReportedRequest", "PatchTwinReportedReply"],
      ["send-telemetry", "sendTelemetry", "SendTelemetryMessage", ""],
    ]);
    expect(view.calls.map((c) => [c.callName, c.isDeliver, c.isCall, c.isNotify])).toEqual([
      ["deliverCommands", true, false, false],
      ["callDirectMethods", false, true, false],
      ["notifyTwinDesiredStateChanges", false, false, true],
    ]);
  });

  it("types messages flat: properties, topic parameters and payload members; delivery-count left to the server", () => {
    const commands = view.calls[0]!;
    expect(commands.hasDeliveryCount).toBe(true);
    expect(commands.deliveryCountKey).toBe("deliveryCount");
    expect(commands.message.members.map((m) => m.key)).not.toContain("deliveryCount");
    const methods = view.calls[1]!;
    expect(methods.parameters).toEqual([{ name: "name", key: "name" }]);
    expect(methods.message.members.map((m) => [m.key, m.type])).toEqual([
      ["name", "string"],
      ["payload", "Uint8Array | string"],
    ]);
    expect(methods.response.members.map((m) => [m.key, m.type])).toEqual([
      ["responseCode", "number"],
      ["payload", "Buffer"],
    ]);
    const patch = view.handlers[1]!;
    expect(patch.message.members.map((m) => [m.key, m.type, m.optional])).toEqual([
      ["ifVersion", "bigint", true],
      ["payload", "payloads.TwinState", false],
      ["raw", "Buffer", false],
    ]);
  });
});

describe("validation of server.ts names", () => {
  const withOperation = (change: (operations: ApiModel["operations"]) => ApiModel["operations"]): ApiModel => ({
    ...model,
    operations: change(model.operations),
  });

  it("reports a property that would take a reserved member of server messages", () => {
    const broken = withOperation((operations) =>
      operations.map((o) =>
        o.id === "send-telemetry"
          ? {
              ...o,
              request: {
                ...o.request,
                properties: [...o.request.properties, { ...o.request.properties[1]!, name: "payload" }],
              },
            }
          : o,
      ),
    );
    const found = validateModel(broken, "api/iothub.md").filter((d) => d.message.includes("server messages reserve"));
    expect(found.map((d) => d.code)).toEqual(["identifier-clash"]);
  });

  it("reports two operations whose server types or calls meet", () => {
    const broken = withOperation((operations) => [
      ...operations,
      { ...operations.find((o) => o.id === "receive-commands")!, id: "commands", name: "Commands" },
    ]);
    const clashes = validateModel(broken, "api/iothub.md").filter((d) => d.code === "identifier-clash");
    // One problem per place: the operation's first clashing name is reported, not every name made from it.
    expect(clashes).toHaveLength(1);
    expect(clashes[0]?.message).toMatch(/operation "Commands" and operation "Receive Commands" both become \w+/);
  });

  it("finds nothing to report in the seed", () => {
    expect(validateModel(model, "api/iothub.md")).toEqual([]);
  });
});

describe("typed messages (runtime)", () => {
  const codec: MessageSpec = {
    properties: [{ key: "version", name: "version", type: "u64", required: true, kind: "user" }],
    payload: "json",
  };
  type Patch = TypedInboundExtras & { version: bigint; payload: unknown; raw: Buffer };

  it("decodes properties, application properties and JSON with its raw bytes", () => {
    const decoded = decodeTypedMessage<Patch>(
      codec,
      { userProperties: { version: "7", "@room": "kitchen" }, payload: Buffer.from('{"a":1,"__proto__":{"x":1}}') },
      "request",
      "@",
    );
    expect(decoded).toMatchObject({ version: 7n, applicationProperties: { room: "kitchen" }, extra: {} });
    expect({ ...(decoded.payload as object) }).toEqual({ a: 1 });
    expect(decoded.raw.toString()).toBe('{"a":1,"__proto__":{"x":1}}');
  });

  it("refuses what does not decode: bad request for requests, target failed for responses", () => {
    const bad = { userProperties: { version: "-1" }, payload: Buffer.from("{}") };
    expect(() => decodeTypedMessage(codec, bad, "request", "@")).toThrow(expect.objectContaining({ condition: "badRequest" }));
    expect(() => decodeTypedMessage(codec, bad, "response", "@")).toThrow(expect.objectContaining({ condition: "targetFailed" }));
    const notJson = { userProperties: { version: "1" }, payload: Buffer.from("{") };
    expect(() => decodeTypedMessage(codec, notJson, "request", "@")).toThrow(expect.objectContaining({ condition: "badRequest" }));
  });

  it("encodes typed values, application properties and payloads by codec", () => {
    const values = { version: 3n, payload: { fan: true }, applicationProperties: { a: "b" } };
    const encoded = encodeTypedMessage(codec, values, "@");
    expect(encoded.userProperties).toEqual({ version: "3", "@a": "b" });
    expect(Buffer.from(encoded.payload as Uint8Array).toString()).toBe('{"fan":true}');
    const bytes: MessageSpec = { properties: [], payload: "bytes" };
    const notBytes = { payload: 42, applicationProperties: {} };
    expect(() => encodeTypedMessage(bytes, notBytes, "@")).toThrow(TypeError);
  });
});
