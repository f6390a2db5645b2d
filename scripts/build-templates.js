#!/usr/bin/env node
// Precompiles templates/*.hbs into dist/templates.cjs, which generation loads instead of compiling the
// templates on every run (src/emit/render.ts). Runs after tsc in `npm run build` and before `npm run generate`.
import { writeFileSync } from "node:fs";
import { PRECOMPILED_PATH, precompiledModuleText } from "../dist/src/emit/render.js";

writeFileSync(PRECOMPILED_PATH, precompiledModuleText());
