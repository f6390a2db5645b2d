// A server program the tests (and the benchmark) start on a free port of 127.0.0.1 (Mosquitto, Redis):
// waiting until it accepts connections, and stopping it with SIGTERM and removing its directory.
import { rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";

/**
 * Resolves once `child` accepts connections on `port`, with the function that stops it and removes `dir`;
 * stops it and rejects, with what it wrote to stderr, if it exits or does not listen within 10 s.
 */
export async function listening(name, child, port, dir) {
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk.toString()));
  const stop = async () => {
    await terminate(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(name, port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/** A port nobody listens on: bind port 0, read the port back, close. */
export function freePort() {
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

async function waitForPort(name, port, child, stderr) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${name} did not listen on ${port} within 10 s: ${stderr()}`);
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
