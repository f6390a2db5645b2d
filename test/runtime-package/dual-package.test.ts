/**
 * The dual-package hazard: an application that loads both builds of `@mqttgen/runtime` (ESM and CommonJS,
 * from packages/runtime/dist, which `npm test` builds first) has two copies of each error class. A plain
 * Node process loads both (`load-both-builds.mjs`) and reports what one copy makes of the other's errors:
 * `instanceof` holds for the runtime's exported error classes and only where it holds within one copy,
 * and a server answers a handler's error of the other copy with its status or condition, not as a crash.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PROBE = fileURLToPath(new URL("./load-both-builds.mjs", import.meta.url));

function loadBothBuilds() {
  const run = spawnSync(process.execPath, [PROBE], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`load-both-builds.mjs failed (run npm run build first?):\n${run.stderr}`);
  return JSON.parse(run.stdout) as {
    twoCopies: boolean;
    instanceOf: Record<string, Record<string, boolean>>;
    failures: Record<string, unknown>;
    logged: string[];
  };
}

describe("errors of one build of @mqttgen/runtime in the other (dual-package hazard)", () => {
  const report = loadBothBuilds();

  it("loads two copies of the classes", () => {
    expect(report.twoCopies).toBe(true);
  });

  it.each(["esm → cjs", "cjs → esm"])("%s: instanceof holds across copies where it holds in one", (way) => {
    expect(report.instanceOf[way]).toEqual({
      "StatusError instanceof StatusError": true,
      "ConnectionRefusedError instanceof StatusError": true,
      "ConnectionRefusedError instanceof ConnectionRefusedError": true,
      "StatusError instanceof ConnectionRefusedError": false,
      "RuntimeConditionError instanceof RuntimeConditionError": true,
      "RuntimeConditionError instanceof StatusError": false,
      "RequestTimeoutError instanceof RequestTimeoutError": true,
      "Error instanceof StatusError": false,
    });
  });

  it("a server answers a handler's error of the other copy with its status or condition", () => {
    expect(report.failures).toEqual({
      "cjs StatusError, esm server": { reasonCode: 0x87, status: "not-authorized" },
      "esm RuntimeConditionError, cjs server": { reasonCode: 0x90, reason: "no such lock" },
    });
    expect(report.logged).toEqual([]);
  });
});
