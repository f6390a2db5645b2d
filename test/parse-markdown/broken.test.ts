/**
 * One broken copy of the seed per diagnostic code the markdown front end reports, named `<code>.md`
 * (or `<code>.<n>.md`), each stating what it must produce in a `<!-- expect: <code> <line>:<col> -->`
 * comment. That comment is on the first line, except where front matter must open the file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";

const directory = new URL("../fixtures/broken/", import.meta.url);
const fixtures = readdirSync(directory)
  .filter((name) => name.endsWith(".md"))
  .sort();

function expectation(text: string): { code: string; line: number; column: number } {
  const match = /<!-- expect: ([a-z-]+) (\d+):(\d+) -->/.exec(text);
  if (!match) throw new Error("fixture has no expect comment");
  return { code: match[1] ?? "", line: Number(match[2]), column: Number(match[3]) };
}

describe("broken specs", () => {
  it.each(fixtures)("%s reports exactly its expected diagnostic", (name) => {
    const text = readFileSync(new URL(name, directory), "utf8");
    const { code, line, column } = expectation(text);
    expect(name.split(".")[0]).toBe(code);
    const result = parseMarkdownSpec(text, `broken/${name}`);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column}`)).toEqual([
      `${code} ${line}:${column}`,
    ]);
  });
});
