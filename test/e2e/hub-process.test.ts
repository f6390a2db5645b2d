/**
 * `npm run hub` as a user runs it: `node examples/hub/hub.js --port 0 --allow-any` prints its port, serves a
 * device, takes control commands on stdin, and exits 0 on SIGTERM. Runs the compiled dist/ (built by
 * `npm test`'s pretest; built here when missing).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";
import { eventually, onCleanup, connectDevice } from "./support.js";

const HUB_BIN = join(PROJECT_ROOT, "examples", "hub", "hub.js");

describe("npm run hub", () => {
  it("prints its port, serves a device, obeys stdin, and exits cleanly on SIGTERM", async () => {
    if (!existsSync(join(PROJECT_ROOT, "dist", "examples", "hub", "main.js"))) {
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT });
    }
    const hub = spawn(process.execPath, [HUB_BIN, "--port", "0", "--allow-any"], { cwd: PROJECT_ROOT });
    onCleanup(async () => {
      if (hub.exitCode === null && hub.signalCode === null) hub.kill("SIGKILL");
    });
    let stdout = "";
    hub.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => hub.once("exit", (code) => resolve(code)));

    const port = await eventually(() => /listening on 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    const client = await connectDevice(`mqtt://127.0.0.1:${port}`, "dev1");
    const patches: unknown[] = [];
    client.onTwinDesiredStateChanges((message) => {
      patches.push(message.payload);
    });
    await client.sendTelemetry("hello from the test");
    hub.stdin.write('desired dev1 {"fan":true}\n');
    await eventually(() => (patches.length > 0 ? true : undefined));
    expect(patches).toEqual([{ fan: true }]);
    await client.close();

    hub.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout).toContain("connect dev1");
    expect(stdout).toContain("telemetry dev1 hello from the test");
    expect(stdout).toContain("desired dev1 v2 sent");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("stopped");
  }, 60_000);
});
