/** Help for every command, exit codes said the same way by the code, the help and the README. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { EXIT_TABLE } from "../../src/cli/help.js";
import { PROJECT_DIAGNOSTICS } from "../../src/project-diagnostics.js";
import { PROJECT_ROOT, runCli } from "../support/cli.js";

const COMMANDS = ["generate", "model", "convert", "diff", "init"] as const;

describe("help", () => {
  it.each(COMMANDS)("mqttgen %s --help exits 0 with that command's usage on stdout", (command) => {
    const run = runCli([command, "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: mqttgen ${command} `));
    expect(run.stderr).toBe("");
  });

  it.each(COMMANDS)("mqttgen help %s prints the same as the command's -h", (command) => {
    const help = runCli(["help", command]);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(runCli([command, "-h"]).stdout);
  });

  it("wins over any other argument, right or wrong", () => {
    const run = runCli(["generate", "--bogus", "no/such.md", "--out", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mqttgen generate /);
  });

  it("lists every command in the main help", () => {
    const run = runCli(["--help"]);
    expect(run.status).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`mqttgen ${command} `);
    expect(runCli(["help"]).stdout).toBe(run.stdout);
  });

  it("exits 2 for help on a command that does not exist", () => {
    const run = runCli(["help", "frobnicate"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^mqttgen: no command "frobnicate"; commands: generate, model, convert, diff, init$/m);
  });
});

describe("exit codes", () => {
  /** The rows of the README's exit-code table: code → meaning. */
  function readmeTable(): Map<number, string> {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Exit codes"));
    const rows = [...section.matchAll(/^\| (\d) \| (.+) \|$/gm)];
    return new Map(rows.map((row) => [Number(row[1]), row[2] ?? ""]));
  }

  it("are the same in src/cli/exit-codes.ts, the help and the README", () => {
    const codes = Object.values(EXIT).sort();
    expect(codes).toEqual([0, 1, 2, 3, 4]);
    expect([...readmeTable().keys()]).toEqual(codes);
    for (const code of codes) expect(EXIT_TABLE).toContain(`${code} `);
  });

  it.each([
    [["frobnicate"], EXIT.usage],
    [["generate", "--out"], EXIT.usage],
    [["generate", "--format", "--no-format"], EXIT.usage],
    [["generate", "--watch", "--check"], EXIT.usage],
    [["model", "api/iothub.md", "--reporter", "xml"], EXIT.usage],
    [["model", "api/missing.md"], EXIT.fileSystem],
    [["diff", "api/missing.md", "api/iothub.md"], EXIT.fileSystem],
    [["model", "api/iothub.md"], EXIT.ok],
  ])("%j exits %i", (args, code) => {
    expect(runCli(args).status).toBe(code);
  });
});

describe("README", () => {
  it("lists every config and template-override diagnostic with its severity and summary", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    for (const [code, entry] of Object.entries(PROJECT_DIAGNOSTICS)) expect(readme).toContain(`| \`${code}\` | ${entry.severity} | ${entry.summary} |`);
  });
});
