/**
 * A Mosquitto broker for end-to-end tests: the Debian `mosquitto` binary on a free port of 127.0.0.1,
 * with a temporary configuration (anonymous clients, TCP_NODELAY so sequential round trips do not stall on
 * Nagle's algorithm). `mosquittoSkipReason` says why the tests cannot run; with
 * `MQTTGEN_REQUIRE_SYSTEM_TOOLS=1` a missing binary is a failure instead of a skip.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemToolSkipReason } from "./system-tools.js";

export const MOSQUITTO = "/usr/sbin/mosquitto";

/** Why Mosquitto tests skip, or `undefined` when they run. Throws when system tools are required. */
export function mosquittoSkipReason(): string | undefined {
  return systemToolSkipReason([MOSQUITTO], "mosquitto");
}

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startMosquitto(): Promise<Mosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-mosquitto-"));
  const config = join(dir, "mosquitto.conf");
  writeFileSync(config, [`listener ${port} 127.0.0.1`, "allow_anonymous true", "set_tcp_nodelay true", ""].join("\n"));
  const child = spawn(MOSQUITTO, ["-c", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    await terminate(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `mqtt://127.0.0.1:${port}`, stop };
}

/** A port nobody listens on: bind port 0, read the port back, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}: ${stderr()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`mosquitto did not listen on ${port} within 10 s: ${stderr()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
