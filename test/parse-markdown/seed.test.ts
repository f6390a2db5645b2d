import { describe, expect, it } from "vitest";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { parseRepoSpec, readRepoFile } from "./helpers.js";

const model = parseRepoSpec("api/iothub.md");

describe("the seed reference", () => {
  it("parses without diagnostics", () => {
    expect(parseMarkdownSpec(readRepoFile("api/iothub.md"), "api/iothub.md").diagnostics).toEqual([]);
  });

  it("reads the title, versions, description, response topic and front matter (Q1, Q17)", () => {
    expect(model.title).toBe("IoT Hub data plane MQTT 5 API reference");
    expect(model.apiVersion).toBe("2020-10-01-preview");
    expect(model.version).toBe("2.0");
    expect(model.description).toBe(
      "This document defines operations available in version 2.0 (api-version: `2020-10-01-preview`) of IoT Hub data plane API.",
    );
    expect(model.dialect.replies).toEqual({ kind: "shared-topic", topic: "$iothub/responses" });
    expect(Object.keys(model.frontMatter)).toEqual([
      "title",
      "description",
      "services",
      "author",
      "ms.service",
      "ms.topic",
      "ms.date",
      "ms.author",
    ]);
    expect(model.frontMatter["ms.date"]).toBe("11/19/2020");
    expect(model.notes).toEqual([]);
  });

  it("finds the six operations with direction, interaction, QoS and subscription (Q2, Q3, Q5, Q21)", () => {
    const rows = model.operations.map((operation) => [
      operation.id,
      operation.direction,
      operation.interaction,
      operation.qos,
      operation.subscription ? `${operation.subscription.filter} qos ${operation.subscription.qos}` : undefined,
    ]);
    expect(rows).toEqual([
      ["get-twin", "client-to-server", "request-response", 0, undefined],
      ["patch-twin-reported", "client-to-server", "request-response", 0, undefined],
      ["receive-commands", "server-to-client", "message-ack", 1, "$iothub/commands qos 1"],
      ["receive-direct-methods", "server-to-client", "request-response", 0, "$iothub/methods/+ qos 0"],
      ["receive-twin-desired-state-changes", "server-to-client", "message", 0, "$iothub/twin/patch/desired qos 0"],
      ["send-telemetry", "client-to-server", "message-ack", 1, undefined],
    ]);
  });

  it("keeps names, summaries and topics with their parameters", () => {
    const methods = model.operations.find((operation) => operation.id === "receive-direct-methods");
    expect(methods?.name).toBe("Receive Direct Methods");
    expect(methods?.summary).toBe("Receive and handle Direct Method calls");
    expect(methods?.topic).toMatchObject({
      template: "$iothub/methods/{name}",
      parameters: [{ name: "name", level: 2 }],
    });
    expect(methods?.topic.span).toEqual({ start: { line: 181, column: 17 }, end: { line: 181, column: 41 } });
  });

  it("reads property tables with first-class names, empty descriptions and none (Q4, Q10)", () => {
    const commands = model.operations.find((operation) => operation.id === "receive-commands");
    const contentType = commands?.request.properties.find((property) => property.name === "Content Type");
    expect(contentType).toEqual({
      kind: "first-class",
      name: "Content Type",
      type: "string",
      required: false,
      description: "determines Content Type of the payload",
      mqttField: "contentType",
      span: { start: { line: 137, column: 1 }, end: { line: 137, column: 72 } },
    });
    expect(
      commands?.request.properties.map((property) => `${property.name}:${property.type}:${property.required}`),
    ).toEqual([
      "sequence-no:u64:true",
      "enqueued-time:time:true",
      "delivery-count:u32:true",
      "creation-time:time:false",
      "message-id:string:false",
      "user-id:string:false",
      "correlation-id:string:false",
      "Content Type:string:false",
      "content-encoding:string:false",
    ]);
    const patch = model.operations.find((operation) => operation.id === "patch-twin-reported");
    expect(patch?.request.properties).toMatchObject([
      { kind: "user", name: "if-version", type: "u64", description: "" },
    ]);
    expect(patch?.success?.properties).toMatchObject([{ name: "version", type: "u64", required: true }]);
    const getTwin = model.operations.find((operation) => operation.id === "get-twin");
    expect(getTwin?.request.properties).toEqual([]);
    expect(getTwin?.success?.properties).toEqual([]);
  });

  it("names the twin payloads and keeps bytes and empty apart (Q15)", () => {
    const payloads = Object.fromEntries(
      model.operations.map((operation) => [
        operation.id,
        [operation.request.payload.kind, operation.success?.payload.kind],
      ]),
    );
    expect(payloads).toEqual({
      "get-twin": ["empty", "named"],
      "patch-twin-reported": ["named", "empty"],
      "receive-commands": ["bytes", "empty"],
      "receive-direct-methods": ["bytes", "bytes"],
      "receive-twin-desired-state-changes": ["named", undefined],
      "send-telemetry": ["bytes", "empty"],
    });
    expect(model.payloadTypes).toEqual([
      { name: "Twin", description: "" },
      { name: "TwinState", description: "" },
    ]);
  });

  it("tags outcomes with their sender and takes reason codes from the table or the catalog (Q8, Q19)", () => {
    const commands = model.operations.find((operation) => operation.id === "receive-commands");
    expect(commands?.success?.sender).toBe("client");
    expect(commands?.success?.description).toBe("Indicates command was accepted for handling by the client");
    expect(
      commands?.alternatives.map(({ status, name, reasonCode, sender }) => ({ status, name, reasonCode, sender })),
    ).toEqual([
      { status: "0603", name: "Abandon", reasonCode: 131, sender: "client" },
      { status: "0100", name: "Reject", reasonCode: 131, sender: "client" },
    ]);
    const telemetry = model.operations.find((operation) => operation.id === "send-telemetry");
    expect(telemetry?.alternatives.find((outcome) => outcome.status === "0501")?.reasonCode).toBe(151);
    const methods = model.operations.find((operation) => operation.id === "receive-direct-methods");
    expect(methods?.alternatives).toEqual([
      {
        status: "06A0",
        name: "Unavailable",
        description: "Indicates that client is not reachable through this connection.",
        reasonCode: 131,
        sender: "client",
        span: { start: { line: 202, column: 1 }, end: { line: 202, column: 90 } },
      },
    ]);
    const getTwin = model.operations.find((operation) => operation.id === "get-twin");
    expect(getTwin?.alternatives.map((outcome) => `${outcome.status}:${outcome.reasonCode}`)).toEqual([
      "0100:131",
      "0101:135",
      "0102:131",
      "0501:151",
      "0502:151",
      "0601:131",
      "0602:131",
      "0603:131",
    ]);
  });

  it("reads the 16 catalog responses with reason codes, classes and retryability (F29, F30, Q13)", () => {
    expect(model.responses).toHaveLength(16);
    const byStatus = new Map(model.responses.map((response) => [response.status, response]));
    expect(byStatus.get("0001")).toMatchObject({
      name: "Not Modified",
      reasonCode: 0,
      statusClass: "success",
      retryable: false,
    });
    expect(byStatus.get("06A0")).toMatchObject({
      name: "Target Unavailable",
      reasonCode: 131,
      statusClass: "server-error",
      retryable: true,
    });
    expect(byStatus.get("0504")).toMatchObject({ name: "Not Found", statusClass: "client-error", retryable: true });
    expect(byStatus.get("0101")).toMatchObject({ reasonCode: 135, statusClass: "client-error", retryable: false });
    expect(byStatus.get("0103")?.properties.map((property) => property.name)).toEqual(["trace-id", "reason"]);
    expect(byStatus.get("0100")?.description).toBe("Operation message is malformed and cannot be processed.");
    expect(byStatus.get("0100")?.span).toEqual({ start: { line: 314, column: 1 }, end: { line: 314, column: 16 } });
  });

  it("gives every operation, message and payload a span", () => {
    for (const operation of model.operations) {
      expect(operation.span, operation.id).toBeDefined();
      expect(operation.request.span, operation.id).toBeDefined();
      expect(operation.request.payload.span, operation.id).toBeDefined();
      for (const property of operation.request.properties) expect(property.span, property.name).toBeDefined();
    }
    expect(model.operations[0]?.span).toEqual({ start: { line: 18, column: 1 }, end: { line: 18, column: 13 } });
  });
});
