import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { modelToMarkdown } from "../../src/emit/docs/reference.js";
import type { ApiModel } from "../../src/model.js";
import { hostileModel, parseMarkdownOrThrow, renderModel, seedModel, spanless } from "./support.js";

const PARSERS = [
  ["docs/index.html", "html"],
  ["asyncapi.yaml", "yaml"],
] as const;

describe("templates already produce prettier's default output", () => {
  it.each(PARSERS)("%s of the seed is unchanged by prettier (%s)", async (path, parser) => {
    const text = (await renderModel(seedModel())).get(path) ?? "";
    expect(text).not.toBe("");
    expect(await format(text, { parser })).toBe(text);
  });

  it("docs/reference.md content of the seed is unchanged by prettier (markdown)", async () => {
    const text = modelToMarkdown(seedModel());
    expect(await format(text, { parser: "markdown" })).toBe(text);
  });

  it(
    "rendered docs/reference.md of the seed, header included, is unchanged by prettier",
    async () => {
      const text = (await renderModel(seedModel())).get("docs/reference.md") ?? "";
      expect(await format(text, { parser: "markdown" })).toBe(text);
    },
  );

  it.each(PARSERS)("%s of a model with hostile prose is unchanged by prettier (%s)", async (path, parser) => {
    const text = (await renderModel(hostileModel())).get(path) ?? "";
    expect(await format(text, { parser })).toBe(text);
  });

  it("docs/reference.md of a model with hostile prose, header included, is unchanged by prettier", async () => {
    const text = (await renderModel(hostileModel())).get("docs/reference.md") ?? "";
    expect(text).toContain("Watch &#42;this&#42;");
    expect(await format(text, { parser: "markdown" })).toBe(text);
  });
});

/** Prose whose white space or emphasis prettier would rewrite if the references wrote it as is. */
const REWRITTEN_PROSE = [
  "Line three after a blank line  \n   indented line",
  "runs  of\tspaces   \nand a one-space trailer \nend",
  "*stars* and __underscores__ and ***both***, kept: _em_ and **strong** and snake_case",
  "**Payload**: not a label",
  "  edges  ",
];

/**
 * The hostile model with `prose` in its descriptions and summary and in a table cell. Not in notes:
 * they keep their block markdown (lists, quotes, fences), which prettier lays out its own way.
 */
function modelWithProse(prose: string): ApiModel {
  const base = hostileModel();
  const [call, send] = base.operations;
  if (call === undefined || send === undefined) throw new Error("the hostile model changed shape");
  const property = { kind: "user", name: "p", type: "string", required: false, description: prose } as const;
  return {
    ...base,
    description: `Operations of version 1.0 (api-version: \`2024-01-01\`). ${prose}`,
    operations: [
      { ...call, summary: prose, request: { ...call.request, description: prose, properties: [property] } },
      send,
    ],
  };
}

describe("prose that prettier would rewrite", () => {
  it.each(REWRITTEN_PROSE)("leaves docs/reference.md and docs/index.html unchanged by prettier: %j", async (prose) => {
    const files = await renderModel(modelWithProse(prose));
    const markdown = files.get("docs/reference.md") ?? "";
    const html = files.get("docs/index.html") ?? "";
    expect(await format(markdown, { parser: "markdown" })).toBe(markdown);
    expect(await format(html, { parser: "html" })).toBe(html);
  });

  it.each(REWRITTEN_PROSE)("still reads back from docs/reference.md as the same model: %j", (prose) => {
    const model = modelWithProse(prose);
    expect(spanless(parseMarkdownOrThrow(modelToMarkdown(model), "reference.md"))).toEqual(spanless(model));
  });
});
