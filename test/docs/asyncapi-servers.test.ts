/**
 * What the AsyncAPI document says of where and how to connect, for every spec, and that no generated doc
 * cites a file outside the project or denies a schema the spec defines.
 */
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { asyncApiDocument } from "../../src/emit/asyncapi/document.js";
import { renderSpec } from "../../src/emit/index.js";
import { docsSpecs } from "./specs.js";

const specs = await docsSpecs();
const byName = new Map(specs.map((spec) => [spec.name, spec]));

function specNamed(name: string) {
  const spec = byName.get(name);
  if (spec === undefined) throw new Error(`no spec ${name}`);
  return spec;
}

describe("AsyncAPI servers", () => {
  it("of the seed: a {host} variable, TLS on 8883, X509 as a security scheme, the api-version among the CONNECT properties", () => {
    const document = asyncApiDocument(specNamed("iothub").model);
    expect(document["servers"]).toMatchObject({
      production: {
        host: "{host}:8883",
        protocol: "secure-mqtt",
        protocolVersion: "5",
        variables: { host: { description: "The server's host name; the spec states none." } },
        security: [{ $ref: "#/components/securitySchemes/x509" }],
        bindings: { mqtt: { maximumPacketSize: 262144, bindingVersion: "0.2.0" } },
      },
    });
    expect(JSON.stringify(document["servers"])).toContain("shared access signature as MQTT 5 Authentication Data under Authentication Method `SAS`");
    expect(document["info"]).toMatchObject({ version: "2.0", "x-api-version": "2020-10-01-preview" });
  });

  it("of the lock fleet: its stated port and TLS, user name and password as a security scheme, the token described", () => {
    const document = asyncApiDocument(specNamed("lock-fleet").model);
    expect(document["servers"]).toMatchObject({
      production: { host: "{host}:8883", protocol: "secure-mqtt", security: [{ $ref: "#/components/securitySchemes/userPassword" }] },
    });
    expect(document["components"]).toMatchObject({ securitySchemes: { userPassword: { type: "userPassword" } } });
    expect(JSON.stringify(document["servers"])).toContain("a token as MQTT 5 Authentication Data under Authentication Method `lock-token`");
    expect(document["info"]).toMatchObject({ version: "1.0", "x-api-version": "2025-01-15" });
  });
});

describe.each(specs.map((spec) => [spec.name, spec] as const))("the docs of %s", (_, spec) => {
  it("cite no file outside the project and deny no schema the spec defines", async () => {
    const files = await renderSpec(spec.model, { specName: spec.name, inputPath: spec.path, inputSha256: "0".repeat(64), toolVersion: "0.0.0-test" });
    for (const file of files.filter((f) => /\.(html|md|yaml)$/.test(f.path))) {
      expect(file.content, file.path).not.toMatch(/PROTOCOL\.md|\.\.\/shared/);
    }
    const asyncapi = parse(files.find((file) => file.path === "asyncapi.yaml")?.content ?? "") as { components: { schemas: Record<string, { description?: string }> } };
    for (const type of spec.model.payloadTypes.filter((t) => t.schema !== undefined)) {
      expect(asyncapi.components.schemas[type.name]?.description ?? "", type.name).not.toMatch(/no schema/);
    }
  });
});
