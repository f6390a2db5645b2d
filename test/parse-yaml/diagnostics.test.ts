import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseYamlSpec } from "../../src/parse/yaml/index.js";

const FIXTURES = new URL("../fixtures/broken-yaml/", import.meta.url);

/** `# expect: <code> <line>:<col>` on the first line of every broken fixture. */
function expectation(text: string): { code: string; line: number; column: number } {
  const match = /^# expect: ([a-z-]+) (\d+):(\d+)\n/.exec(text);
  if (match === null) throw new Error("fixture lacks its `# expect: <code> <line>:<col>` line");
  return { code: match[1] ?? "", line: Number(match[2]), column: Number(match[3]) };
}

describe("broken YAML specs", () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith(".yaml"));

  it("cover the codes the YAML front end reports", () => {
    const codes = new Set(files.map((name) => expectation(readFileSync(new URL(name, FIXTURES), "utf8")).code));
    for (const code of [
      "yaml-syntax",
      "invalid-field",
      "unknown-property-type",
      "malformed-status-code",
      "malformed-qos",
    ]) {
      expect(codes).toContain(code);
    }
  });

  it.each(files)("%s reports exactly its expected diagnostic", (name) => {
    const text = readFileSync(new URL(name, FIXTURES), "utf8");
    const { code, line, column } = expectation(text);
    const result = parseYamlSpec(text, name);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.file, d.span?.start])).toEqual([[code, name, { line, column }]]);
  });
});

describe("parseYamlSpec on bad input", () => {
  it("reports every problem of a file at once, in place", () => {
    const text = [
      "mqttgen: 2", // 1
      "title: ''", // 2
      "apiVersion: 2020", // 3
      "responseTopic: $x/r", // 4
      "operations:", // 5
      "  - name: A", // 6
      "    direction: sideways", // 7
      "    interaction: message", // 8
      "    topic: $x/a", // 9
      "    request: {}", // 10
      "    success: {}", // 11
      "  - name: B", // 12
      "    direction: client-to-server", // 13
      "    interaction: message-ack", // 14
      "    topic: $x/b", // 15
      "    subscriptionQos: 0", // 16
      "    message:", // 17
      "      notes:", // 18
      "        - hint: text", // 19
      "        - note: a", // 20
      "          tip: b", // 21
      "",
    ].join("\n");
    const result = parseYamlSpec(text, "many.yaml");
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.span?.start.line}:${d.span?.start.column} ${d.code}`)).toEqual([
      "1:10 invalid-field", // format version
      "2:8 missing-title", // empty title
      "3:13 invalid-field", // api-version is a number: quote it
      "7:16 invalid-field", // direction
      "10:5 invalid-field", // `request` on a one-way message
      "6:5 invalid-field", // ...which lacks its `message` (reported where the operation starts)
      "11:5 invalid-field", // success on a one-way message
      "16:5 invalid-field", // subscriptionQos on client-to-server
      "19:11 invalid-field", // unknown note kind
      "20:11 invalid-field", // a note with two kinds
      "12:5 invalid-field", // missing success
    ]);
  });

  it.each([
    ["an empty file", ""],
    ["a scalar", "just text"],
    ["a list", "- a\n- b\n"],
    ["null fields", "mqttgen:\ntitle:\napiVersion:\nresponseTopic:\noperations:\n"],
    [
      "wrongly shaped lists",
      "mqttgen: 1\ntitle: T\napiVersion: v\nresponseTopic: r\noperations: [1, [2], {}]\nresponses: {a: 1}\npayloadTypes: [{name: X, schema: .inf}]\n",
    ],
    ["tabs and anchors", "a: &x [1\n\tb: *y\n"],
  ])("never throws on %s and reports what is wrong", (_, text) => {
    const result = parseYamlSpec(text, "bad.yaml");
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) expect(d.file).toBe("bad.yaml");
  });
});
