/** Prose, headings and version labels of hand-written references (src/parse/markdown/prose.ts, header.ts). */
import { describe, expect, it } from "vitest";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";

function spec(header: string, summary: string, title = "Mini API"): string {
  return `# ${title}

${header}

## Operations

### Send \\_Thing\\_

${summary}

#### Message

**Topic name:** \`$iothub/things\`

**Properties**:

| Name | Type | Required | Description |
| :--- | :--- | :--- | :--- |
| \\_\\_proto\\_\\_ | string | no | a \\| b, \`c\\|d\`, &lt;e&gt; |

**Payload**: any byte sequence

#### Pseudo-code Sample

\`\`\`
-> PUBLISH
    QoS: 0
    Topic: $iothub/things
\`\`\`

## Responses
`;
}

function parse(text: string) {
  const result = parseMarkdownSpec(text, "mini.md");
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.value!;
}

describe("prose of a hand-written reference", () => {
  it("decodes character references outside code and keeps them inside code and after a backslash", () => {
    const model = parse(
      spec("Version 1.0 (api-version: `2024-01-01`).", "Sends &lt;b&gt; &amp; &copy; &#35;1 `&lt;code&gt;` \\&amp; &nosuch;"),
    );
    expect(model.operations[0]?.summary).toBe("Sends <b> & © #1 `&lt;code&gt;` \\&amp; &nosuch;");
    expect(model.description).toBe("Version 1.0 (api-version: `2024-01-01`).");
  });

  it("reads headings and names as plain text, table cells with their pipes unescaped", () => {
    const model = parse(spec("Version 1.0 (api-version: `2024-01-01`).", "", "The \\`tick\\` API"));
    expect(model.title).toBe("The `tick` API");
    expect(model.operations[0]?.name).toBe("Send _Thing_");
    const property = model.operations[0]?.request.properties[0];
    expect(property?.name).toBe("__proto__");
    expect(property?.description).toBe("a | b, `c|d`, <e>");
  });

  it("takes the versions from label paragraphs when there are any, and leaves them out of the description", () => {
    const model = parse(spec("Replaces version 0.9.\n\n**api-version:** `2024-05-01`\n\n**Version:** `2.0`", ""));
    expect(model.apiVersion).toBe("2024-05-01");
    expect(model.version).toBe("2.0");
    expect(model.description).toBe("Replaces version 0.9.");
  });

  it("reports missing-api-version when neither prose nor a label states one", () => {
    const result = parseMarkdownSpec(spec("**Version:** `2.0`", ""), "mini.md");
    expect(result.diagnostics.map((d) => d.code)).toContain("missing-api-version");
  });
});
