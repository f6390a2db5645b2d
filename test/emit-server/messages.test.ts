/**
 * messages.ts: every message's property table declared once, under the name `messageNames` gives it, and
 * shared by client.ts and server.ts (the same frozen objects at run time); its layout, the same whatever
 * the lengths; the name check validation adds for it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientApi } from "../../generated/iothub/client.js";
import * as messages from "../../generated/iothub/messages.js";
import { SERVER_OPERATIONS } from "../../generated/iothub/server.js";
import { messagesFileView } from "../../src/emit/messages/view-model.js";
import { renderTemplate } from "../../src/emit/render.js";
import type { ApiModel } from "../../src/model.js";
import { messageNames } from "../../src/names.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { DiagnosticCollector } from "../../src/diagnostics.js";
import { checkServerNames } from "../../src/validate/names.js";
import { PROJECT_ROOT } from "../support/cli.js";

const model = parseMarkdownSpec(readFileSync(join(PROJECT_ROOT, "api/iothub.md"), "utf8"), "api/iothub.md").value!;

describe("messages view-model (seed)", () => {
  const view = messagesFileView(model);

  it("has a table per request or message and per request-response success, named by messageNames", () => {
    expect(view.tables.map((t) => t.name)).toEqual([
      "getTwinRequest",
      "getTwinResponse",
      "patchTwinReportedRequest",
      "patchTwinReportedResponse",
      "commandsMessage",
      "directMethodsRequest",
      "directMethodsResponse",
      "twinDesiredStateChangesMessage",
      "sendTelemetryMessage",
    ]);
    expect(view.tables.map((t) => t.name)).toEqual(
      model.operations.flatMap((o) => {
        const { message, response } = messageNames(o);
        return response === undefined ? [message] : [message, response];
      }),
    );
    expect(view.tables.find((t) => t.name === "sendTelemetryMessage")?.description).toBe(
      "Properties of the Send Telemetry message.",
    );
  });

  it("writes each row's key, wire name, type, requirement, kind and MQTT field", () => {
    const commands = view.tables.find((t) => t.name === "commandsMessage");
    expect(commands?.rows.map((r) => [r.key, r.name, r.type, r.required, r.kind])).toContainEqual([
      "deliveryCount",
      "delivery-count",
      "u32",
      true,
      "user",
    ]);
    expect(commands?.rows.filter((r) => r.isFirstClass).map((r) => [r.name, r.mqttField])).toEqual([
      ["Content Type", "contentType"],
    ]);
  });
});

describe("messages.ts layout", () => {
  const send = model.operations.find((o) => o.id === "send-telemetry")!;
  const named = (name: string, withRows: boolean): ApiModel => ({
    ...model,
    operations: [{ ...send, id: "op", name, request: { ...send.request, properties: withRows ? send.request.properties : [] } }],
  });

  it.each([
    ["a short name, with rows", "x", true],
    ["a long name, with rows", "x".repeat(120), true],
    ["a long name, without rows", "x".repeat(120), false],
  ])("declares a table on one line and its rows one member a line: %s", (_, name, withRows) => {
    const text = renderTemplate("messages.ts", messagesFileView(named(name, withRows)));
    const table = messageNames({ ...send, name }).message;
    expect(text).toContain(`\nexport const ${table}: readonly PropertySpec[] = Object.freeze([\n`);
    expect(text).toContain(withRows ? '  Object.freeze({\n    key: "contentType",\n    name: "Content Type",\n' : "Object.freeze([\n]);");
  });

  it("is an empty module when the API has no operations", () => {
    const text = renderTemplate("messages.ts", messagesFileView({ ...model, operations: [] }));
    expect(text).toMatch(/^export \{\};$/m);
    expect(text).not.toContain("import");
  });
});

describe("generated/iothub/messages.ts", () => {
  it("is the one copy of each table: client.ts and server.ts hold the same objects", () => {
    const client = (id: string) => clientApi.operations.find((o) => o.id === id)!;
    const server = (id: string) => SERVER_OPERATIONS.find((o) => o.id === id)!;
    expect(client("patch-twin-reported").requestProperties).toBe(messages.patchTwinReportedRequest);
    expect(client("patch-twin-reported").responseProperties).toBe(messages.patchTwinReportedResponse);
    expect(client("receive-commands").requestProperties).toBe(messages.commandsMessage);
    expect(server("receive-commands").requestProperties).toBe(messages.commandsMessage);
    expect(server("send-telemetry").requestProperties).toBe(messages.sendTelemetryMessage);
  });

  it("freezes every table and every row, whoever imports it first", () => {
    for (const table of Object.values(messages)) {
      expect(Object.isFrozen(table)).toBe(true);
      for (const row of table) expect(Object.isFrozen(row)).toBe(true);
    }
    expect(messages.sendTelemetryMessage[0]).toEqual({
      key: "contentType",
      name: "Content Type",
      type: "string",
      required: false,
      kind: "first-class",
      mqttField: "contentType",
    });
  });
});

describe("validation of message names", () => {
  it("reports two operations whose messages would take one export of messages.ts", () => {
    const commands = model.operations.find((o) => o.id === "receive-commands")!;
    const broken: ApiModel = { ...model, operations: [...model.operations, { ...commands, id: "commands", name: "Commands" }] };
    const diagnostics = new DiagnosticCollector("api/iothub.md");
    checkServerNames(broken, diagnostics);
    const found = diagnostics.diagnostics.map((d) => `${d.code}: ${d.message}`);
    // messages.ts's names derive from server.ts's type names, and a clash is reported once per place.
    expect(found).toEqual(['identifier-clash: server type "Commands" and "Receive Commands" both become CommandsMessage']);
  });
});
