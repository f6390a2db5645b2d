/**
 * `mqttgen generate --watch` as a real process on a throwaway project: edits, a broken edit that leaves
 * the last good output untouched, its fix saved by rename (an editor's atomic save), the schema sidecar,
 * the config, a template override and a new spec, then a clean stop; and a spec family, whose versions
 * show each other in their switchers and changelogs.
 */
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listFiles } from "../../src/write.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { project, seedProject, write } from "./project.js";
import { WatchProcess } from "./watch-process.js";

const running: WatchProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((watch) => watch.stop()));
});

function watch(dir: string, args: readonly string[] = []): WatchProcess {
  const process = new WatchProcess(dir, args);
  running.push(process);
  return process;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), "utf8")]));
}

describe("mqttgen generate --watch", () => {
  it("regenerates on every change to what it read, keeps the last good output through a broken edit, and stops with exit 0", async () => {
    const dir = seedProject({ "mqttgen.config.json": JSON.stringify({ templates: "overrides" }), "overrides/README.md": "our templates\n" });
    const spec = join(dir, "api/iothub.md");
    const seed = readFileSync(spec, "utf8");
    const watcher = watch(dir);
    let at = (await watcher.next(/^mqttgen: watching \d+ file\(s\) in \d+ director(y|ies); Ctrl-C stops$/, 0)).index;
    expect(watcher.lines[0]).toMatch(/^mqttgen: generated: wrote generated\/iothub in \d+ ms$/);

    writeFileSync(spec, seed.replace("Get Twin state", "Get the twin state"));
    at = (await watcher.next(/^mqttgen: api\/iothub\.md changed: wrote generated\/iothub in \d+ ms$/, at)).index;
    expect(readFileSync(join(dir, "generated/iothub/docs/reference.md"), "utf8")).toContain("Get the twin state");
    const good = snapshot(join(dir, "generated"));

    writeFileSync(spec, seed.replace("| if-version | u64 |", "| if-version | u65 |"));
    const problem = await watcher.next(/^api\/iothub\.md:76:16: error unknown-property-type: /, at);
    at = (await watcher.next(/^mqttgen: api\/iothub\.md changed: 1 problem\(s\), nothing written; the last good output is kept \(\d+ ms\)$/, problem.index)).index;
    expect(snapshot(join(dir, "generated"))).toEqual(good);

    // An editor's atomic save: the new text written beside the spec, then renamed over it.
    writeFileSync(join(dir, "api/.iothub.md.swp"), seed.replace("Get Twin state", "Get the whole twin"));
    renameSync(join(dir, "api/.iothub.md.swp"), spec);
    at = (await watcher.next(/^mqttgen: api\/iothub\.md changed: wrote generated\/iothub in \d+ ms$/, at)).index;
    expect(readFileSync(join(dir, "generated/iothub/docs/reference.md"), "utf8")).toContain("Get the whole twin");

    const sidecar = join(dir, "api/iothub.schemas.json");
    writeFileSync(sidecar, readFileSync(sidecar, "utf8").replace(/"description": "[^"]*"/, '"description": "Edited while watching."'));
    at = (await watcher.next(/^mqttgen: api\/iothub\.schemas\.json changed: wrote generated\/iothub in \d+ ms$/, at)).index;
    expect(readFileSync(join(dir, "generated/iothub/payloads.ts"), "utf8")).toContain("Edited while watching.");

    write(dir, "overrides/status.ts.hbs", readFileSync(join(PROJECT_ROOT, "templates/status.ts.hbs"), "utf8").replace("export type Status =", "// ours\nexport type Status ="));
    at = (await watcher.next(/^mqttgen: overrides\/status\.ts\.hbs changed: wrote generated\/iothub in \d+ ms$/, at)).index;
    expect(readFileSync(join(dir, "generated/iothub/status.ts"), "utf8")).toMatch(/^\/\/ Template: overrides\/status\.ts\.hbs /m);

    write(dir, "overrides/status.ts.hbs", "{{#each statuses}}{{membr}}{{/each}}");
    at = (await watcher.next(/^overrides\/status\.ts\.hbs:1:21: error template-unknown-field: membr /, at)).index;
    at = (await watcher.next(/^mqttgen: overrides\/status\.ts\.hbs changed: 1 problem\(s\), nothing written/, at)).index;

    write(dir, "mqttgen.config.json", JSON.stringify({ output: "out" }));
    at = (await watcher.next(/^mqttgen: mqttgen\.config\.json changed: wrote out\/iothub in \d+ ms$/, at)).index;

    cpSync(join(PROJECT_ROOT, "test/fixtures/diff/lock-api.yaml"), join(dir, "api/lock.yaml"));
    at = (await watcher.next(/^mqttgen: api\/lock\.yaml changed: wrote out\/lock in \d+ ms$/, at)).index;

    write(dir, "mqttgen.config.json", '{ "output": ');
    at = (await watcher.next(/^mqttgen\.config\.json:1:\d+: error config-load: not valid JSON/, at)).index;
    const kept = snapshot(join(dir, "out"));
    await watcher.next(/^mqttgen: mqttgen\.config\.json changed: 1 problem\(s\), nothing written; the last good output is kept/, at);
    expect(snapshot(join(dir, "out"))).toEqual(kept);

    expect(await watcher.stop("SIGINT")).toBe(0);
    expect(watcher.lines.join("\n")).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("prints one JSON document per run with --reporter json", async () => {
    const dir = seedProject();
    const watcher = watch(dir, ["--reporter", "json"]);
    const first = await watcher.next(/^\{/, 0);
    expect(JSON.parse(first.line)).toMatchObject({ command: "generate", exitCode: 0, diagnostics: [] });
    const spec = join(dir, "api/iothub.md");
    const seed = readFileSync(spec, "utf8");
    writeFileSync(spec, seed.replace("| if-version | u64 |", "| if-version | u65 |"));
    // A save may reach the watcher in two bursts (truncated, then written): wait for the run that saw the edit.
    const second = await watcher.next(/^\{.*"code":"unknown-property-type"/, first.index + 1);
    expect(JSON.parse(second.line)).toMatchObject({ exitCode: 1, diagnostics: [{ file: "api/iothub.md", line: 76, code: "unknown-property-type" }] });
    writeFileSync(spec, seed);
    const third = await watcher.next(/^\{.*"exitCode":0/, second.index + 1);
    expect(JSON.parse(third.line)).toMatchObject({ exitCode: 0, diagnostics: [] });
    expect(await watcher.stop()).toBe(0);
    // Nothing but the runs' documents, and none for the end of watching.
    expect(watcher.lines.every((line) => typeof JSON.parse(line) === "object")).toBe(true);
    expect(watcher.lines.at(-1)).toBe(third.line);
  }, 60_000);

  it("regenerates an edited family version and the versions whose changelog reads it, and keeps them through a broken edit", async () => {
    const lock = readFileSync(join(PROJECT_ROOT, "test/fixtures/diff/lock-api.yaml"), "utf8");
    const versions = ["2024-01-01", "2024-06-01", "2025-01-01"];
    const spec = (label: string): string => join(dir, "api", `lock@${label}.yaml`);
    const text = (label: string): string => lock.replace("apiVersion: 2024-01-01", `apiVersion: ${label}`);
    /** An editor's atomic save, so that no run reads a half-written spec. */
    const save = (label: string, content: string): void => {
      writeFileSync(join(dir, "api", ".save.tmp"), content);
      renameSync(join(dir, "api", ".save.tmp"), spec(label));
    };
    const changelog = (label: string): string => readFileSync(join(dir, "generated/lock", label, "docs/changelog.html"), "utf8");
    const dir = project(Object.fromEntries(versions.map((label) => [`api/lock@${label}.yaml`, text(label)])));
    const watcher = watch(dir);
    let at = (await watcher.next(/^mqttgen: watching /, 0)).index;
    expect(readdirSync(join(dir, "generated/lock")).sort()).toEqual(versions);
    expect(changelog("2025-01-01")).not.toContain("summary changed");

    // 2025-01-01's changelog is its diff against 2024-06-01; 2024-01-01 neither reads nor shows the edit.
    save("2024-06-01", text("2024-06-01").replace("summary: Reads the lock state.", "summary: Reads whether the lock is locked."));
    const edited = /^mqttgen: api\/lock@2024-06-01\.yaml changed: wrote generated\/lock\/2024-06-01, generated\/lock\/2025-01-01 in \d+ ms$/;
    at = (await watcher.next(edited, at)).index;
    expect(readFileSync(join(dir, "generated/lock/2024-06-01/docs/reference.md"), "utf8")).toContain("Reads whether the lock is locked.");
    expect(changelog("2024-06-01")).toContain("summary changed");
    expect(changelog("2025-01-01")).toContain("summary changed");
    const good = snapshot(join(dir, "generated"));

    save("2024-06-01", text("2024-06-01").replace("- name: if-version\n          type: u64", "- name: if-version\n          type: u65"));
    const problem = await watcher.next(/^api\/lock@2024-06-01\.yaml:\d+:\d+: error unknown-property-type: /, at);
    const kept = /^mqttgen: api\/lock@2024-06-01\.yaml changed: \d+ problem\(s\), nothing written; the last good output is kept \(\d+ ms\)$/;
    at = (await watcher.next(kept, problem.index)).index;
    expect(snapshot(join(dir, "generated"))).toEqual(good);
    save("2024-06-01", text("2024-06-01"));
    const fixed = /^mqttgen: api\/lock@2024-06-01\.yaml changed: wrote generated\/lock\/2024-06-01, generated\/lock\/2025-01-01 in \d+ ms$/;
    at = (await watcher.next(fixed, at)).index;

    // A new version changes every switcher; deleting it again removes its directory.
    cpSync(spec("2025-01-01"), spec("2025-06-01"));
    const all = [...versions, "2025-06-01"].map((label) => `generated/lock/${label}`).join(", ");
    at = (await watcher.next(new RegExp(`^mqttgen: api/lock@2025-06-01\\.yaml changed: wrote ${all} in \\d+ ms$`), at)).index;
    rmSync(spec("2025-06-01"));
    const removed = await watcher.next(/^mqttgen: removed generated\/lock\/2025-06-01, generated from a spec that is gone$/, at);
    await watcher.next(/^mqttgen: api\/lock@2025-06-01\.yaml changed: wrote generated\/lock\/2024-01-01, generated\/lock\/2024-06-01, generated\/lock\/2025-01-01 in \d+ ms$/, removed.index);
    expect(readdirSync(join(dir, "generated/lock")).sort()).toEqual(versions);
    expect(await watcher.stop()).toBe(0);
  }, 120_000);
});
