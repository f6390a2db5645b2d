import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { asyncApiDocument } from "../../src/emit/asyncapi/document.js";
import { loadSpec } from "../../src/parse/index.js";
import { asyncApiYaml } from "../../src/emit/asyncapi/document.js";
import { api, message, mqtt5Model, operation } from "../parse-yaml/models.js";
import { fileOf, hostileModel, renderModel, SEED_PATH, seedModel } from "./support.js";

const ERROR = 0;

/** The value at `keys` inside nested objects, or undefined. */
function at(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>(
    (node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );
}

function entries(value: unknown): [string, unknown][] {
  return typeof value === "object" && value !== null ? Object.entries(value) : [];
}

async function diagnosticsOf(yaml: string) {
  return (await new Parser().validate(yaml)).map((d) => ({
    severity: d.severity,
    code: String(d.code),
    message: d.message,
  }));
}

describe("asyncapi.yaml", () => {
  it("of the seed validates with @asyncapi/parser without errors", async () => {
    const diagnostics = await diagnosticsOf(fileOf(await renderModel(seedModel()), "asyncapi.yaml"));
    expect(diagnostics.filter((d) => d.severity === ERROR)).toEqual([]);
    // Only the advice to move to 3.1.0 remains (an information, severity 2).
    expect(diagnostics.map((d) => d.code)).toEqual(["asyncapi-latest-version"]);
  });

  it("of the seed with its payload schema sidecar validates without errors (schema refs point into components)", async () => {
    const loaded = await loadSpec(SEED_PATH, "api/iothub.md");
    expect(loaded.value).toBeDefined();
    const yaml = fileOf(await renderModel(loaded.value!), "asyncapi.yaml");
    expect(yaml).not.toContain("#/$defs/");
    expect((await diagnosticsOf(yaml)).filter((d) => d.severity === ERROR)).toEqual([]);
  });

  it("of a model with hostile prose validates without errors", async () => {
    const diagnostics = await diagnosticsOf(fileOf(await renderModel(hostileModel()), "asyncapi.yaml"));
    expect(diagnostics.filter((d) => d.severity === ERROR)).toEqual([]);
  });

  it("of an API without a status catalog validates without errors and has no Status schema", async () => {
    const model = api({
      operations: [
        operation("Get Thing", "client-to-server", "request-response", "$demo/things/{id}", {
          success: message({ payload: { kind: "bytes" } }),
        }),
        operation("Send", "client-to-server", "message-ack", "$demo/send"),
      ],
    });
    expect(model.responses).toEqual([]);
    const yaml = asyncApiYaml(model);
    expect((await diagnosticsOf(yaml)).filter((d) => d.severity === ERROR)).toEqual([]);
    expect(at(asyncApiDocument(model), "components", "schemas", "Status")).toBeUndefined();
  });

  it("of a model in the mqtt5 dialect with reply topics of both kinds validates without errors", async () => {
    const diagnostics = await diagnosticsOf(asyncApiYaml(mqtt5Model));
    expect(diagnostics.filter((d) => d.severity === ERROR)).toEqual([]);
    const document = asyncApiDocument(mqtt5Model);
    expect(at(document, "channels", "get-state-reply", "address")).toBe("locks/{clientId}/{slot}/state/reply");
    expect(at(document, "channels", "set-code-rejected", "address")).toBe("locks/{clientId}/{slot}/code/rejected");
    expect(at(document, "operations", "read-log", "reply", "address", "location")).toBe("$message.header#/responseTopic");
    expect(at(document, "channels", "read-log-reply", "address")).toBeNull();
    expect(at(document, "channels", "get-state", "messages", "request", "bindings", "mqtt", "correlationData", "maxLength")).toBe(32);
    expect(at(document, "channels", "set-code", "messages", "request", "correlationId", "location")).toBe("$message.payload#/token");
    expect(at(document, "channels", "report", "messages", "message", "headers", "patternProperties")).toEqual({
      "^app-.+": { type: "string" },
    });
  });

  it("keeps hostile prose as CommonMark text: no raw HTML in any description", () => {
    const document: unknown = asyncApiDocument(hostileModel());
    const descriptions: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === "description" && typeof value === "string") descriptions.push(value);
          else collect(value);
        }
      }
    };
    collect(document);
    const withHostile = descriptions.filter((text) => text.includes("alert(1)"));
    expect(withHostile.length).toBeGreaterThan(5);
    for (const text of withHostile) {
      expect(text).toContain("&lt;script>alert(1)&lt;/script>");
      expect(text).not.toMatch(/<script/i);
    }
  });

  it("describes operations from the device's side, with replies, parameters, QoS and the status catalog", () => {
    const document: unknown = asyncApiDocument(seedModel());
    expect(at(document, "asyncapi")).toBe("3.0.0");
    // The API's own version; the api-version, a CONNECT user property, has no AsyncAPI field.
    expect(at(document, "info", "version")).toBe("2.0");
    expect(at(document, "info", "x-api-version")).toBe("2020-10-01-preview");
    expect(at(document, "servers", "production", "description")).toContain("`api-version` (string, required, always `2020-10-01-preview`)");
    const actions = Object.fromEntries(entries(at(document, "operations")).map(([id, op]) => [id, at(op, "action")]));
    expect(actions).toEqual({
      "get-twin": "send",
      "patch-twin-reported": "send",
      "receive-commands": "receive",
      "receive-direct-methods": "receive",
      "receive-twin-desired-state-changes": "receive",
      "send-telemetry": "send",
    });
    expect(at(document, "operations", "send-telemetry", "bindings", "mqtt", "qos")).toBe(1);
    expect(at(document, "operations", "receive-commands", "x-subscription")).toEqual({
      filter: "$iothub/commands",
      qos: 1,
    });
    expect(at(document, "channels", "receive-direct-methods", "address")).toBe("$iothub/methods/{name}");
    expect(entries(at(document, "channels", "receive-direct-methods", "parameters")).map(([name]) => name)).toEqual([
      "name",
    ]);
    expect(at(document, "channels", "responses", "address")).toBe("$iothub/responses");
    expect(at(document, "operations", "patch-twin-reported", "reply")).toEqual({
      channel: { $ref: "#/channels/responses" },
      messages: [
        { $ref: "#/channels/responses/messages/patch-twin-reported-response" },
        { $ref: "#/channels/responses/messages/patch-twin-reported-failure" },
      ],
    });
    const response = at(document, "channels", "responses", "messages", "patch-twin-reported-response");
    expect(at(response, "correlationId", "location")).toBe("$message.header#/correlationData");
    expect(at(response, "bindings", "mqtt", "correlationData")).toEqual({
      type: "string",
      format: "binary",
      maxLength: 16,
    });
    expect(at(response, "headers", "properties", "version", "pattern")).toBe("^(0|[1-9][0-9]*)$");
    expect(at(response, "headers", "required")).toEqual(["version"]);
    const telemetry = at(document, "channels", "send-telemetry", "messages", "message");
    expect(at(telemetry, "headers", "additionalProperties")).toBe(false);
    expect(at(telemetry, "x-mqtt-properties", "contentType", "x-mqtt-name")).toBe("Content Type");
    const catalog = at(document, "components", "schemas", "Status", "oneOf");
    const statuses = (Array.isArray(catalog) ? catalog : []).map((s: unknown) => [
      at(s, "const"),
      at(s, "x-mqtt-reason-code"),
      at(s, "x-status-class"),
      at(s, "x-retryable"),
    ]);
    expect(statuses).toHaveLength(16);
    expect(statuses).toContainEqual(["06A0", 131, "server-error", true]);
    expect(statuses).toContainEqual(["0001", 0, "success", false]);
  });
});
