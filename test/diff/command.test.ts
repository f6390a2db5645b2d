/** `mqttgen diff` as a user runs it: usage errors, invalid specs, thresholds, mixed spec forms. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { edit, LOCK_API } from "./support.js";

const scratch = mkdtempSync(join(tmpdir(), "mqttgen-diff-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function specFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe("mqttgen diff usage", () => {
  it("prints its help and exits 0", () => {
    const run = runCli(["diff", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: mqttgen diff OLD NEW");
    expect(run.stdout).toContain("mqttgen diff git:origin/main:api/x.md api/x.md --format github");
    expect(runCli(["--help"]).stdout).toContain("mqttgen diff OLD NEW");
  });

  it.each([
    ["no spec", [], "two specs"],
    ["one spec", ["api/iothub.md"], "two specs"],
    ["three specs", ["api/iothub.md", "api/iothub.md", "api/iothub.md"], "two specs"],
    ["an unknown format", ["api/iothub.md", "api/iothub.md", "--format", "xml"], "--format must be one of text, json, markdown, github"],
    ["an unknown threshold", ["api/iothub.md", "api/iothub.md", "--fail-on", "fatal"], "--fail-on must be one of error, warning, info, never"],
    ["an unknown option", ["api/iothub.md", "api/iothub.md", "--colour"], "--colour"],
    ["a file that is no spec", ["api/iothub.schemas.json", "api/iothub.md"], "not a spec (.md, .yaml or .yml)"],
    ["a git source without a path", ["git:HEAD", "api/iothub.md"], "expected git:REF:PATH"],
    ["a git revision that looks like an option", ["git:--output=x:api/iothub.md", "api/iothub.md"], "not a git revision"],
  ])("exits 2 on %s", (_, args, message) => {
    const run = runCli(["diff", ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  it("exits 3 on a spec that cannot be read", () => {
    const run = runCli(["diff", "api/nothing.md", "api/iothub.md"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe("mqttgen: no such spec: api/nothing.md\n");
    expect(run.stdout).toBe("");
  });

  it("exits 1 and prints the problems when a spec is invalid, even with --fail-on never", () => {
    const broken = specFile("broken.yaml", edit(LOCK_API, ["topic: $lock/state/get", "topic: \"\""]));
    const run = runCli(["diff", specFile("unbroken.yaml", LOCK_API), broken, "--fail-on", "never"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+: error missing-topic: /m);
    expect(run.stderr).toContain(`nothing compared: ${broken} is not a valid spec`);
    expect(run.stdout).toBe("");
  });
});

describe("mqttgen diff thresholds", () => {
  const base = specFile("lock.yaml", LOCK_API);

  it("fails a warning only from --fail-on warning", () => {
    const withOperation = specFile("warning.yaml", edit(LOCK_API, ["responses:", "  - name: Ping\n    direction: client-to-server\n    interaction: message\n    topic: $lock/ping\n    message: {}\nresponses:"]));
    const status = (failOn: string): number | null => runCli(["diff", base, withOperation, "--fail-on", failOn]).status;
    expect(["error", "warning", "info", "never"].map(status)).toEqual([0, 1, 1, 0]);
  });

  it("fails an info only from --fail-on info", () => {
    const withProperty = specFile("info.yaml", edit(LOCK_API, ["      payload: empty", "        - name: tenant\n          type: string\n      payload: empty"]));
    const status = (failOn: string): number | null => runCli(["diff", base, withProperty, "--fail-on", failOn]).status;
    expect(["warning", "info"].map(status)).toEqual([0, 1]);
  });
});

describe("mqttgen diff across spec forms", () => {
  it("finds no change between the markdown seed and its YAML form, and a change across forms", () => {
    const yaml = join(scratch, "iothub.yaml");
    expect(runCli(["convert", "api/iothub.md", "--to", "yaml", "-o", yaml]).status).toBe(0);
    const same = runCli(["diff", "api/iothub.md", yaml]);
    expect([same.status, same.stdout]).toEqual([0, ""]);

    const changed = specFile("iothub-changed.yaml", edit(readFileSync(yaml, "utf8"), ["$iothub/twin/get", "$iothub/twin/read"]));
    const run = runCli(["diff", "api/iothub.md", changed]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^.*iothub-changed\.yaml:\d+:\d+: error topic-changed: `Get Twin`: topic changed from `\$iothub\/twin\/get` to `\$iothub\/twin\/read`$/m);
  });
});

