/**
 * Where mqttgen's own files are. Source (`src/`) and build (`dist/src/`) sit at different depths below
 * the package root, so it is found by walking up to mqttgen's package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "mqttgen") return dir;
  }
  throw new Error("mqttgen: package.json not found above the CLI");
}

export const PACKAGE_ROOT = findRoot();

export const TOOL_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
