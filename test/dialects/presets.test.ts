/**
 * The dialect presets as data, and their resolution. The iothub preset must say exactly what the runtime
 * did for IoT Hub before dialects were data (docs/protocol.md#connection, #properties, #outcome-properties, #status-codes), written out below as
 * the runtime's tables held it then: resolved against the seed, it gives that dialect and connection.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIALECT_PRESETS, presetConnection } from "../../src/dialects/presets.js";
import { dialectDeclaration, resolveConnection, resolveDialect } from "../../src/dialects/resolve.js";
import { RUNTIME_CONDITIONS } from "../../src/model.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { SEED_PATH } from "../emit-docs/support.js";

const seed = parseMarkdownSpec(readFileSync(SEED_PATH, "utf8"), "api/iothub.md").value!;
/** The IoT Hub dialect and connection exactly as the runtime's hand-written tables spelled them before the generated table. */
const runtime = {
  dialect: {
    name: "iothub",
    replies: { kind: "shared-topic", topic: "$iothub/responses" },
    correlation: { kind: "correlation-data", maxBytes: 16 },
    outcome: { statusProperty: { name: "status", format: "hex16" }, reasonProperty: "reason", traceProperty: "trace-id" },
    statusFormat: "hex16",
    applicationProperties: { prefix: "@" },
    undeclaredProperties: "refuse",
    runtimeStatuses: {
      badRequest: "0100",
      notAuthorized: "0101",
      notFound: "0504",
      serverError: "0601",
      serverTimeout: "0602",
      serverBusy: "0603",
      targetUnavailable: "06A0",
      targetTimeout: "06A1",
      targetFailed: "06A2",
      abandon: "0603",
      reject: "0100",
    },
  },
  connection: {
    authentication: [
      { kind: "sas", method: "SAS" },
      { kind: "x509", method: "X509" },
    ],
    userProperties: [
      { name: "api-version", required: true, value: seed.apiVersion },
      { name: "host", required: false },
      { name: "sas-at", required: false },
      { name: "sas-expiry", required: false },
      { name: "sas-policy", required: false },
      { name: "client-agent", required: false },
    ],
    limits: {
      maximumPacketSize: 262_144,
      receiveMaximum: 16,
      topicAliasMaximum: 10,
      maximumQos: 1,
      keepAliveMaximum: 1140,
      maximumSubscriptions: 50,
    },
  },
};

describe("the iothub preset", () => {
  it("resolved for the seed is the dialect the runtime speaks to IoT Hub", () => {
    const { name, replies, correlation, outcome, statusFormat, applicationProperties, undeclaredProperties, runtimeStatuses } =
      seed.dialect;
    expect({
      name,
      replies,
      correlation,
      outcome: {
        statusProperty: { name: outcome.statusProperty, format: statusFormat },
        reasonProperty: outcome.reasonProperty,
        traceProperty: outcome.traceProperty,
      },
      statusFormat,
      applicationProperties,
      undeclaredProperties,
      runtimeStatuses,
    }).toEqual(runtime.dialect);
  });

  it("gives the seed the connection the runtime requires of IoT Hub clients", () => {
    const { authentication, userProperties, limits } = seed.connection;
    expect({
      authentication,
      userProperties: userProperties.map(({ name, required, value }) => ({ name, required, ...(value === undefined ? {} : { value }) })),
      limits,
    }).toEqual(runtime.connection);
  });

  it("has a status of the seed's catalog for every runtime condition, each a failure", () => {
    for (const condition of RUNTIME_CONDITIONS) {
      const status = seed.dialect.runtimeStatuses[condition];
      expect(seed.responses.find((entry) => entry.status === status)?.statusClass, condition).toMatch(/error$/);
    }
  });
});

describe("resolving a declaration", () => {
  const catalog = [{ status: "0100" }, { status: "0601" }];

  it("keeps a preset's runtime statuses only where the catalog defines them", () => {
    expect(resolveDialect({ base: "iothub" }, catalog).runtimeStatuses).toEqual({
      badRequest: "0100",
      serverError: "0601",
      reject: "0100",
    });
  });

  it("keeps declared runtime statuses as declared, and removes those declared null", () => {
    const dialect = resolveDialect({ base: "iothub", runtimeStatuses: { badRequest: null, notFound: "0504" } }, catalog);
    expect(dialect.runtimeStatuses).toEqual({ notFound: "0504", serverError: "0601", reject: "0100" });
  });

  it("overrides each field and removes the optional ones declared null", () => {
    const dialect = resolveDialect(
      {
        base: "iothub",
        replies: { kind: "requester-topic", prefix: "r/{clientId}" },
        correlationMaxBytes: null,
        outcome: { statusProperty: "s", traceProperty: null },
        statusFormat: "text",
        applicationPrefix: null,
        undeclaredProperties: "accept",
      },
      [],
    );
    expect(dialect).toEqual({
      name: "iothub",
      replies: { kind: "requester-topic", prefix: "r/{clientId}" },
      correlation: { kind: "correlation-data" },
      outcome: { statusProperty: "s", reasonProperty: "reason" },
      statusFormat: "text",
      undeclaredProperties: "accept",
      runtimeStatuses: {},
    });
  });

  it("is undone by dialectDeclaration: the shortest declaration resolves to the same dialect", () => {
    const declared = {
      base: "mqtt5" as const,
      outcome: { statusProperty: "lock-status" },
      runtimeStatuses: { badRequest: "bad" },
    };
    const dialect = resolveDialect(declared, [{ status: "bad" }]);
    expect(dialectDeclaration(dialect, [{ status: "bad" }])).toEqual(declared);
    expect(dialectDeclaration(resolveDialect({ base: "iothub" }, catalog), catalog)).toEqual({ base: "iothub" });
  });

  it("replaces the connection part by part", () => {
    const connection = resolveConnection("iothub", "v1", { authentication: [{ kind: "none" }] });
    expect(connection.authentication).toEqual([{ kind: "none" }]);
    expect(connection.userProperties).toEqual(presetConnection("iothub", "v1").userProperties);
    expect(connection.userProperties[0]).toMatchObject({ name: "api-version", value: "v1", required: true });
    expect(resolveConnection("mqtt5", "v1", {})).toEqual({ authentication: [{ kind: "none" }], userProperties: [], limits: {} });
  });

  it("has the mqtt5 preset speak standard MQTT 5: requester-chosen Response Topic, reason codes, any property name", () => {
    expect(DIALECT_PRESETS.mqtt5).toEqual({
      name: "mqtt5",
      replies: { kind: "requester-topic", prefix: "clients/{clientId}/replies" },
      correlation: { kind: "correlation-data" },
      outcome: {},
      statusFormat: "text",
      undeclaredProperties: "accept",
      runtimeStatuses: {},
    });
  });
});
