/**
 * How the engine judges combined edits: a shared message or type reported once under its worse flow, a
 * rename that still compares the renamed operation, a direction change that swallows the rest, one report
 * per topic edit, types reached through `$ref`.
 */
import { describe, expect, it } from "vitest";
import { diffTexts, edit, LOCK_API } from "./support.js";

const rules = async (before: string, after: string): Promise<string[]> =>
  (await diffTexts(before, after)).map((c) => c.rule).filter((rule) => rule !== "api-version-not-bumped");

describe("judgement of combined edits", () => {
  it("reports a catalog property once, under the worse of its flows", async () => {
    // 0100 is answered by the server (Bad Request) and by clients (Reject of Receive Commands).
    const after = edit(LOCK_API, ["    reasonCode: 131\n    properties:\n      - name: reason\n        type: string\n", "    reasonCode: 131\n"]);
    const changes = await diffTexts(LOCK_API, after);
    expect(changes.map((c) => [c.rule, c.message])).toEqual([
      ["uplink-property-removed", "catalog status `0100` `Bad Request`: property `reason` removed; the server refuses it as undeclared, and deployed clients send it"],
      ["api-version-not-bumped", "1 breaking change(s) but the api-version stays `2024-01-01`"],
    ]);
  });

  it("reports a payload field once when the type travels both ways", async () => {
    const bothWays = edit(LOCK_API, ["      payload: any byte sequence", "      payload: Event"]);
    const after = edit(bothWays, ["        label:\n          type: string", "        label:\n          type: string\n        source:\n          type: string"], ["      required: [code]\n", "      required: [code, source]\n"]);
    const changes = await diffTexts(bothWays, after);
    expect(changes.map((c) => c.rule)).toEqual(["uplink-field-added-required", "api-version-not-bumped"]);
    expect(changes[0]?.message).toContain("(used by `Send Event` message, `Receive Commands` message)");
  });

  it("judges a type reached only through $ref by where the referring type travels", async () => {
    const withRef = edit(
      LOCK_API,
      ["        position:\n          type: object\n          properties:\n            angle:\n              type: integer\n          additionalProperties: false\n", "        position:\n          $ref: \"#/$defs/Position\"\n"],
      ["  - name: Event\n", "  - name: Position\n    schema:\n      type: object\n      properties:\n        angle:\n          type: integer\n      required: [angle]\n  - name: Event\n"],
    );
    const after = edit(withRef, ["      required: [angle]\n", ""]);
    const changes = await diffTexts(withRef, after);
    expect(changes.map((c) => c.rule)).toEqual(["downlink-field-made-optional", "api-version-not-bumped"]);
    expect(changes[0]?.message).toBe("`Position` at `/properties/angle`: field is now optional; deployed clients require it (used by `State`)");
  });

  it("compares a renamed operation with its old self", async () => {
    const after = edit(LOCK_API, ["name: Get State", "name: Read State"], ["      payload: empty", "        - name: tenant\n          type: string\n          required: true\n      payload: empty"]);
    const changes = await diffTexts(LOCK_API, after);
    expect(changes.map((c) => [c.rule, c.operation])).toEqual([
      ["operation-renamed", "read-state"],
      ["uplink-property-added-required", "read-state"],
      ["api-version-not-bumped", null],
    ]);
  });

  it("reports only the direction when an operation changes sides", async () => {
    const after = edit(
      LOCK_API,
      ["  - name: Receive Updates\n    direction: server-to-client", "  - name: Receive Updates\n    direction: client-to-server"],
      ["    message:\n      payload: State", "    message:\n      payload: any byte sequence"],
    );
    expect(await rules(LOCK_API, after)).toEqual(["operation-direction-changed"]);
  });

  it("reports one change for a topic edit that moves a literal and adds a parameter", async () => {
    const after = edit(LOCK_API, ["$lock/updates/{door}", "$lock/doors/{door}/{side}"]);
    expect(await rules(LOCK_API, after)).toEqual(["topic-changed"]);
  });

  it("reports a removed and an added operation when the topic changed with the name", async () => {
    const after = edit(LOCK_API, ["name: Get State", "name: Read State"], ["topic: $lock/state/get", "topic: $lock/state/read"]);
    expect(await rules(LOCK_API, after)).toEqual(["operation-added-client-to-server", "operation-removed"]);
  });

  it("reports a property moved to a first-class property and made required as two changes", async () => {
    const after = edit(LOCK_API, ["        - name: trace\n          type: string\n          required: true\n", "        - name: trace\n          type: string\n          required: true\n        - name: Content Type\n          type: string\n          required: true\n"]);
    const before = edit(LOCK_API, ["        - name: trace\n          type: string\n          required: true\n", "        - name: trace\n          type: string\n          required: true\n        - name: content-type\n          type: string\n"]);
    expect(await rules(before, after)).toEqual(["property-kind-changed", "uplink-property-made-required"]);
  });

  it("reports descriptions of topic parameters and CONNECT properties and an operation's docs group as prose", async () => {
    const declared = (description: string): string =>
      edit(
        LOCK_API,
        ["    topic: $lock/events/{kind}\n", `    topic: $lock/events/{kind}\n    topicParameters:\n      - name: kind\n        description: ${description}\n`],
        ["operations:\n", `connection:\n  userProperties:\n    - name: fleet\n      type: string\n      description: ${description}\noperations:\n`],
        ["  - name: Get State\n", `  - name: Get State\n    group: ${description}\n`],
      );
    const changes = await diffTexts(declared("Old words."), declared("New words."));
    expect(changes.map((c) => [c.rule, c.message]).sort()).toEqual([
      ["prose-changed", "CONNECT property `fleet`: description changed"],
      ["prose-changed", "`Get State`: docs group changed"],
      ["prose-changed", "`Send Event` topic parameter `kind`: description changed"],
    ]);
  });

  it("takes a removed payload type with its schema under a new name for a rename, not a removal", async () => {
    const after = edit(LOCK_API, ["  - name: State\n", "  - name: Snapshot\n"]).replaceAll("      payload: State", "      payload: Snapshot");
    expect(await rules(LOCK_API, after)).toEqual(["payload-type-renamed", "payload-type-renamed"]);
  });

  it("reads an unstated port and TLS as the defaults a client uses, and reports the parts that differ", async () => {
    const endpoint = (lines: string): string => edit(LOCK_API, ["operations:\n", `connection:\n  endpoint:\n${lines}operations:\n`]);
    expect(await rules(LOCK_API, endpoint("    port: 8883\n    tls: true\n"))).toEqual([]);
    const changes = await diffTexts(endpoint("    host: a.example\n"), endpoint("    host: b.example\n    tls: false\n"));
    expect(changes.map((c) => c.message)).toEqual([
      "connection: endpoint host changed from `a.example` to `b.example`; deployed clients configured with `a.example` do not reach it",
      "connection: endpoint port changed from `8883` to `1883`; deployed clients configured with `8883` do not reach it",
      "connection: endpoint TLS changed from `on` to `off`; deployed clients configured with `on` do not reach it",
    ]);
  });
});
