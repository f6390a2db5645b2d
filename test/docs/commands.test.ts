/**
 * The Mosquitto commands of the docs, for every operation of every spec: a POSIX shell reads each back
 * into the words meant (the topic with its example values, the payload byte for byte), and the real
 * Mosquitto clients accept every option and property they carry: run against a closed loopback port,
 * they get as far as connecting and are refused there, not at an option.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationCommands } from "../../src/emit/docs/commands.js";
import { exampleTopic, payloadText, schemaDefinitions } from "../../src/emit/docs/examples.js";
import { systemToolSkipReason } from "../support/system-tools.js";
import { docsSpecs } from "./specs.js";

const PROGRAMS = ["mosquitto_pub", "mosquitto_sub", "mosquitto_rr"];
const skip = systemToolSkipReason([...PROGRAMS.map((p) => `/usr/bin/${p}`), "/usr/bin/openssl", "/bin/sh"], "mosquitto-clients openssl");
const specs = await docsSpecs();

/** The words a POSIX shell makes of a command line: each program prints its arguments, NUL-separated. */
function shellWords(command: string): string[] {
  const functions = PROGRAMS.map((program) => `${program}() { printf '%s\\0' ${program} "$@"; }`).join("\n");
  const run = spawnSync("/bin/sh", ["-c", `${functions}\n${command}`], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split("\0").slice(0, -1);
}

function after(words: readonly string[], flag: string): string | undefined {
  const index = words.indexOf(flag);
  return index < 0 ? undefined : words[index + 1];
}

describe.skipIf(skip !== undefined)(`Mosquitto commands${skip === undefined ? "" : ` (SKIPPED: ${skip})`}`, () => {
  let directory: string;
  let closedPort: number;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "mqttgen-commands-"));
    // The files the commands name: a CA certificate and a client certificate with its key.
    const openssl = spawnSync(
      "/usr/bin/openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=docs", "-keyout", "device-key.pem", "-out", "device-cert.pem"],
      { cwd: directory, encoding: "utf8" },
    );
    expect(openssl.status, openssl.stderr).toBe(0);
    spawnSync("/bin/cp", ["device-cert.pem", "ca.pem"], { cwd: directory });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    closedPort = typeof address === "object" && address !== null ? address.port : 0;
    await new Promise((resolve) => server.close(resolve));
  });

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  describe.each(specs.map((spec) => [spec.name, spec] as const))("of %s", (_, spec) => {
    const definitions = schemaDefinitions(spec.model);

    it.each(spec.model.operations.map((operation) => [operation.id, operation] as const))("%s: read back as meant", (_id, operation) => {
      const commands = operationCommands(operation, spec.model);
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        const words = shellWords(command.text);
        expect(PROGRAMS).toContain(words[0]);
        expect(words.slice(1, 3)).toEqual(["-V", "mqttv5"]);
        expect(after(words, "-i")).toBe("device-1");
        const topic = after(words, "-t") ?? "";
        if (words[0] === "mosquitto_sub") {
          expect(topic).toBe(exampleTopic({ template: operation.subscription?.filter ?? "", parameters: operation.topic.parameters }));
        } else if (operation.direction === "client-to-server") {
          expect(topic).toBe(exampleTopic(operation.topic));
          const payload = payloadText(operation.request.payload, definitions);
          if (payload === undefined) expect(words).toContain("-n");
          else expect(after(words, "-m")).toBe(payload);
        }
        for (const [name, value] of spec.model.connection.userProperties.filter((p) => p.value !== undefined).map((p) => [p.name, p.value])) {
          expect(words.join(" ")).toContain(`-D connect user-property ${name} ${value}`);
        }
      }
    });

    it.each(spec.model.operations.map((operation) => [operation.id, operation] as const))(
      "%s: the Mosquitto clients accept every option, and only the connection is refused",
      (_id, operation) => {
        for (const command of operationCommands(operation, spec.model)) {
          const words = shellWords(command.text);
          const args = words.slice(1).map((word, index, all) => (all[index - 1] === "-h" ? "127.0.0.1" : all[index - 1] === "-p" ? String(closedPort) : word));
          const run = spawnSync(`/usr/bin/${words[0]}`, args, { cwd: directory, encoding: "utf8", timeout: 20_000 });
          expect(run.stderr, command.text).toMatch(/Connection refused/);
          expect(run.status).not.toBe(0);
        }
      },
    );
  });
});
