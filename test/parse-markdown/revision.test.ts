/**
 * A later revision of the reference (modelled on the 2023 one: NOTE under the title, TIP in telemetry,
 * contractions, "Event Hubs", retitled headings) must mean the same as the seed (docs/protocol.md#reading-the-reference).
 */
import { describe, expect, it } from "vitest";
import { meaning, parseRepoSpec } from "./helpers.js";

const seed = parseRepoSpec("api/iothub.md");
const revision = parseRepoSpec("test/fixtures/revisions/iothub-2023.md");

describe("the 2023-style revision", () => {
  it("has the same operations, properties, statuses and QoS as the seed once prose, notes and spans are removed", () => {
    expect(meaning(revision)).toEqual(meaning(seed));
  });

  it("keeps the NOTE under the title as an api note", () => {
    expect(revision.notes).toEqual([
      {
        kind: "note",
        text: "This preview is kept for reference only. New solutions should look at the\n[MQTT broker of Event Grid](https://example.invalid/event-grid) instead.",
        span: { start: { line: 17, column: 1 }, end: { line: 19, column: 75 } },
      },
    ]);
    expect(revision.description).toBe(seed.description);
  });

  it("keeps notes on the operation, message and catalog response they stand under", () => {
    const byId = new Map(revision.operations.map((operation) => [operation.id, operation]));
    expect(byId.get("patch-twin-reported")?.notes.map((note) => [note.kind, note.text])).toEqual([
      ["important", "Send `if-version` to avoid overwriting a newer reported state."],
    ]);
    expect(byId.get("send-telemetry")?.request.notes.map((note) => note.kind)).toEqual(["tip"]);
    expect(byId.get("send-telemetry")?.request.notes[0]?.text).toContain("`creation-time` as a UTC timestamp");
    expect(byId.get("receive-commands")?.success?.notes.map((note) => note.kind)).toEqual(["warning"]);
    const unavailable = revision.responses.find((response) => response.status === "06A0");
    expect(unavailable?.notes.map((note) => [note.kind, note.text])).toEqual([
      ["note", "The target is usually a device that went offline."],
    ]);
  });

  it("reads the reworded prose as written, without comparing it", () => {
    const telemetry = revision.operations.find((operation) => operation.id === "send-telemetry");
    expect(telemetry?.summary).toContain("Event Hubs");
    expect(revision.title).toBe("IoT Hub data plane MQTT 5 API reference (preview)");
    expect(revision.frontMatter["ms.date"]).toBe("04/24/2023");
  });
});
