/**
 * Spec text is text (issue 3): prose, names and titles holding markdown, HTML, references, comment
 * closers, backticks or block syntax render as text in the markdown and HTML references, and the markdown
 * reference reads back as the same model.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { inlineMarkdownHtml } from "../../src/emit/docs/html-text.js";
import { modelToMarkdown } from "../../src/emit/index.js";
import type { ApiModel } from "../../src/model.js";
import { operationId } from "../../src/parse/common.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { parseYamlSpec } from "../../src/parse/yaml/index.js";
import { fileOf, hostileModel, parseMarkdownOrThrow, renderModel, spanless } from "./support.js";

/** Prose that markdown, HTML or a generated comment could take for something other than text. */
const PROSE = [
  "<script>alert(1)</script>",
  "a &amp; b &lt;i&gt; &copy; &#35; &#x26; &nosuch; & c",
  "one ` backtick, ``two `inner` ticks`` and \\` escaped",
  "closes */ a comment and opens /* another",
  "template ${injected} and `${in code}`",
  "pipes | inside \\\\| and `a|b`",
  "__proto__ and _under_ and *stars* and **bold**",
  "unicode: Grüße, 日本語, emoji 🚀, combining é, zero\u200bwidth",
  "# not a heading\n> not a quote\n- not a list\n1. not a list\n+ nor this",
  "text\n---\nnot a setext heading\n===\n| a | b |\n|---|---|\n| c | d |",
  "```\nnot a fence\n```\n~~~\nnor this",
  "[label]: https://example.invalid/ not a definition",
  "**Payload**: not a label",
  "**api-version:** `not-a-label`",
  "  leading and trailing spaces  ",
  "line\nbreaks\n\nparagraphs\n\n\n\nwide gap\n  \nblank-looking line",
  "\n\nleading blank lines and trailing ones\n\n",
  "<!-- comment --> and <b>bold</b> and <https://example.invalid/>",
  "backslash \\< escaped and \\\\<b> not",
];

/** Names and titles: plain text with the same hostile characters (user property names stay lower-case, unspaced). */
const NAMES = [
  "__proto__",
  "_under_",
  "<script>",
  "a|b",
  "*/",
  "${x}",
  "`tick`",
  "&amp;",
  "back\\slash",
  "[link](x)",
  "trailing#",
  "~strike~",
  "ünï",
];

function hostileProseModel(prose: string, name: string): ApiModel {
  const base = hostileModel();
  const [call, send] = base.operations;
  const [catalogEntry] = base.responses;
  if (call === undefined || send === undefined || catalogEntry === undefined || call.success === undefined) {
    throw new Error("the hostile model changed shape");
  }
  const property = (description: string) =>
    ({ kind: "user", name, type: "string", required: false, description }) as const;
  return {
    ...base,
    title: `Title ${name} ${prose.replace(/\s+/g, " ").trim()}`,
    description: prose,
    notes: [{ kind: "note", text: prose }],
    operations: [
      {
        ...call,
        id: operationId(`Call ${name}`),
        name: `Call ${name}`,
        summary: prose,
        request: { ...call.request, description: prose, properties: [property(prose)] },
        success: { ...call.success, description: prose, notes: [{ kind: "tip", text: prose }] },
        alternatives: [{ ...call.alternatives[0]!, name: `Bad ${name}`, description: prose }],
        notes: [{ kind: "caution", text: prose }],
      },
      { ...send, id: operationId(`Send ${name}`), name: `Send ${name}`, summary: "" },
    ],
    responses: [{ ...catalogEntry, name: `Bad ${name}`, description: prose, properties: [property(prose)] }],
  };
}

describe("markdown reference of hostile text", () => {
  it.each(PROSE.map((prose, index) => [JSON.stringify(prose), prose, NAMES[index % NAMES.length]!] as const))(
    "reads back as the same model: %s",
    (_label, prose, name) => {
      const model = hostileProseModel(prose, name);
      const markdown = modelToMarkdown(model);
      expect(spanless(parseMarkdownOrThrow(markdown, "reference.md"))).toEqual(spanless(model));
    },
  );

  it.each(NAMES)("keeps the name %s as plain text in headings and cells", (name) => {
    const model = hostileProseModel("Plain prose.", name);
    const read = parseMarkdownOrThrow(modelToMarkdown(model), "reference.md");
    expect(read.title).toBe(model.title);
    expect(read.operations.map((operation) => operation.name)).toEqual([`Call ${name}`, `Send ${name}`]);
    expect(read.responses[0]?.name).toBe(`Bad ${name}`);
    expect(read.operations[0]?.request.properties[0]?.name).toBe(name);
    expect(read.operations[0]?.alternatives[0]?.name).toBe(`Bad ${name}`);
  });

  it("writes no raw HTML: < outside code spans is &lt; in prose, \\< in names", () => {
    // Without the fences, which a note keeps (an unclosed one makes the rest of the note code).
    const prose = PROSE.filter((text) => !text.includes("```")).join("\n\n");
    const markdown = modelToMarkdown(hostileProseModel(prose, "<script>"));
    // The front matter is YAML for the docs site, not markdown; the pseudo-code is a fenced code block.
    const body = markdown.slice(markdown.indexOf("\n---\n") + 5).replace(/^```\n[\s\S]*?\n```$/gm, "");
    expect(body).toContain("&lt;script>alert(1)&lt;/script>");
    expect(body).not.toMatch(/(?<!\\)<script/i);
    expect(body).not.toMatch(/(?<!\\)(<b>bold|<!-- comment|<https)/);
    expect(body).toContain("# Title \\<script> \\<script>alert(1)\\</script>");
    expect(markdown).toContain("&lt;script>alert(1)&lt;/script>");
    expect(markdown).toContain("`a|b`".replace("|", "\\|"));
  });

  it("escapes a property named __proto__ so that it is no bold `proto`", () => {
    const markdown = modelToMarkdown(hostileProseModel("x", "__proto__"));
    expect(markdown).toContain("| \\_\\_proto\\_\\_ |");
  });

  it("keeps the seed layout's hostile model (descriptions stating the versions) without version labels", () => {
    const markdown = modelToMarkdown(hostileModel());
    expect(markdown).not.toContain("**api-version:**");
    expect(spanless(parseMarkdownOrThrow(markdown, "reference.md"))).toEqual(spanless(hostileModel()));
  });
});

describe("versions of a model whose description does not state them", () => {
  it.each([
    ["an empty description", ""],
    ["a description without versions", "Just a thermostat."],
    ["a description naming another version", "Replaces version 0.9 (api-version: `2019-01-01`)."],
  ])("round-trips %s through version label paragraphs", (_label, description) => {
    const model: ApiModel = { ...hostileModel(), description, version: "1.0" };
    const markdown = modelToMarkdown(model);
    expect(markdown).toContain("**api-version:** `2024-01-01`\n\n**Version:** `1.0`");
    expect(spanless(parseMarkdownOrThrow(markdown, "reference.md"))).toEqual(spanless(model));
  });

  it("round-trips an empty description and version", () => {
    const model: ApiModel = { ...hostileModel(), description: "", version: "" };
    const markdown = modelToMarkdown(model);
    expect(markdown).not.toContain("**Version:**");
    expect(spanless(parseMarkdownOrThrow(markdown, "reference.md"))).toEqual(spanless(model));
  });

  it("round-trips FORMAT.md's minimal example (convert --to markdown and back)", () => {
    const format = readFileSync(fileURLToPath(new URL("../../src/parse/yaml/FORMAT.md", import.meta.url)), "utf8");
    const yaml = /## Minimal example\n\n```yaml\n([\s\S]*?)```/.exec(format)?.[1];
    expect(yaml).toBeDefined();
    const parsed = parseYamlSpec(yaml ?? "", "minimal.yaml");
    expect(parsed.diagnostics).toEqual([]);
    const model = parsed.value!;
    expect(model.description).toBe("");
    const back = parseMarkdownSpec(modelToMarkdown(model), "minimal.md");
    expect(back.diagnostics).toEqual([]);
    // The markdown carries payload schemas in a sidecar, which `convert` writes beside it.
    const withoutSchemas = { ...model, payloadTypes: model.payloadTypes.map(({ schema: _, ...type }) => type) };
    expect(spanless(back.value!)).toEqual(spanless(withoutSchemas));
  });
});

describe("HTML reference of hostile text", () => {
  it("contains no element from spec text: no <script, no <b>, no comment", async () => {
    const model = hostileProseModel(PROSE.join("\n\n"), "<script>");
    const html = fileOf(await renderModel(model), "docs/index.html");
    // The page's own two scripts (the search index and its reader), and no other.
    expect(html.match(/<script/gi)).toEqual(["<script", "<script"]);
    expect(html).toMatch(/<script type="application\/json" id="search-index">[^<]*<\/script>\s*<script>/);
    expect(html).not.toMatch(/<b>|<!-- comment|<https/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // A reference in the model is literal text, so its & is escaped once more.
    expect(html).toContain("a &amp;amp; b");
  });

  it("finds code spans as the markdown reference does: an escaped backtick opens none", () => {
    expect(inlineMarkdownHtml("\\`not code\\` but `a<b>` and ``x`y``")).toBe(
      "`not code` but <code>a&lt;b&gt;</code> and <code>x`y</code>",
    );
  });
});
