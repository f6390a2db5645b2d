import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { modelToMarkdown } from "../../src/emit/docs/reference.js";
import { hostileModel, renderModel, seedModel } from "./support.js";

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
});
