import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { modelToMarkdown } from "../../src/emit/index.js";
import type { ApiModel } from "../../src/model.js";
import { parseYamlSpec } from "../../src/parse/yaml/index.js";
import { modelToYaml } from "../../src/parse/yaml/write.js";
import { fullModel, mqtt5Model, overriddenIothubModel } from "../parse-yaml/models.js";
import { fileOf, hostileModel, parseMarkdownOrThrow, renderModel, seedModel, spanless } from "./support.js";

/**
 * The model as its markdown form holds it: payload schemas travel in the sidecar beside the reference,
 * and the reference has no place for payload type descriptions.
 */
function asMarkdownHoldsIt(model: ApiModel): ApiModel {
  return { ...model, payloadTypes: model.payloadTypes.map(({ name }) => ({ name, description: "" })) };
}

const REVISIONS = fileURLToPath(new URL("../fixtures/revisions/", import.meta.url));
const revisionFixtures = readdirSync(REVISIONS).filter((name) => name.endsWith(".md"));

describe("markdown reference round trip: parseMarkdownSpec(modelToMarkdown(model)) equals model", () => {
  it("for the seed", () => {
    const model = seedModel();
    expect(spanless(parseMarkdownOrThrow(modelToMarkdown(model), "reference.md"))).toEqual(spanless(model));
  });

  it("for the seed's YAML form", () => {
    const yaml = parseYamlSpec(modelToYaml(seedModel()), "iothub.yaml");
    expect(yaml.diagnostics).toEqual([]);
    const model = yaml.value!;
    expect(spanless(parseMarkdownOrThrow(modelToMarkdown(model), "reference.md"))).toEqual(spanless(model));
  });

  it.each(revisionFixtures)("for the revision fixture %s (notes stay where they belong)", (name) => {
    const model = parseMarkdownOrThrow(readFileSync(REVISIONS + name, "utf8"), name);
    expect(spanless(parseMarkdownOrThrow(modelToMarkdown(model), "reference.md"))).toEqual(spanless(model));
  });

  it.each([
    ["the iothub dialect, every direction and interaction", fullModel],
    ["the mqtt5 dialect with overrides, a connection, topic parameters, reply topics and payload-field correlation", mqtt5Model],
    ["the iothub dialect with its conventions removed and part of its connection replaced", overriddenIothubModel],
  ])("for a model in %s", (_, model) => {
    const markdown = modelToMarkdown(model);
    expect(spanless(parseMarkdownOrThrow(markdown, "reference.md"))).toEqual(spanless(asMarkdownHoldsIt(model)));
  });

  it("for a model whose prose holds markdown, HTML, */ and backticks", () => {
    const model = hostileModel();
    expect(spanless(parseMarkdownOrThrow(modelToMarkdown(model), "reference.md"))).toEqual(spanless(model));
  });

  it("is idempotent: the markdown of the read-back model is the same text", () => {
    const markdown = modelToMarkdown(seedModel());
    expect(modelToMarkdown(parseMarkdownOrThrow(markdown, "reference.md"))).toBe(markdown);
  });

  it(
    "for the rendered docs/reference.md, header included (the header stands after the front matter)",
    async () => {
      const model = seedModel();
      const rendered = fileOf(await renderModel(model), "docs/reference.md");
      expect(spanless(parseMarkdownOrThrow(rendered, "docs/reference.md"))).toEqual(spanless(model));
    },
  );
});

/** Prose with emphasis and white space that the markdown reference writes as the spec wrote it. */
const AS_WRITTEN = [
  "*stars* and __underscores__ and ***both***, kept: _em_ and **strong** and snake_case",
  "runs  of\tspaces   \nand a one-space trailer \nend",
  "Line three after a blank line  \n   indented line",
];

describe("prose in docs/reference.md as the spec wrote it", () => {
  function withProse(prose: string): ApiModel {
    const base = hostileModel();
    const [call, send] = base.operations;
    if (call === undefined || send === undefined) throw new Error("the hostile model changed shape");
    return {
      ...base,
      description: `Operations of version 1.0 (api-version: \`2024-01-01\`). ${prose}`,
      operations: [{ ...call, summary: prose, request: { ...call.request, description: prose } }, send],
    };
  }

  it.each(AS_WRITTEN)("keeps %j verbatim and reads back as the same model", (prose) => {
    const model = withProse(prose);
    const markdown = modelToMarkdown(model);
    expect(markdown).toContain(`\n${prose}\n`);
    expect(spanless(parseMarkdownOrThrow(markdown, "reference.md"))).toEqual(spanless(model));
  });

  it("keeps emphasis emphasis: *a* stays *a*, never a character reference", () => {
    const markdown = modelToMarkdown(withProse("Watch *a* and _b_."));
    expect(markdown).toContain("Watch *a* and _b_.");
    expect(markdown).not.toContain("&#42;");
  });
});
