/** Statuses in the three formats, and payload problems named by JSON path. */
import { describe, expect, it } from "vitest";
import { canonicalStatus, jsonPath, statusClassOf } from "../../src/runtime/index.js";

const catalog = { "404": { reasonCode: 0x83, statusClass: "client-error" as const, retryable: false } };

describe("status formats", () => {
  it.each([
    ["hex16", "06a0", "06A0"],
    ["hex16", "1", "0001"],
    ["hex16", "0x10", undefined],
    ["integer", "0404", "404"],
    ["integer", 404, "404"],
    ["integer", "4.5", undefined],
    ["text", "unknown-slot", "unknown-slot"],
    ["text", "", undefined],
  ] as const)("%s reads %j as %j", (format, raw, want) => {
    expect(canonicalStatus(format, raw)).toBe(want);
  });

  it("classifies by the catalog, by the bits for hex16, and never takes an unknown status for a success", () => {
    expect(statusClassOf(catalog, "integer", "404")).toBe("client-error");
    expect(statusClassOf(catalog, "integer", "200")).toBeUndefined();
    expect(statusClassOf({}, "hex16", "0001")).toBe("success");
    expect(statusClassOf({}, "hex16", "06A0")).toBe("server-error");
    expect(statusClassOf({}, "text", "constructor")).toBeUndefined();
  });
});

describe("jsonPath", () => {
  it.each([
    ["", "$"],
    ["/slot", "$.slot"],
    ["/slots/0/code", "$.slots[0].code"],
    ["/a~1b/c~0d", '$["a/b"]["c~d"]'],
  ])("names %j as %s", (pointer, want) => {
    expect(jsonPath(pointer)).toBe(want);
  });
});
