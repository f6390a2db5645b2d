import { describe, expect, it } from "vitest";
import type { ApiModel } from "../../src/model.js";
import { modelToYaml, parseYamlSpec } from "../../src/parse/yaml/index.js";
import { stripSpans } from "../support/strip-spans.js";
import { api, fullModel, message, mqtt5Model, operation, overriddenIothubModel } from "./models.js";

function roundTrip(model: ApiModel): ApiModel | undefined {
  const result = parseYamlSpec(modelToYaml(model), "written.yaml");
  expect(result.diagnostics).toEqual([]);
  return result.value && stripSpans(result.value);
}

describe("modelToYaml then parseYamlSpec", () => {
  it("gives back a model using every direction, interaction, notes, schemas and first-class properties", () => {
    expect(roundTrip(fullModel)).toEqual(fullModel);
  });

  it("gives back a model in the mqtt5 dialect with overrides, a connection, topic parameters, reply topics, payload-field correlation and a failure payload", () => {
    expect(roundTrip(mqtt5Model)).toEqual(mqtt5Model);
  });

  it("gives back a model in the iothub dialect with its optional conventions removed and part of its connection replaced", () => {
    expect(roundTrip(overriddenIothubModel)).toEqual(overriddenIothubModel);
  });

  it("writes only what differs from the dialect preset", () => {
    const written = modelToYaml(overriddenIothubModel);
    expect(written).toContain(
      [
        "dialect:",
        "  base: iothub",
        "  correlationMaxBytes: null",
        "  outcome:",
        "    reasonProperty: null",
        "    traceProperty: null",
        "  statusFormat: integer",
        "  applicationPrefix: null",
        "  undeclaredProperties: accept",
        "  runtimeStatuses:",
        '    notFound: "404"',
        '    serverError: "503"',
        "connection:",
        "  authentication:",
        "    - sas",
        "  limits: {}",
      ].join("\n"),
    );
    expect(modelToYaml(api({}))).toContain("\ndialect:\n  base: iothub\n  replies:\n    sharedTopic: $demo/responses\n");
  });

  it("gives back the smallest model", () => {
    const model = api({});
    expect(roundTrip(model)).toEqual(model);
  });

  it("keeps payload types the reader would add only when order or content needs them", () => {
    const uses = [
      operation("A", "client-to-server", "message", "$x/a", {
        request: message({ payload: { kind: "named", type: "First" } }),
      }),
      operation("B", "client-to-server", "message", "$x/b", {
        request: message({ payload: { kind: "named", type: "Second" } }),
      }),
    ];
    const inUseOrder = api({
      operations: uses,
      payloadTypes: [
        { name: "First", description: "" },
        { name: "Second", description: "" },
      ],
    });
    const reversed = api({
      operations: uses,
      payloadTypes: [
        { name: "Second", description: "" },
        { name: "First", description: "" },
      ],
    });
    const unused = api({
      operations: uses,
      payloadTypes: [
        { name: "First", description: "" },
        { name: "Second", description: "" },
        { name: "Spare", description: "" },
      ],
    });

    expect(modelToYaml(inUseOrder)).not.toContain("payloadTypes");
    expect(modelToYaml(reversed)).toMatch(/payloadTypes:\n {2}- name: Second\n/);
    for (const model of [inUseOrder, reversed, unused]) expect(roundTrip(model)).toEqual(model);
  });

  it("writes the schema modeline, the format marker and no derived data", () => {
    const text = modelToYaml(fullModel);
    const lines = text.split("\n");
    expect(lines[0]).toBe("# yaml-language-server: $schema=node_modules/mqttgen/src/parse/yaml/api.schema.json");
    expect(lines[1]).toBe("mqttgen: 1");
    for (const derived of [
      "id",
      "parameters",
      "subscription",
      "filter",
      "sender",
      "statusClass",
      "retryable",
      "kind",
      "mqttField",
    ]) {
      expect(text).not.toMatch(new RegExp(`^\\s*(- )?${derived}:`, "m"));
    }
    expect(modelToYaml(fullModel, { schemaPath: "../api.schema.json" }).split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../api.schema.json",
    );
  });

  it("is deterministic and leaves out defaults", () => {
    expect(modelToYaml(fullModel)).toBe(modelToYaml(structuredClone(fullModel)));
    const model = api({
      operations: [operation("Ping", "client-to-server", "request-response", "$x/ping")],
    });
    expect(modelToYaml(model)).toBe(
      [
        "# yaml-language-server: $schema=node_modules/mqttgen/src/parse/yaml/api.schema.json",
        "mqttgen: 1",
        "title: Demo API",
        "apiVersion: 2024-01-01",
        "dialect:",
        "  base: iothub",
        "  replies:",
        "    sharedTopic: $demo/responses",
        "operations:",
        "  - name: Ping",
        "    direction: client-to-server",
        "    interaction: request-response",
        "    topic: $x/ping",
        "    request: {}",
        "    success: {}",
        "",
      ].join("\n"),
    );
  });
});
