/** The whole seed model, spans included, as a golden file; `UPDATE=1` rewrites it. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { parseRepoSpec } from "./helpers.js";

const goldenPath = fileURLToPath(new URL("./__golden__/iothub.model.json", import.meta.url));

it("the seed model matches __golden__/iothub.model.json", () => {
  const actual = `${JSON.stringify(parseRepoSpec("api/iothub.md"), null, 2)}\n`;
  if (process.env.UPDATE === "1") {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
  }
  expect(existsSync(goldenPath), "golden file missing: run with UPDATE=1").toBe(true);
  expect(actual).toBe(readFileSync(goldenPath, "utf8"));
});
