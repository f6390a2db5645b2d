/** The YAML front end on input that is wrong in many ways at once (one problem per code: test/pipeline/diagnostics.test.ts). */
import { describe, expect, it } from "vitest";
import { parseYamlSpec } from "../../src/parse/yaml/index.js";

describe("parseYamlSpec on bad input", () => {
  it("reports every problem of a file at once, in source order", () => {
    const text = [
      "mqttgen: 2", // 1
      "title: ''", // 2
      "apiVersion: 2020", // 3
      "dialect: { base: iothub, replies: { sharedTopic: $x/r } }", // 4
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
      "6:5 invalid-field", // A lacks its `message` (reported where the operation starts)...
      "7:16 invalid-field", // direction
      "10:5 invalid-field", // ...having a `request`, which a one-way message has not
      "11:5 invalid-field", // success on a one-way message
      "12:5 invalid-field", // B lacks its success
      "16:5 invalid-field", // subscriptionQos on client-to-server
      "19:11 invalid-field", // unknown note kind
      "20:11 invalid-field", // a note with two kinds
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
