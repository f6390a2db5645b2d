/** Throwaway projects for CLI tests: a temporary directory that is its own repository root. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A new project holding `files`; its `.git` ends the config search there, so nothing above the temporary
 * directory configures it.
 */
export function project(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-cli-"));
  scratch.push(dir);
  mkdirSync(join(dir, ".git"));
  for (const [path, text] of Object.entries(files)) write(dir, path, text);
  return dir;
}

/** A project with the seed (api/iothub.md and its schema sidecar). */
export function seedProject(files: Readonly<Record<string, string>> = {}): string {
  const dir = project(files);
  for (const file of ["iothub.md", "iothub.schemas.json"]) cpSync(join(PROJECT_ROOT, "api", file), join(dir, "api", file));
  return dir;
}

export function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** `node_modules/mqttgen` pointing at this repository, as an install of the package would resolve it. */
export function linkMqttgen(dir: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(PROJECT_ROOT, join(dir, "node_modules", "mqttgen"), "dir");
}
