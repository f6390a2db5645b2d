/** The reference's quirks (docs/protocol.md#reading-the-reference) and robustness, on small inline specs. */
import { describe, expect, it } from "vitest";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";

const CATALOG = `## Responses

### Bad Request

Operation message is malformed.

**Reason Code:** \`131\`

**Status:** \`0100\`

**Properties**:
 none

**Payload**: empty
`;

/** A one-operation spec whose operation body is `operation`. */
function spec(operation: string, catalog = CATALOG): string {
  return `# Mini API

Version 1.0 of the mini API (api-version: \`2024-01-01\`).

## Operations

### Send Thing

Sends a thing.

${operation}

${catalog}`;
}

const TELEMETRY = `#### Message

**Topic name:** \`$iothub/things\`

**Properties**:
 none

**Payload**: any byte sequence

#### Success Acknowledgment

**Properties**: none

**Payload**: empty

#### Pseudo-code Sample

\`\`\`
-> PUBLISH
    QoS: 1
    Topic: $iothub/things
<- PUBACK
\`\`\``;

function parse(text: string) {
  return parseMarkdownSpec(text, "mini.md");
}

describe("markdown quirks", () => {
  it("reads a minimal spec, its version and api-version", () => {
    const { value, diagnostics } = parse(spec(TELEMETRY));
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({ title: "Mini API", version: "1.0", apiVersion: "2024-01-01", frontMatter: {} });
    expect(value?.operations[0]).toMatchObject({ id: "send-thing", interaction: "message-ack", qos: 1 });
  });

  it("accepts bold labels with the colon inside or outside and none in any case or indentation (Q10, Q12)", () => {
    const text = spec(
      TELEMETRY.replace("**Topic name:** `$iothub/things`", "**Topic name**: `$iothub/things`")
        .replace("**Properties**:\n none", "**Properties:**\n     NONE")
        .replace("**Payload**: any byte sequence", "**Payload:** Any Byte Sequence"),
    );
    const { value, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(value?.operations[0]?.topic.template).toBe("$iothub/things");
    expect(value?.operations[0]?.request.properties).toEqual([]);
    expect(value?.operations[0]?.request.payload.kind).toBe("bytes");
  });

  it("matches retitled section headings case-insensitively (Q2, Q22)", () => {
    const text = spec(
      TELEMETRY.replace("#### Success Acknowledgment", "#### success acknowledgement").replace(
        "#### Pseudo-code Sample",
        "#### Pseudo code",
      ),
    );
    expect(parse(text).diagnostics).toEqual([]);
  });

  it("defaults QoS by interaction when the pseudo-code shows none (Q21)", () => {
    const { value } = parse(spec(TELEMETRY.replace("    QoS: 1\n", "")));
    expect(value?.operations[0]?.qos).toBe(1);
  });

  it("canonicalises status spellings and trims doubled spaces in cells (Q10, Q11)", () => {
    const text = spec(
      TELEMETRY.replace(
        "#### Pseudo-code Sample",
        "#### Alternative Acknowledgments\n\n| Reason Code | Status | Name | Description |\n| --- | --- | --- | --- |\n|  131  |  06a0 |  Busy   |  |\n\n#### Pseudo-code Sample",
      ),
    );
    const { value, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(value?.operations[0]?.alternatives).toMatchObject([
      { status: "06A0", name: "Busy", description: "", reasonCode: 131, sender: "server" },
    ]);
  });

  it("keeps every DocFX alert kind and plain quotes as notes, without the marker (Q22)", () => {
    const alerts = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"].map((kind) => `> [!${kind}]\n> About ${kind}.`);
    const text = spec(`${alerts.join("\n\n")}\n\n> Plain quote.\n\n${TELEMETRY}`);
    const { value, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(value?.operations[0]?.notes.map((note) => `${note.kind}: ${note.text}`)).toEqual([
      "note: About NOTE.",
      "tip: About TIP.",
      "important: About IMPORTANT.",
      "warning: About WARNING.",
      "caution: About CAUTION.",
      "note: Plain quote.",
    ]);
  });

  it("reports every problem at once, in source order", () => {
    const text = spec(
      TELEMETRY.replace(
        "**Properties**:\n none",
        "**Properties**:\n\n| Name | Type | Required | Description |\n| --- | --- | --- | --- |\n| a | float | perhaps | |\n| a | u32 | yes | |",
      ).replace("QoS: 1", "QoS: 3"),
      CATALOG.replace("`0100`", "`01000`"),
    );
    const { value, diagnostics } = parse(text);
    expect(value).toBeUndefined();
    // The property listed twice is validation's to report (test/pipeline/diagnostics.test.ts).
    expect(diagnostics.map((d) => d.code)).toEqual([
      "unknown-property-type",
      "bad-required-value",
      "malformed-qos",
      "malformed-status-code",
    ]);
  });

  it("never throws, whatever it is given", () => {
    for (const text of ["", "\u0000\uffff", "---\n: [\n---\n", "# Only a title", "#### Request\n\n| a |\n|---|\n"]) {
      const result = parse(text);
      expect(result.value).toBeUndefined();
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
