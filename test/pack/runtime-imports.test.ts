/**
 * What generated files may import (the contract between the emitters and the runtime package): the shared
 * entry everywhere, the client entry only in client.ts, the server entry only in server.ts, besides `mqtt`,
 * `node:` modules (never in client.ts, which must bundle for a browser) and sibling files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { RUNTIME_CLIENT, RUNTIME_SERVER, RUNTIME_SHARED } from "../../src/emit/runtime-modules.js";
import { PROJECT_ROOT } from "../support/cli.js";

const root = join(PROJECT_ROOT, "generated");
const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith(".ts"));

function specifiers(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)";/gms)].map((match) => match[1] ?? "");
}

function allowed(file: string, specifier: string): boolean {
  if (specifier.startsWith("./") || specifier === RUNTIME_SHARED || specifier === "mqtt") return true;
  const name = basename(file);
  if (name === "client.ts") return specifier === RUNTIME_CLIENT;
  if (specifier.startsWith("node:")) return true;
  return name === "server.ts" && specifier === RUNTIME_SERVER;
}

describe("the runtime specifiers of generated code", () => {
  it("finds generated files that import the runtime", () => {
    expect(files.some((file) => specifiers(readFileSync(join(root, file), "utf8")).includes(RUNTIME_CLIENT))).toBe(true);
    expect(files.some((file) => specifiers(readFileSync(join(root, file), "utf8")).includes(RUNTIME_SERVER))).toBe(true);
  });

  it.each(files)("%s imports only what its side may", (file) => {
    const imported = specifiers(readFileSync(join(root, file), "utf8"));
    expect(imported.filter((specifier) => !allowed(file, specifier))).toEqual([]);
  });
});
