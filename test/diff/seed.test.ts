/**
 * The seed against a next version written for this test (test/fixtures/diff/iothub-next.md): two new
 * operations with topic parameters, a new status, a removed operation, a new required property, a changed
 * QoS and a renamed topic, with a new api-version. Each change is reported once, with its severity and
 * place, by the real CLI in all four formats (golden files under __golden__/, `UPDATE=1` rewrites them).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Change } from "../../src/diff/index.js";
import { reportedAt } from "../../src/diff/format/text.js";
import { PROJECT_ROOT, runCli } from "../support/cli.js";
import { locate } from "./support.js";

const OLD = "api/iothub.md";
const NEW = "test/fixtures/diff/iothub-next.md";
const read = (path: string): string => readFileSync(join(PROJECT_ROOT, path), "utf8");

/** rule, severity, operation, and where the change is reported: a marker in NEW (OLD for the removal). */
const EXPECTED: readonly (readonly [string, string, string | null, string, string])[] = [
  ["connect-api-version-changed", "warning", null, NEW, "# IoT Hub data plane"],
  ["prose-changed", "info", null, NEW, "# IoT Hub data plane"],
  ["topic-changed", "error", "get-twin", NEW, "**Topic name:** ^`$iothub/twin/read`"],
  ["qos-changed", "error", "receive-direct-methods", NEW, "### Receive Direct Methods"],
  ["operation-added-client-to-server", "warning", "get-module-twin", NEW, "### Get Module Twin"],
  ["operation-added-server-to-client", "info", "receive-module-direct-methods", NEW, "### Receive Module Direct Methods"],
  ["uplink-property-added-required", "error", "send-telemetry", NEW, "| message-schema |"],
  ["downlink-status-added", "warning", "send-telemetry", NEW, "| 149 | 0105 |"],
  ["operation-removed", "error", "receive-twin-desired-state-changes", OLD, "### Receive Twin Desired State Changes"],
  ["catalog-status-added", "info", null, NEW, "### Payload Too Large"],
];

const FORMATS = { text: "txt", json: "json", markdown: "md", github: "github.txt" } as const;

describe("the seed against its next version", () => {
  const json = runCli(["diff", OLD, NEW, "--format", "json"]);

  it("reports each change once, with its severity, operation and place", () => {
    expect(json.status, json.stderr).toBe(1);
    const changes = (JSON.parse(json.stdout) as { changes: Change[] }).changes;
    const found = changes.map((c) => [c.rule, c.severity, c.operation, reportedAt(c)]);
    const wanted = EXPECTED.map(([rule, severity, operation, file, marker]) => [rule, severity, operation, { file, ...locate(read(file), marker) }]);
    expect(found).toEqual(wanted);
  });

  it("places additions in NEW only and removals in OLD, with NEW's enclosing node", () => {
    const changes = (JSON.parse(json.stdout) as { changes: Change[] }).changes;
    const added = changes.find((c) => c.rule === "operation-added-client-to-server");
    const removed = changes.find((c) => c.rule === "operation-removed");
    expect(added?.old).toBeNull();
    expect(removed?.old?.file).toBe(OLD);
    expect(removed?.new).toEqual({ file: NEW, ...locate(read(NEW), "# IoT Hub data plane") });
  });

  it.each(Object.entries(FORMATS))("prints %s as its golden file and exits 1", (format, extension) => {
    const run = runCli(["diff", OLD, NEW, "--format", format]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain("mqttgen: 10 change(s): 4 error(s), 3 warning(s), 3 info; 4 at or above error");
    const golden = join(PROJECT_ROOT, "test/diff/__golden__", `iothub-next.${extension}`);
    if (process.env.UPDATE === "1") writeFileSync(golden, run.stdout);
    expect(existsSync(golden), "golden file missing: run with UPDATE=1").toBe(true);
    expect(run.stdout).toBe(readFileSync(golden, "utf8"));
  });

  it("has no golden file besides those of the four formats", () => {
    const expected = Object.values(FORMATS).map((extension) => `iothub-next.${extension}`);
    expect(readdirSync(join(PROJECT_ROOT, "test/diff/__golden__")).sort()).toEqual(expected.sort());
  });

  it("exits by --fail-on: 1 at error, warning and info, 0 with never", () => {
    const status = (failOn: string): number | null => runCli(["diff", OLD, NEW, "--fail-on", failOn]).status;
    expect(["error", "warning", "info", "never"].map(status)).toEqual([1, 1, 1, 0]);
  });

  it("reports nothing between a spec and itself", () => {
    const same = runCli(["diff", NEW, NEW]);
    expect([same.status, same.stdout]).toEqual([0, ""]);
    expect(same.stderr).toContain("0 change(s)");
  });
});
