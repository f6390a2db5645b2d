/**
 * Templates are compiled at build time into dist/templates.cjs (`npm test` builds first): a run renders
 * from that module with the Handlebars runtime alone, and a template edited since the build is compiled
 * from its source rather than rendered stale.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  PRECOMPILED_PATH,
  precompiledModuleText,
  templateOf,
  type PrecompiledTemplate,
} from "../../src/emit/render.js";
import { PROJECT_ROOT } from "../support/cli.js";

const TEMPLATES = readdirSync(join(PROJECT_ROOT, "templates")).filter((file) => file.endsWith(".hbs"));
const built: Record<string, PrecompiledTemplate> = createRequire(import.meta.url)(PRECOMPILED_PATH);

describe("precompiled templates", () => {
  it("hold every template of templates/, as the build writes them", () => {
    expect(Object.keys(built).sort()).toEqual(TEMPLATES.map((file) => file.slice(0, -".hbs".length)).sort());
    expect(readFileSync(PRECOMPILED_PATH, "utf8")).toBe(precompiledModuleText());
  });

  it("render what compiling the source renders, strictly (a missing field, even a helper's, is an error)", () => {
    const source = readFileSync(join(PROJECT_ROOT, "templates/payloads.ts.hbs"), "utf8");
    const view = {
      declarations: [{ name: "Thing", description: "A *\/ thing.", isInterface: false, members: [], type: "string" }],
      isEmpty: false,
    };
    const rendered = templateOf(source, built["payloads.ts"])(view);
    expect(rendered).toBe(templateOf(source, undefined)(view));
    expect(rendered).toBe("/** A *\\/ thing. */\nexport type Thing = string;\n");
    expect(() =>
      templateOf(source, built["payloads.ts"])({ declarations: [{ name: "Thing" }], isEmpty: false }),
    ).toThrow(/doc: its argument is not a field of the view-model/);
  });

  it("are not used for a source edited since the build: that source is compiled", () => {
    expect(templateOf("edited {{str name}}", built["status.ts"])({ name: "x" })).toBe('edited "x"');
  });

  it("spare a run the Handlebars compiler", () => {
    const script = [
      'import { createRequire } from "node:module";',
      `const { main } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, "dist/src/cli.js")).href)});`,
      'const status = await main(["generate", "--check"]);',
      "const cache = Object.keys(createRequire(import.meta.url).cache);",
      'console.log(JSON.stringify({ status, runtime: cache.some((p) => p.endsWith("handlebars.runtime.js")), compiler: cache.some((p) => /handlebars[\\\\/]compiler/.test(p)) }));',
    ].join("\n");
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "")).toEqual({
      status: 0,
      runtime: true,
      compiler: false,
    });
  });
});
