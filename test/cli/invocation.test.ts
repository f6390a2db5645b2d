/**
 * `--check` names the command that fixes drift the way the user ran mqttgen: a table of invocations,
 * then real runs through npm scripts and through the project's node_modules/.bin.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { invokedCommand } from "../../src/cli/invocation.js";
import { cliEnvironment } from "../support/cli.js";
import { linkMqttgen, seedProject, write } from "./project.js";

const CWD = "/work/app";
const NPM = "npm/10.8.2 node/v20.19.0 linux x64 workspaces/false";

describe("the command that fixes drift", () => {
  it.each([
    ["npm run generate -- --check", ["generate", "--check"], { npm_lifecycle_event: "generate", npm_lifecycle_script: "mqttgen generate", npm_config_user_agent: NPM }, "npm run generate"],
    [
      "npm run generate -- api/x.md --check --reporter github",
      ["generate", "api/x.md", "--check", "--reporter", "github"],
      { npm_lifecycle_event: "generate", npm_lifecycle_script: "mqttgen generate", npm_config_user_agent: NPM },
      "npm run generate -- api/x.md",
    ],
    [
      "pnpm gen --check, the script naming bin/mqttgen.js",
      ["generate", "--out", "src/gen", "--check"],
      { npm_lifecycle_event: "gen", npm_lifecycle_script: "node bin/mqttgen.js generate --out src/gen", npm_config_user_agent: "pnpm/9.1.0 npm/? node/v20.19.0 linux x64" },
      "pnpm run gen",
    ],
    ["yarn check:api, a script that checks", ["generate", "--check", "-q"], { npm_lifecycle_event: "check:api", npm_lifecycle_script: "mqttgen generate --check -q", npm_config_user_agent: "yarn/4.1.0 npm/? node/v20.19.0" }, "npx mqttgen generate"],
    [
      "a script of several commands",
      ["generate", "--check"],
      { npm_lifecycle_event: "ci", npm_lifecycle_script: "tsc && mqttgen generate --check", npm_config_user_agent: NPM },
      "npx mqttgen generate",
    ],
    ["npx mqttgen generate --check", ["generate", "--check"], { npm_command: "exec", npm_lifecycle_event: "npx", npm_lifecycle_script: "mqttgen" }, "npx mqttgen generate"],
    ["an argument with a space", ["generate", "my api/x.md", "--check"], { npm_command: "exec" }, "npx mqttgen generate 'my api/x.md'"],
  ])("%s → %s", (_, argv, env, expected) => {
    expect(invokedCommand(argv, { cwd: CWD, env, script: "/work/app/node_modules/.bin/mqttgen" })).toBe(expected);
  });

  it.each([
    ["node_modules/.bin", "/work/app/node_modules/.bin/mqttgen", "npx mqttgen generate --out x"],
    ["a global install", "/usr/local/bin/mqttgen", "mqttgen generate --out x"],
    ["node and a path", "/work/mqttgen/bin/mqttgen.js", "node ../mqttgen/bin/mqttgen.js generate --out x"],
  ])("run from %s: %s", (_, script, expected) => {
    expect(invokedCommand(["generate", "--out", "x", "--check"], { cwd: CWD, env: {}, script })).toBe(expected);
  });
});

describe("--check run for real", () => {
  /** The seed's project with its output generated, then the spec edited, so that --check finds drift. */
  function drifted(): string {
    const dir = seedProject({
      "package.json": JSON.stringify({ name: "app", private: true, scripts: { generate: "mqttgen generate", "check:api": "mqttgen generate --check" } }),
    });
    linkMqttgen(dir);
    mkdirSync(join(dir, "node_modules/.bin"));
    symlinkSync("../mqttgen/bin/mqttgen.js", join(dir, "node_modules/.bin/mqttgen"));
    const spec = join(dir, "api/iothub.md");
    expect(run(dir, "npm", ["run", "--silent", "generate"]).status).toBe(0);
    write(dir, "api/iothub.md", readFileSync(spec, "utf8").replace("Get Twin state", "Get the twin state"));
    return dir;
  }

  function run(cwd: string, command: string, args: readonly string[]): { status: number | null; stderr: string } {
    const child = spawnSync(command, args, { cwd, encoding: "utf8", env: cliEnvironment() });
    return { status: child.status, stderr: child.stderr };
  }

  it("names the npm script, with the arguments given after --", () => {
    const dir = drifted();
    const plain = run(dir, "npm", ["run", "--silent", "generate", "--", "--check"]);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/^mqttgen: 12 file\(s\) out of date: run npm run generate$/m);
    const named = run(dir, "npm", ["run", "--silent", "generate", "--", "api/iothub.md", "--check"]);
    expect(named.stderr).toMatch(/^mqttgen: 12 file\(s\) out of date: run npm run generate -- api\/iothub\.md$/m);
  });

  it("names npx mqttgen when the script itself checks, or the bin is run directly", () => {
    const dir = drifted();
    expect(run(dir, "npm", ["run", "--silent", "check:api"]).stderr).toMatch(/^mqttgen: 12 file\(s\) out of date: run npx mqttgen generate$/m);
    const direct = run(dir, join(dir, "node_modules/.bin/mqttgen"), ["generate", "--check", "--out", "generated"]);
    expect(direct.stderr).toMatch(/^mqttgen: 12 file\(s\) out of date: run npx mqttgen generate --out generated$/m);
  });
});
