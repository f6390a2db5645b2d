/** `mqttgen init` in a fresh project: the starter spec and config, refusals, and a first generate that compiles. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, runCli } from "../support/cli.js";
import { linkMqttgen, project, write } from "./project.js";

describe("mqttgen init", () => {
  it("writes a starter spec and config, prints the next commands, and the first generate compiles under strict", () => {
    const dir = project();
    const init = runCli(["init"], dir);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain("Wrote api/thermostat.yaml and mqttgen.config.json.");
    expect(init.stdout).toMatch(/^ {2}npx mqttgen generate +# api\/thermostat\.yaml → src\/generated\/thermostat\/$/m);
    expect(init.stdout).toMatch(/^ {2}npx mqttgen generate --watch /m);
    expect(JSON.parse(readFileSync(join(dir, "mqttgen.config.json"), "utf8"))).toEqual({
      $schema: "./node_modules/mqttgen/schemas/mqttgen.config.schema.json",
      specs: ["api/thermostat.yaml"],
      output: "src/generated",
    });
    const generate = runCli(["generate"], dir);
    expect(generate.status, generate.stderr).toBe(0);
    const model = JSON.parse(runCli(["model", "api/thermostat.yaml"], dir).stdout) as { operations: { id: string; interaction: string; direction: string }[] };
    expect(model.operations.map((o) => [o.id, o.direction, o.interaction])).toEqual([
      ["get-settings", "client-to-server", "request-response"],
      ["send-reading", "client-to-server", "message-ack"],
      ["receive-setpoint", "server-to-client", "message-ack"],
    ]);
    // Compiled as this repository compiles its own generated code (@mqttgen/runtime mapped to src/runtime),
    // in memory below the repository, which the compiler's rootDir requires.
    const compiler = new Project({ tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    const generated = join(dir, "src/generated/thermostat");
    for (const file of readdirSync(generated).filter((name) => name.endsWith(".ts"))) {
      compiler.createSourceFile(join(PROJECT_ROOT, ".init-in-memory", file), readFileSync(join(generated, file), "utf8"));
    }
    // api, client, payloads, server, status and the validators' types (validators.d.ts).
    expect(compiler.getSourceFiles()).toHaveLength(6);
    expect(compiler.getPreEmitDiagnostics().map((d) => compiler.formatDiagnosticsWithColorAndContext([d]))).toEqual([]);
  }, 60_000);

  it.each(["yaml", "ts", "mjs"])("--config-format %s writes a config generate reads", (format) => {
    const dir = project();
    linkMqttgen(dir);
    expect(runCli(["init", "--config-format", format, "--name", "door-lock"], dir).status).toBe(0);
    expect(existsSync(join(dir, `mqttgen.config.${format}`))).toBe(true);
    expect(readFileSync(join(dir, "api/door-lock.yaml"), "utf8")).toMatch(/^title: Door Lock API$/m);
    const generate = runCli(["generate"], dir);
    expect(generate.status, generate.stderr).toBe(0);
    expect(readFileSync(join(dir, "src/generated/door-lock/client.ts"), "utf8")).toContain("export class DoorLockClient ");
  });

  it("writes into DIR, creating it", () => {
    const dir = project();
    const init = runCli(["init", "app"], dir);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^ {2}cd app && npx mqttgen generate /m);
    expect(existsSync(join(dir, "app/api/thermostat.yaml"))).toBe(true);
  });

  it("refuses to overwrite without --force, and never writes a second config", () => {
    const dir = project({ "api/thermostat.yaml": "mine\n" });
    const refused = runCli(["init"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^mqttgen: api\/thermostat\.yaml already exists in \.; --force overwrites$/m);
    expect(readFileSync(join(dir, "api/thermostat.yaml"), "utf8")).toBe("mine\n");
    expect(existsSync(join(dir, "mqttgen.config.json"))).toBe(false);
    expect(runCli(["init", "--force"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "api/thermostat.yaml"), "utf8")).toMatch(/^mqttgen: 1$/m);
    write(dir, "mqttgen.config.yaml", "specs: [api/*.yaml]\n");
    const second = runCli(["init", "--force", "--config-format", "ts"], dir);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/^mqttgen: mqttgen\.config\.json already configures \.; edit it, or remove it first$/m);
    expect(existsSync(join(dir, "mqttgen.config.ts"))).toBe(false);
  });

  it.each([
    [["--config-format", "toml"], "--config-format must be one of json, yaml, ts, mjs, got toml"],
    [["--name", "My API"], "--name must be lower-case letters, digits and dashes, starting with a letter; got My API"],
  ])("exits 2 for %j", (args, message) => {
    const run = runCli(["init", ...args], project());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
