#!/usr/bin/env node
// dist/cjs holds the CommonJS build beside the ESM one (dist/esm); the package itself is "type": "module",
// so this marker makes Node and TypeScript read the .js and .d.ts files under dist/cjs as CommonJS.
import { writeFileSync } from "node:fs";

writeFileSync(new URL("../dist/cjs/package.json", import.meta.url), `${JSON.stringify({ type: "commonjs" })}\n`);
