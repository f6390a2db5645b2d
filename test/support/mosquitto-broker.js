// A Mosquitto broker on a free port of 127.0.0.1, for the end-to-end tests and bench/wire.js: the Debian
// `mosquitto` binary with a temporary configuration (TCP_NODELAY, without which each sequential round trip
// stalls on Nagle's algorithm), anonymous clients by default, or users from a password file written with
// `mosquitto_passwd` and an ACL file. Plain JavaScript, typed by mosquitto-broker.d.ts, so the benchmark can
// run it without a build.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MOSQUITTO = "/usr/sbin/mosquitto";
export const MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";

export async function startMosquitto(options = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-mosquitto-"));
  const config = join(dir, "mosquitto.conf");
  const lines = [`listener ${port} 127.0.0.1`, "set_tcp_nodelay true"];
  // Started as root, Mosquitto drops to its own user before it reads the password and ACL files.
  if (options.users !== undefined || options.acl !== undefined) chmodSync(dir, 0o755);
  if (options.users === undefined) lines.push("allow_anonymous true");
  else {
    const passwords = join(dir, "passwords");
    writeFileSync(passwords, "");
    for (const [user, password] of Object.entries(options.users)) {
      execFileSync(MOSQUITTO_PASSWD, ["-b", passwords, user, password]);
    }
    lines.push("allow_anonymous false", `password_file ${passwords}`);
  }
  if (options.acl !== undefined) {
    const acl = join(dir, "acl");
    writeFileSync(acl, [...options.acl, ""].join("\n"));
    lines.push(`acl_file ${acl}`);
  }
  writeFileSync(config, [...lines, ""].join("\n"));
  const child = spawn(MOSQUITTO, ["-c", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk.toString()));
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
function freePort() {
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

async function waitForPort(port, child, stderr) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}: ${stderr()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`mosquitto did not listen on ${port} within 10 s: ${stderr()}`);
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
