#!/usr/bin/env node
// Copies the JavaScript files of generated/ (the payload validators, `validators.js`, which ship as .js with
// their .d.ts beside them) into dist/generated/, where tsc put the compiled TypeScript they sit next to.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "generated");

for (const entry of readdirSync(SOURCE, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(ROOT, "dist", "generated", from.slice(SOURCE.length + 1));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
