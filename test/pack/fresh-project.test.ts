/**
 * The install a user makes (issue 11): both packages packed, their tarballs installed into a fresh project
 * in the system's temporary directory (its own node_modules, nothing of this repository's), `mqttgen init`
 * and `generate` there, the README's server and client compiled with the output under the strictest
 * options and run against each other; then `npm prune --omit=dev` (mqttgen was installed with -D) and the same run again,
 * and the size of that production install printed. CommonJS and bundler consumers of the runtime compile
 * (and the CommonJS ones run) under the node10, node16 and bundler module resolutions.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/write.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { readmeCode } from "../support/readme.js";
import { CONSUMER_SOURCE, CONSUMERS, type Consumer } from "./consumers.js";
import { STRICTEST_OPTIONS } from "./strictest.js";

const run = promisify(execFile);
/** Goal of issue 11 for the production install of a generated client (runtime + MQTT.js). */
const PRODUCTION_INSTALL_GOAL_KB = 15 * 1024;

/** This process's environment without npm's per-run variables, which would configure the inner npm runs. */
const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function devVersion(name: string): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, env: environment });
  return stdout;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Starts the compiled server, runs the compiled client against its port, and returns both outputs. */
async function clientAgainstServer(app: string): Promise<{ client: string; server: string }> {
  const server = spawn(process.execPath, ["dist/server.js"], { cwd: app, env: environment });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  let serverOutput = "";
  server.stderr.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  try {
    const port = await new Promise<string>((resolve, reject) => {
      server.stdout.on("data", (chunk: Buffer) => {
        serverOutput += chunk.toString();
        const listening = /^listening (\d+)$/m.exec(serverOutput);
        if (listening?.[1] !== undefined) resolve(listening[1]);
      });
      server.once("exit", (code) => reject(new Error(`server exited with ${code}: ${serverOutput}`)));
    });
    const client = await run(process.execPath, ["dist/client.js", port], { cwd: app, env: environment });
    return { client: client.stdout, server: serverOutput };
  } finally {
    server.kill("SIGTERM");
    await exited;
  }
}

/** Compiles the consumer in a directory of its own and runs the output when it is meant to; its stdout. */
async function compileConsumer(parent: string, consumer: Consumer): Promise<string | undefined> {
  const dir = join(parent, consumer.name);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, "package.json"), { type: consumer.type });
  writeFileSync(join(dir, "index.ts"), CONSUMER_SOURCE);
  writeJson(join(dir, "tsconfig.json"), {
    compilerOptions: { ...consumer.compilerOptions, target: "ES2022", types: ["node"], outDir: "out" },
    files: ["index.ts"],
  });
  await run("npx", ["--no-install", "tsc", "-p", "."], { cwd: dir, env: environment });
  if (!consumer.runs) return undefined;
  if (consumer.type === "commonjs") expect(readFileSync(join(dir, "out/index.js"), "utf8")).toContain('require("@mqttgen/runtime/client")');
  return (await run(process.execPath, ["out/index.js"], { cwd: dir, env: environment })).stdout;
}

function kilobytes(path: string): number {
  let bytes = 0;
  for (const entry of readdirSync(path, { recursive: true, encoding: "utf8" })) {
    const stat = lstatSync(join(path, entry));
    if (stat.isFile()) bytes += stat.size;
  }
  return Math.round(bytes / 1024);
}

describe("a fresh project installing the packed packages", () => {
  const scratch = mkdtempSync(join(tmpdir(), "mqttgen-fresh-"));
  const tarballs = join(scratch, "tarballs");
  const app = join(scratch, "app");
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  beforeAll(async () => {
    mkdirSync(tarballs);
    mkdirSync(app);
    // npm test built both packages first; packing must not build again.
    await npm(PROJECT_ROOT, "pack", "--workspaces", "--include-workspace-root", "--ignore-scripts", "--pack-destination", tarballs, "--silent");
    writeJson(join(app, "package.json"), { name: "fresh-app", private: true, type: "module" });
    await npm(app, "install", join(tarballs, "mqttgen-runtime-0.1.0.tgz"), "mqtt");
    await npm(app, "install", "-D", join(tarballs, "mqttgen-0.1.0.tgz"), `typescript@${devVersion("typescript")}`, `@types/node@${devVersion("@types/node")}`);
  }, 240_000);

  it("installs the runtime as a copy of its own, not a link into this repository", () => {
    expect(lstatSync(join(app, "node_modules/@mqttgen/runtime")).isSymbolicLink()).toBe(false);
    expect(readdirSync(join(app, "node_modules/@mqttgen/runtime"))).not.toContain("tsconfig.json");
    expect(readdirSync(join(app, "node_modules/mqttgen/dist/src"))).not.toContain("runtime");
  });

  it("generates with npx mqttgen, compiles under the strictest options, and runs client against server", async () => {
    await run("npx", ["--no-install", "mqttgen", "init"], { cwd: app, env: environment });
    const generate = await run("npx", ["--no-install", "mqttgen", "generate"], { cwd: app, env: environment });
    expect(generate.stdout + generate.stderr).toContain("wrote src/generated/thermostat");
    // The application is the README's server and client, as written.
    writeFileSync(join(app, "src/server.ts"), readmeCode("### A server"));
    writeFileSync(join(app, "src/client.ts"), readmeCode("### A client"));
    writeJson(join(app, "tsconfig.json"), {
      // allowJs, as the README says: tsc then copies the generated validators.js (Ajv's JavaScript) to dist.
      compilerOptions: { ...STRICTEST_OPTIONS, allowJs: true, target: "ES2022", module: "nodenext", rootDir: "src", outDir: "dist", types: ["node"] },
      include: ["src"],
    });
    await run("npx", ["--no-install", "tsc", "-p", "."], { cwd: app, env: environment });
    const { client, server } = await clientAgainstServer(app);
    expect(client).toBe("settings 21.5 celsius\nreading acknowledged\n");
    expect(server).toContain("reading 1: 19.25");
  }, 180_000);

  it("ships every file the project mqttgen init wrote points into, the schemas the help names, and no TypeScript source", () => {
    const installed = join(app, "node_modules/mqttgen");
    const written = ["mqttgen.config.json", ...readdirSync(join(app, "api")).map((file) => `api/${file}`)];
    const pointed = written.flatMap((file) => [...readFileSync(join(app, file), "utf8").matchAll(/node_modules\/mqttgen\/([\w./-]+\w)/g)].map((m) => m[1] ?? ""));
    expect(new Set(pointed)).toEqual(new Set(["schemas/mqttgen.config.schema.json", "src/parse/yaml/api.schema.json", "src/parse/yaml/FORMAT.md"]));
    for (const path of [...pointed, "src/diff/changes.schema.json", "schemas/report.schema.json"]) expect(existsSync(join(installed, path)), path).toBe(true);
    expect(listFiles(installed).filter((path) => /(?<!\.d)\.ts$/.test(path))).toEqual([]);
  });

  it("CommonJS and bundler consumers of the three entries compile, and the CommonJS ones run", async () => {
    // In parallel: each compile checks the libraries' declarations too, and the machine has cores to spare.
    const outputs = await Promise.all(CONSUMERS.map((consumer) => compileConsumer(join(app, "consumers"), consumer)));
    expect(outputs).toEqual(CONSUMERS.map((consumer) => (consumer.runs ? "function function function\n" : undefined)));
  }, 240_000);

  it("runs again after npm prune --omit=dev, in a production install within the size goal", async () => {
    await npm(app, "prune", "--omit=dev");
    const installed = readdirSync(join(app, "node_modules"));
    expect(installed).not.toContain("mqttgen");
    expect(installed).not.toContain("typescript");
    expect(installed).toContain("mqtt");
    const { client } = await clientAgainstServer(app);
    expect(client).toBe("settings 21.5 celsius\nreading acknowledged\n");
    const files = kilobytes(join(app, "node_modules"));
    const disk = Number.parseInt((await run("du", ["-sk", "node_modules"], { cwd: app })).stdout, 10);
    const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
    console.log(`production install of a generated client (runtime + MQTT.js): ${mb(disk)} on disk (du -sk node_modules), ${mb(files)} of files`);
    // The files' sum, not du's blocks, which depend on the file system the test runs on.
    expect(files).toBeLessThanOrEqual(PRODUCTION_INSTALL_GOAL_KB);
  }, 120_000);
});
