/**
 * docs/protocol.md is the wire-conventions document code, templates, schemas, generated files and the README
 * cite as `docs/protocol.md#<section>`, or `docs/protocol.md#<a>, #<b>` for several: every cited section
 * must exist (as a heading's GitHub anchor), and nothing may cite the document that lived outside the
 * repository before it.
 */
import { readFileSync } from "node:fs";
import { glob } from "tinyglobby";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url);
const PROTOCOL = readFileSync(new URL("docs/protocol.md", ROOT), "utf8");
const CITING = [
  "README.md",
  "docs/**/*.md",
  "api/**",
  "schemas/**",
  "templates/**",
  "src/**",
  "generated/**",
  "examples/**",
  "test/**/*.ts",
  "bench/**",
];
/** `docs/protocol.md#<a>`, or several of its sections as `docs/protocol.md#<a>, #<b>`. */
const CITATION = /docs\/protocol\.md#[\w-]+(?:, #[\w-]+)*/g;

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as `-`. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6} (.+)$/gm)) found.add(anchorOf(match[1] ?? ""));
  return found;
}

async function citingFiles(): Promise<{ path: string; text: string }[]> {
  const paths = await glob(CITING, { cwd: ROOT.pathname, ignore: ["**/node_modules/**"], dot: false });
  return paths.sort().map((path) => ({ path, text: readFileSync(new URL(path, ROOT), "utf8") }));
}

describe("docs/protocol.md citations", () => {
  it("name sections that exist", async () => {
    const sections = anchors(PROTOCOL);
    const cited: string[] = [];
    const missing: string[] = [];
    for (const { path, text } of await citingFiles()) {
      for (const match of text.matchAll(CITATION)) {
        for (const [anchor] of match[0].matchAll(/(?<=#)[\w-]+/g)) {
          cited.push(anchor);
          if (!sections.has(anchor)) missing.push(`${path}: #${anchor}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The code cites the document throughout: a pattern that found nothing would prove nothing.
    expect(new Set(cited).size).toBeGreaterThan(20);
  });

  it("replace every citation of the document that lived outside the repository", async () => {
    const outside = ["PROTOCOL", ".md"].join("");
    const stale = (await citingFiles())
      .filter(({ path }) => !path.endsWith("protocol-citations.test.ts"))
      .filter(({ text }) => text.includes(outside) || text.includes("../shared/"))
      .map(({ path }) => path);
    expect(stale).toEqual([]);
  });

  it("computes anchors as GitHub does", () => {
    expect([...anchors("## The standard dialect (`mqtt5`)\n### X.509\n### Re-authentication\n")]).toEqual([
      "the-standard-dialect-mqtt5",
      "x509",
      "re-authentication",
    ]);
  });
});
