/** The client view-model for the seed: names, property tables, payload handling and signatures. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientFileView } from "../../src/emit/client/view-model.js";
import { validateModel } from "../../src/index.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { PROJECT_ROOT } from "../support/cli.js";

const model = parseMarkdownSpec(readFileSync(join(PROJECT_ROOT, "api/iothub.md"), "utf8"), "api/iothub.md").value!;
const view = clientFileView(model, "iothub");

describe("client view-model (seed)", () => {
  it("names the client, its options and operations interface after the spec", () => {
    expect(view).toMatchObject({
      className: "IothubClient",
      optionsType: "IothubClientOptions",
      operationsType: "IothubOperations",
    });
    expect(view.imports.map((i) => i.from)).toEqual(["@mqttgen/runtime/client", "./api.js", "./payloads.js", "./status.js"]);
    expect(clientFileView(model, "2020-api").className).toBe("Api2020ApiClient");
  });

  it("has one method per client→server operation and one registration per server→client one", () => {
    expect(view.requests.map((r) => [r.methodName, r.optionsType, r.returnType])).toEqual(
      expect.arrayContaining([
        ["getTwin", "GetTwinOptions", "Promise<GetTwinResponse>"],
        ["patchTwinReported", "PatchTwinReportedOptions", "Promise<PatchTwinReportedResponse>"],
        ["sendTelemetry", "SendTelemetryOptions", "Promise<runtime.PublishResult>"],
      ]),
    );
    expect(view.requests).toHaveLength(3);
    expect(view.handlers.map((h) => [h.registrationName, h.registration, h.messageType, h.handlerBase])).toEqual(
      expect.arrayContaining([
        ["onCommands", "onAck", "ReceiveCommandsMessage", "runtime.AckHandlerOf"],
        ["onDirectMethods", "onRequest", "ReceiveDirectMethodsMessage", "runtime.RequestHandlerOf"],
        ["onTwinDesiredStateChanges", "onMessage", "ReceiveTwinDesiredStateChangesMessage", "runtime.MessageHandlerOf"],
      ]),
    );
    expect(view.handlers).toHaveLength(3);
  });

  it("maps payloads: Twin parsed from JSON, TwinState encoded, bytes as bytes, empty as nothing", () => {
    const byName = Object.fromEntries(view.requests.map((r) => [r.methodName, r]));
    expect(byName.getTwin).toMatchObject({
      sendsPayload: false,
      receivesJson: true,
      responseBase: "runtime.JsonResponse",
      responsePayloadType: "payloads.Twin",
    });
    expect(byName.patchTwinReported).toMatchObject({
      sendsPayload: true,
      sendsJson: true,
      receivesJson: false,
      responseBase: "runtime.ClientResponse",
      parameters: "value: payloads.TwinState, options: PatchTwinReportedOptions = {}",
    });
    expect(byName.sendTelemetry).toMatchObject({
      sendsPayload: true,
      sendsJson: false,
      hasApplicationProperties: true,
      optionsBase: "runtime.PublishOptions",
    });
    const desired = view.handlers.find((h) => h.registrationName === "onTwinDesiredStateChanges");
    expect(desired).toMatchObject({ receivesJson: true, messageBase: "runtime.JsonMessage", payloadType: "payloads.TwinState" });
  });

  it("types every property with its key and TypeScript type, and takes its topic parameter types from api.ts", () => {
    const commands = view.operations.find((o) => o.id === "receive-commands");
    expect(commands?.requestProperties.map((p) => [p.key, p.tsType, p.optionalMark])).toEqual([
      ["sequenceNo", "bigint", ""],
      ["enqueuedTime", "Date", ""],
      ["deliveryCount", "number", ""],
      ["creationTime", "Date", "?"],
      ["messageId", "string", "?"],
      ["userId", "string", "?"],
      ["correlationId", "string", "?"],
      ["contentType", "string", "?"],
      ["contentEncoding", "string", "?"],
    ]);
    expect(commands?.requestProperties.find((p) => p.key === "contentType")?.description).toBe(
      "determines Content Type of the payload; MQTT Content Type.",
    );
    expect(commands).toMatchObject({ hasParameters: false, parametersTypeRef: "runtime.NoParameters" });
    const methods = view.operations.find((o) => o.id === "receive-direct-methods");
    expect(methods).toMatchObject({
      parametersTypeRef: "ReceiveDirectMethodsParameters",
      requestTypeRef: "runtime.NoProperties",
      responseTypeRef: "ReceiveDirectMethodsResponseProperties",
      idKey: '"receive-direct-methods"',
    });
    expect(methods?.responseProperties.map((p) => [p.key, p.tsType, p.description])).toEqual([
      ["responseCode", "number", "The `response-code` user property, u32."],
    ]);
  });

  it("reports client names that clash, and properties that would shadow a client option", () => {
    // "Twin Response" request properties and "Twin" response properties are both TwinResponseProperties.
    const patch = model.operations.find((o) => o.id === "patch-twin-reported")!;
    const clashing = {
      ...model,
      operations: [{ ...patch, id: "twin-response", name: "Twin Response" }, { ...patch, id: "twin", name: "Twin" }],
    };
    const shadowing = {
      ...model,
      operations: model.operations.map((o) =>
        o.id === "send-telemetry"
          ? {
              ...o,
              request: {
                ...o.request,
                properties: [...o.request.properties, { ...o.request.properties[1]!, name: "qos" }],
              },
            }
          : o,
      ),
    };
    expect(validateModel(model, "api/iothub.md")).toEqual([]);
    expect(validateModel(clashing, "x.md").map((d) => d.message)).toContainEqual(
      'operation "Twin" and operation "Twin Response" both become TwinResponseProperties',
    );
    expect(validateModel(shadowing, "x.md").map((d) => [d.code, d.message])).toContainEqual([
      "identifier-clash",
      'property "qos" of "Send Telemetry" becomes qos, which client options reserve',
    ]);
  });
});
