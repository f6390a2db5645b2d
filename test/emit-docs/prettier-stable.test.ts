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

  // KNOWN BUG outside this emitter: the header comment before the front matter turns `---` into a
  // thematic break, which prettier re-spaces. Turn into `it` once src/emit/header.ts writes it after.
  it.fails(
    "rendered docs/reference.md of the seed is unchanged by prettier (fails while the header precedes the front matter)",
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
