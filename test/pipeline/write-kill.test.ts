/**
 * Real `mqttgen generate` processes killed with SIGKILL while they write: at each named point of the swap
 * (the test-only checkpoint hook kills the process there), and at random moments of whole runs. Whatever
 * a kill leaves, the next run of any command must find the output tree complete, old or new, and leave
 * nothing behind: no staged tree, no tree set aside, no journal, no pointer.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/write.js";
import { PROJECT_ROOT } from "../support/cli.js";

const BIN = join(PROJECT_ROOT, "bin/mqttgen.js");
const scratch = mkdtempSync(join(tmpdir(), "mqttgen-kill-"));
/** The runs' own temporary directory, so their pointers are theirs to find. */
const runTmp = join(scratch, "tmp");
const project = join(scratch, "project");
const spec = join(project, "api/iothub.md");
const output = join(project, "generated/iothub");

type Tree = Record<string, string>;
type State = "old" | "new" | "missing" | "mixed";

const specA = readFileSync(join(PROJECT_ROOT, "api/iothub.md"), "utf8");
const specB = specA.replace("Get Twin state", "Get the twin state");
let treeA: Tree = {};
let treeB: Tree = {};

function snapshot(dir: string): Tree {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), "utf8")]));
}

function stateOf(old: Tree, next: Tree): State {
  if (!existsSync(output)) return "missing";
  const tree = JSON.stringify(snapshot(output));
  return tree === JSON.stringify(old) ? "old" : tree === JSON.stringify(next) ? "new" : "mixed";
}

/** Everything in generated/ and the pointer directory besides the output itself. */
function leftovers(): string[] {
  const pointers = existsSync(runTmp) ? readdirSync(runTmp).flatMap((dir) => readdirSync(join(runTmp, dir))) : [];
  return [...readdirSync(join(project, "generated")).filter((name) => name !== "iothub"), ...pointers];
}

function env(checkpoints?: string): NodeJS.ProcessEnv {
  const base = { ...process.env, TMPDIR: runTmp, NO_COLOR: "1" };
  return checkpoints === undefined ? base : { ...base, MQTTGEN_TEST_CHECKPOINTS: checkpoints };
}

function run(args: readonly string[], checkpoints?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: project, encoding: "utf8", env: env(checkpoints) });
}

/** The output as tree `tree` was generated from `text`, and the spec changed to `next`. */
function reset(tree: Tree, text: string): void {
  rmSync(join(project, "generated"), { recursive: true, force: true });
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(join(output, path, ".."), { recursive: true });
    writeFileSync(join(output, path), content);
  }
  writeFileSync(spec, text);
}

beforeAll(() => {
  mkdirSync(runTmp);
  for (const file of ["iothub.md", "iothub.schemas.json"]) cpSync(join(PROJECT_ROOT, "api", file), join(project, "api", file));
  cpSync(join(PROJECT_ROOT, "generated"), join(project, "generated"), { recursive: true });
  treeA = snapshot(output);
  writeFileSync(spec, specB);
  expect(run(["generate"]).status).toBe(0);
  treeB = snapshot(output);
  expect(treeB).not.toEqual(treeA);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a generate run killed at a named point of its swap", () => {
  it.each([
    ["staged", "old"],
    ["journaled", "new"],
    ["old-aside", "new"],
    ["new-in", "new"],
    ["old-removed", "new"],
  ] as const)("at %s: the next command finds the %s tree whole and nothing left over", (point, after) => {
    reset(treeA, specB);
    const killed = run(["generate"], `kill:${point}`);
    expect(killed.signal).toBe("SIGKILL");
    if (point === "old-aside") expect(stateOf(treeA, treeB)).toBe("missing");
    const next = run(["model", "api/iothub.md"]);
    expect(next.status, next.stderr).toBe(0);
    expect(stateOf(treeA, treeB)).toBe(after);
    expect(leftovers()).toEqual([]);
  });

  it("a kill while the next run recovers is recovered by the one after", () => {
    reset(treeA, specB);
    expect(run(["generate"], "kill:old-aside").signal).toBe("SIGKILL");
    expect(run(["model", "api/iothub.md"], "kill:old-aside").signal).toBe("SIGKILL");
    expect(stateOf(treeA, treeB)).toBe("missing");
    const next = run(["generate", "--check"]);
    expect(next.stderr).toMatch(/^mqttgen: finished the swap of .*generated\/iothub that process \d+ began$/m);
    expect(next.status, next.stderr).toBe(0);
    expect(stateOf(treeA, treeB)).toBe("new");
    expect(leftovers()).toEqual([]);
  });

  it("leftovers of runs from before the journal are restored or removed", () => {
    reset(treeA, specA);
    cpSync(output, join(project, "generated/iothub.tmp-999999"), { recursive: true });
    cpSync(output, join(project, "generated/iothub.old-999998"), { recursive: true });
    rmSync(output, { recursive: true });
    const next = run(["model", "api/iothub.md"]);
    expect(next.status, next.stderr).toBe(0);
    expect(stateOf(treeA, treeB)).toBe("old");
    expect(leftovers()).toEqual([]);
  });
});

describe("generate runs killed at random moments", () => {
  /**
   * Runs generate with every checkpoint of the swap sleeping `PAUSE` ms, and kills it `delay(whole)` ms
   * after it starts, or, when `inSwap`, at a random moment of its swap (from the first checkpoint on).
   * True when the kill came before the run finished.
   */
  const PAUSE = 40;
  const SWAP = 5 * PAUSE;
  async function killedRun(inSwap: boolean, whole: number): Promise<boolean> {
    const child = spawn(process.execPath, [BIN, "generate"], { cwd: project, env: env(`sleep:${PAUSE}`), stdio: ["ignore", "ignore", "pipe"] });
    let timer: NodeJS.Timeout | undefined;
    const kill = (delay: number) => {
      timer ??= setTimeout(() => child.kill("SIGKILL"), delay);
    };
    if (inSwap) child.stderr.on("data", (chunk: Buffer) => chunk.toString().includes("checkpoint staged") && kill(Math.random() * SWAP));
    else kill(Math.random() * whole);
    child.stderr.resume();
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_, s) => done(s)));
    clearTimeout(timer);
    return signal === "SIGKILL";
  }

  it("always leave a whole tree to the next command, and nothing behind it", async () => {
    const killed: Record<State, number> = { old: 0, new: 0, missing: 0, mixed: 0 };
    const recovered: Record<State, number> = { old: 0, new: 0, missing: 0, mixed: 0 };
    let finished = 0;
    let runsWithLeftovers = 0;
    reset(treeA, specB);
    const started = performance.now();
    expect(run(["generate"], `sleep:${PAUSE}`).status).toBe(0);
    const whole = performance.now() - started;
    const trees = { A: treeA, B: treeB };
    let current: "A" | "B" = "B";
    for (let i = 0; i < 10; i += 1) {
      const target: "A" | "B" = current === "A" ? "B" : "A";
      writeFileSync(spec, target === "A" ? specA : specB);
      if (await killedRun(i % 5 > 1, whole)) killed[stateOf(trees[current], trees[target])] += 1;
      else finished += 1;
      expect(run(["model", "api/iothub.md"]).status).toBe(0);
      const state = stateOf(trees[current], trees[target]);
      recovered[state] += 1;
      if (leftovers().length > 0) runsWithLeftovers += 1;
      if (state === "new") current = target;
    }
    console.log(
      `killed runs left: ${JSON.stringify(killed)} (${finished} finished first); ` +
        `the next command found: ${JSON.stringify(recovered)}; runs with leftovers after it: ${runsWithLeftovers}`,
    );
    expect(recovered.missing + recovered.mixed).toBe(0);
    expect(runsWithLeftovers).toBe(0);
  }, 120_000);
});
