/**
 * Same input, same bytes, whatever the machine's clock, time zone and locale: the CLI run as a real
 * process under two very different environments writes identical files for the seed and the corpus.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/write.js";
import { PROJECT_ROOT } from "../support/cli.js";

const BIN = fileURLToPath(new URL("../../bin/mqttgen.js", import.meta.url));
const SPECS = [
  "api/iothub.md",
  ...readdirSync(join(PROJECT_ROOT, "test/fixtures/corpus"))
    .filter((name) => /\.(md|ya?ml)$/.test(name))
    .map((name) => `test/fixtures/corpus/${name}`),
];

// One output directory for both runs: headers name it in the command that regenerates the files.
const out = mkdtempSync(join(tmpdir(), "mqttgen-env-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Generates every spec into `out`, emptied first, under `env`; its files by path. */
function generateUnder(env: Record<string, string>): Record<string, string> {
  rmSync(out, { recursive: true, force: true });
  const run = spawnSync(process.execPath, [BIN, "generate", ...SPECS, "--out", out], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  expect(run.status, run.stderr).toBe(0);
  return Object.fromEntries(listFiles(out).map((path) => [path, readFileSync(join(out, path), "utf8")]));
}

describe("generated output across environments", () => {
  it("is byte for byte the same under UTC/C and under a far time zone with a Turkish locale", () => {
    const plain = generateUnder({ TZ: "UTC", LANG: "C", LC_ALL: "C" });
    const far = generateUnder({ TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" });
    expect(Object.keys(plain).length).toBe(SPECS.length * 12);
    expect(far).toEqual(plain);
  }, 60_000);
});
