/**
 * The emit stage's YAML printer (src/emit/yaml-text.ts): whatever the strings, YAML 1.2 and 1.1
 * readers take the text back as the same value, and strings that read plain are written plain.
 */
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { asyncApiDocument } from "../../src/emit/asyncapi/document.js";
import type { Schema } from "../../src/emit/asyncapi/schemas.js";
import { yamlText } from "../../src/emit/yaml-text.js";
import { hostileModel, seedModel } from "./support.js";

/** Strings YAML could read as something else, or that a careless printer would break. */
const TRICKY = [
  "", "true", "yes", "No", "ON", "y", "null", "Null", "~", "<<", "=", "3.0.0", "06A0", "2020-10-01", "-1", "+1", ".5",
  "0x1F", "1e3", ".inf", ".NaN", "1:20", "a: b", "a:b", "a:", "a #b", "a#b", "#x", "@x", "`x`", "'q'", '"q"', "- item",
  "? q", "{a}", "[a]", "a, b", "*alias", "&anchor", "!tag", "%dir", "|pipe", ">fold", " lead", "trail ", "tab\tin",
  "multi\nline", "multi\nline\n", "\nlead", " a\nb", "a\n\n  indented\n", "a\n---\nb", "a\n...\nb", "x\n#comment",
  "k: v\n- z", "a\r\nb", "ctrl\u0001", "del\u007f", "ls\u2028x", "nbsp\u00a0end", "bom\ufeff", "emoji 🚀", "ünï",
  "$iothub/methods/+", "^(0|[1-9][0-9]*)$", "#/components/schemas/Twin", "$message.header#/correlationData",
];

function readsBack(value: Schema): void {
  const text = yamlText(value);
  expect(parse(text), text).toEqual(value);
  expect(parse(text, { version: "1.1" }), text).toEqual(value);
}

describe("yamlText", () => {
  it.each(TRICKY.map((text) => [JSON.stringify(text), text]))("reads back %s as a value and as a key", (_, text) => {
    readsBack({ value: text, list: [text, { [text]: text }], [text]: { nested: [text] } });
  });

  it("reads back numbers, booleans, null, empty and nested collections", () => {
    readsBack({
      numbers: [0, -3, 1.5, 1e21, 2 ** 53],
      flags: [true, false, null],
      empty: { object: {}, array: [] },
      nested: [[["deep"]], [{ a: [] }, {}], []],
    });
  });

  it("writes what reads plain as plain, and several lines as a literal block", () => {
    const text = yamlText({ title: "Get Twin", address: "$iothub/twin/get", description: "One\n\nTwo" });
    expect(text).toBe("title: Get Twin\naddress: $iothub/twin/get\ndescription: |-\n  One\n\n  Two\n");
  });

  it.each([
    ["the seed", seedModel()],
    ["a model with hostile prose", hostileModel()],
  ])("reads back the AsyncAPI document of %s", (_, model) => {
    readsBack(asyncApiDocument(model));
  });
});
