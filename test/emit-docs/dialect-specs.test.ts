/**
 * The two specs beyond the seed (test/fixtures/specs/): the AWS IoT Device Shadow MQTT API and a smart-lock
 * fleet in the standard MQTT 5 dialect. Each is written in YAML and as a markdown reference with its schema
 * sidecar; both forms are valid, give one model, and that model's docs (reference, YAML, HTML, AsyncAPI)
 * say what the dialect and the operations say.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { asyncApiDocument, asyncApiYaml } from "../../src/emit/asyncapi/document.js";
import { htmlPageView } from "../../src/emit/docs/html-view.js";
import { modelToMarkdown } from "../../src/emit/index.js";
import { renderTemplate } from "../../src/emit/render.js";
import { checkSpec } from "../../src/generate.js";
import type { ApiModel } from "../../src/model.js";
import { schemaSidecarText } from "../../src/parse/schema-sidecar.js";
import { modelToYaml, parseYamlSpec } from "../../src/parse/yaml/index.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { spanless } from "./support.js";

const SPECS = ["aws-iot-shadow", "lock-fleet"] as const;
const DIRECTORY = "api";

async function checked(path: string): Promise<ApiModel> {
  const result = await checkSpec(join(PROJECT_ROOT, path), path);
  expect(result.diagnostics.map((d) => `${d.span?.start.line}:${d.span?.start.column} ${d.code}: ${d.message}`)).toEqual([]);
  if (result.model === undefined) throw new Error(`${path} has no model`);
  return result.model;
}

const models = Object.fromEntries(
  await Promise.all(SPECS.map(async (name) => [name, await checked(`${DIRECTORY}/${name}.yaml`)] as const)),
) as Record<(typeof SPECS)[number], ApiModel>;

/** The reference has no place for payload type descriptions (schemas go in its sidecar). */
function asMarkdownHoldsIt(model: ApiModel): ApiModel {
  return { ...model, payloadTypes: model.payloadTypes.map((type) => ({ ...type, description: "" })) };
}

describe.each(SPECS)("%s", (name) => {
  const model = models[name];

  it("is valid in both forms, and the markdown form with its sidecar gives the YAML form's model", async () => {
    const markdown = await checked(`test/fixtures/specs/markdown/${name}.md`);
    expect(spanless(markdown)).toEqual(spanless(model));
  });

  it("has as its markdown form exactly what the reference writer makes of the YAML form", () => {
    const markdown = readFileSync(join(PROJECT_ROOT, "test/fixtures/specs/markdown", `${name}.md`), "utf8");
    expect(modelToMarkdown(model)).toBe(markdown);
  });

  it("round-trips through the markdown reference with its sidecar, and through the YAML writer", async () => {
    const directory = mkdtempSync(join(tmpdir(), "mqttgen-reference-"));
    try {
      writeFileSync(join(directory, "reference.md"), modelToMarkdown(model));
      writeFileSync(join(directory, "reference.schemas.json"), schemaSidecarText(model) ?? "{}");
      const read = await checkSpec(join(directory, "reference.md"), "reference.md");
      expect(read.diagnostics).toEqual([]);
      expect(spanless(read.model!)).toEqual(spanless(asMarkdownHoldsIt(model)));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    const yaml = parseYamlSpec(modelToYaml(model), "written.yaml");
    expect(yaml.diagnostics).toEqual([]);
    expect(spanless(yaml.value!)).toEqual(spanless(model));
  });

  it("gives an AsyncAPI document that @asyncapi/parser validates without errors", async () => {
    const diagnostics = await new Parser().validate(asyncApiYaml(model));
    expect(diagnostics.map((d) => String(d.code))).toEqual(["asyncapi-latest-version"]);
  });

  it("gives an HTML page with the dialect's conventions, the connection and every operation", () => {
    const html = renderTemplate("index.html", { ...htmlPageView(model, name), versionSwitcher: "" });
    expect(html).toContain('<section id="conventions">');
    expect(html).toContain("<dd><code>mqtt5</code></dd>");
    expect(html).toContain('<section id="connection">');
    for (const operation of model.operations) expect(html).toContain(`<section id="op-${operation.id}">`);
    expect(html).toContain("the connection&#39;s own client id");
  });
});

describe("the AWS IoT Device Shadow API", () => {
  const model = models["aws-iot-shadow"];

  it("answers every request on its accepted or rejected topic, correlated by clientToken, failures as code and message", () => {
    const requests = model.operations.filter((operation) => operation.interaction === "request-response");
    expect(requests.map((operation) => operation.id)).toEqual([
      "get-shadow",
      "update-shadow",
      "delete-shadow",
      "get-named-shadow",
      "update-named-shadow",
      "delete-named-shadow",
    ]);
    for (const operation of requests) {
      const verb = operation.topic.template.split("/").at(-1);
      expect(operation.reply).toMatchObject({
        kind: "accepted-rejected",
        accepted: { template: `${operation.topic.template}/accepted` },
        rejected: { template: `${operation.topic.template}/rejected` },
      });
      expect(verb).toMatch(/^(get|update|delete)$/);
      expect(operation.correlation).toMatchObject({ kind: "payload-field", field: "clientToken" });
      expect(operation.failurePayload).toMatchObject({ codeField: "code", messageField: "message", payloadType: "ShadowErrorDocument" });
    }
  });

  it("lists the documented error codes, integers, with their classes", () => {
    expect(model.dialect.statusFormat).toBe("integer");
    expect(model.responses.map((entry) => [entry.status, entry.statusClass, entry.retryable])).toEqual([
      ["400", "client-error", false],
      ["401", "client-error", false],
      ["403", "client-error", false],
      ["404", "client-error", false],
      ["409", "client-error", false],
      ["413", "client-error", false],
      ["415", "client-error", false],
      ["429", "client-error", true],
      ["500", "server-error", false],
      ["503", "server-error", true],
    ]);
    const update = model.operations.find((operation) => operation.id === "update-shadow");
    expect(update?.alternatives.map((outcome) => outcome.status)).toEqual(model.responses.map((entry) => entry.status));
  });

  it("scopes thingName to the client: delta and documents are subscribed to for the thing itself only", () => {
    const filters = model.operations.flatMap((operation) => (operation.subscription ? [operation.subscription.filter] : []));
    expect(filters).toEqual([
      "$aws/things/{thingName}/shadow/update/delta",
      "$aws/things/{thingName}/shadow/update/documents",
      "$aws/things/{thingName}/shadow/name/+/update/delta",
      "$aws/things/{thingName}/shadow/name/+/update/documents",
    ]);
    expect(model.operations.map((operation) => operation.group)).toEqual([
      ...Array(5).fill("Classic shadow"),
      ...Array(5).fill("Named shadows"),
    ]);
  });

  it("describes accepted replies, rejected topics and clientToken correlation in AsyncAPI", () => {
    const document = asyncApiDocument(model) as Record<string, Record<string, Record<string, unknown>>>;
    expect(document["channels"]?.["get-shadow-reply"]?.["address"]).toBe("$aws/things/{thingName}/shadow/get/accepted");
    expect(document["channels"]?.["get-shadow-rejected"]?.["address"]).toBe("$aws/things/{thingName}/shadow/get/rejected");
    expect(document["operations"]?.["get-shadow-rejected"]?.["action"]).toBe("receive");
    const request = (document["channels"]?.["get-shadow"]?.["messages"] as Record<string, Record<string, unknown>>)["request"];
    expect(request?.["correlationId"]).toMatchObject({ location: "$message.payload#/clientToken" });
    const parameters = document["channels"]?.["get-shadow"]?.["parameters"] as Record<string, Record<string, unknown>>;
    expect(parameters["thingName"]).toMatchObject({ "x-mqttgen-scope": "client-id", "x-mqttgen-type": "string" });
  });
});

describe("the smart-lock fleet API", () => {
  const model = models["lock-fleet"];

  it("lets the requester set Response Topic under its own prefix, shown in the reference's pseudo-code", () => {
    expect(model.dialect.replies).toEqual({ kind: "requester-topic", prefix: "clients/{clientId}/replies" });
    const reference = modelToMarkdown(model);
    expect(reference).toContain(
      "-> PUBLISH\n    QoS: 0\n    Topic: clients/{clientId}/locks/{slot}/state/get\n    Response Topic: clients/{clientId}/replies/get-lock-state\n    Correlation Data: <bytes>\n" +
        "<- PUBLISH\n    QoS: 0\n    Topic: clients/{clientId}/replies/get-lock-state\n    Correlation Data: <bytes, echoed>",
    );
    const reply = asyncApiDocument(model)["operations"] as Record<string, Record<string, unknown>>;
    expect(reply["get-lock-state"]?.["reply"]).toMatchObject({ address: { location: "$message.header#/responseTopic" } });
  });

  it("acknowledges telemetry at QoS 1 with reason codes and its status property, and types topic parameters", () => {
    const report = model.operations.find((operation) => operation.id === "report-event");
    expect(report).toMatchObject({ interaction: "message-ack", qos: 1 });
    expect(report?.alternatives.map((outcome) => [outcome.status, outcome.reasonCode])).toEqual([
      ["bad-request", 131],
      ["not-authorized", 135],
      ["server-error", 128],
    ]);
    expect(model.dialect.outcome).toEqual({ statusProperty: "lock-status", reasonProperty: "lock-reason" });
    const unlock = model.operations.find((operation) => operation.id === "unlock");
    expect(unlock?.topic.parameters.map((p) => [p.name, p.type, p.scope])).toEqual([
      ["clientId", "string", "client-id"],
      ["slot", "u32", "free"],
    ]);
    expect(unlock?.subscription?.filter).toBe("clients/{clientId}/commands/unlock/+");
  });

  it("declares every kind of MQTT 5 property it uses and who may connect", () => {
    const fields = model.operations.flatMap((operation) =>
      operation.request.properties.flatMap((property) => (property.kind === "first-class" ? [property.mqttField] : [])),
    );
    expect(new Set(fields)).toEqual(new Set(["contentType", "messageExpiryInterval", "retain"]));
    expect(model.connection.authentication).toEqual([{ kind: "username-password" }, { kind: "token", method: "lock-token" }]);
    expect(model.connection.userProperties).toEqual([]);
  });
});
