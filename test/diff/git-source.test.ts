/**
 * `git:REF:PATH` sides, in a temporary git repository: the spec and its schema sidecar as committed at
 * REF, located under the name given on the command line.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "../../src/diff/index.js";
import { PROJECT_ROOT, runCli } from "../support/cli.js";
import { edit } from "./support.js";

const repo = mkdtempSync(join(tmpdir(), "mqttgen-diff-git-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function git(...args: string[]): void {
  const run = spawnSync("git", ["-c", "user.name=mqttgen test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
    cwd: repo,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
}

const specPath = join(repo, "api/x.md");
const sidecarPath = join(repo, "api/x.schemas.json");

beforeAll(() => {
  mkdirSync(join(repo, "api"));
  cpSync(join(PROJECT_ROOT, "api/iothub.md"), specPath);
  cpSync(join(PROJECT_ROOT, "api/iothub.schemas.json"), sidecarPath);
  git("init", "--quiet", "--initial-branch=main");
  git("add", ".");
  git("commit", "--quiet", "-m", "first");
  // The working tree moves on: a new topic in the spec, and `reported` no longer required in the sidecar.
  writeFileSync(specPath, edit(readFileSync(specPath, "utf8"), ["`$iothub/twin/get`", "`$iothub/twin/read`"], ["Topic: $iothub/twin/get", "Topic: $iothub/twin/read"]));
  writeFileSync(sidecarPath, edit(readFileSync(sidecarPath, "utf8"), ['"required": ["desired", "reported"]', '"required": ["desired"]']));
});

function changes(args: readonly string[]): { status: number | null; changes: Change[] } {
  const run = runCli(["diff", ...args, "--format", "json"], repo);
  expect(run.stderr).not.toMatch(/: error [a-z-]+: /);
  return { status: run.status, changes: (JSON.parse(run.stdout) as { changes: Change[] }).changes };
}

describe("git:REF:PATH", () => {
  it("reads the spec and its sidecar as committed, and names them git:REF:PATH", () => {
    const found = changes(["git:HEAD:api/x.md", "api/x.md"]);
    expect(found.status).toBe(1);
    expect(found.changes.map((c) => [c.rule, c.old?.file, c.new?.file])).toEqual([
      ["topic-changed", "git:HEAD:api/x.md", "api/x.md"],
      ["downlink-field-made-optional", "git:HEAD:api/x.schemas.json", "api/x.schemas.json"],
      ["api-version-not-bumped", "git:HEAD:api/x.md", "api/x.md"],
    ]);
  });

  it("compares two revisions, and annotates for GitHub without a file when only git: sides have the place", () => {
    git("commit", "--quiet", "-am", "second");
    const found = changes(["git:HEAD~1:api/x.md", "git:HEAD:./api/x.md"]);
    expect(found.changes.map((c) => [c.rule, c.new?.file])).toEqual([
      ["topic-changed", "git:HEAD:./api/x.md"],
      ["downlink-field-made-optional", "git:HEAD:./api/x.schemas.json"],
      ["api-version-not-bumped", "git:HEAD:./api/x.md"],
    ]);
    const github = runCli(["diff", "git:HEAD~1:api/x.md", "git:HEAD:api/x.md", "--format", "github"], repo);
    expect(github.stdout.split("\n")[0]).toBe("::error title=mqttgen diff topic-changed::`Get Twin`: topic changed from `$iothub/twin/get` to `$iothub/twin/read`");
  });

  it("exits 3 (cannot read) with git's complaint for a revision or path git does not know", () => {
    const revision = runCli(["diff", "git:no-such-branch:api/x.md", "api/x.md"], repo);
    expect(revision.status).toBe(3);
    expect(revision.stderr).toContain("cannot read git:no-such-branch:api/x.md: fatal:");
    const path = runCli(["diff", "git:HEAD:api/y.md", "api/x.md"], repo);
    expect(path.status).toBe(3);
    expect(path.stderr).toContain("cannot read git:HEAD:api/y.md");
  });
});
