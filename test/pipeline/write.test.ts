import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compareOutput, listFiles, writeOutputs } from "../../src/write.js";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function setup(): string {
  root = mkdtempSync(join(tmpdir(), "mqttgen-write-"));
  return root;
}

describe("writeOutputs", () => {
  it("replaces a directory whole: new files in, stale files gone", () => {
    const dir = join(setup(), "out/api");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "stale.ts"), "old");
    writeOutputs([{ dir, files: [{ path: "a.ts", content: "A" }, { path: "docs/b.md", content: "B" }] }]);
    expect(listFiles(dir)).toEqual(["a.ts", "docs/b.md"]);
    expect(readFileSync(join(dir, "docs/b.md"), "utf8")).toBe("B");
    expect(listFiles(join(root, "out"))).toEqual(["api/a.ts", "api/docs/b.md"]);
  });

  it("leaves every previous directory as it was when a write fails, and no temporary directory behind", () => {
    const first = join(setup(), "first");
    const second = join(root, "second");
    mkdirSync(first);
    writeFileSync(join(first, "kept.ts"), "previous");
    // A file where a directory must go makes the second output's write fail.
    const blocked = [{ path: "x/y.ts", content: "Y" }, { path: "x/y.ts/z.ts", content: "Z" }];
    expect(() => writeOutputs([{ dir: first, files: [{ path: "new.ts", content: "N" }] }, { dir: second, files: blocked }])).toThrow();
    expect(listFiles(first)).toEqual(["kept.ts"]);
    expect(existsSync(second)).toBe(false);
    expect(listFiles(root)).toEqual(["first/kept.ts"]);
  });
});

describe("compareOutput", () => {
  it("lists missing, extra and different files", () => {
    const dir = join(setup(), "out");
    mkdirSync(dir);
    writeFileSync(join(dir, "same.ts"), "S");
    writeFileSync(join(dir, "changed.ts"), "old");
    writeFileSync(join(dir, "extra.ts"), "E");
    const drift = compareOutput({ dir, files: [{ path: "same.ts", content: "S" }, { path: "changed.ts", content: "new" }, { path: "missing.ts", content: "M" }] });
    expect(drift).toEqual({ missing: ["missing.ts"], extra: ["extra.ts"], different: ["changed.ts"] });
  });
});
