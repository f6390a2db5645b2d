// A Redis server on a free port of 127.0.0.1, for the scale-out tests and bench: Debian's `redis-server`
// with no snapshots and no append-only file (each run starts empty and leaves nothing behind). Plain
// JavaScript, typed by redis-server.d.ts, so the benchmark can run it without a build.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, listening } from "./local-process.js";

export const REDIS_SERVER = "/usr/bin/redis-server";

export async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-redis-"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  const child = spawn(REDIS_SERVER, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const stop = await listening("redis-server", child, port, dir);
  return { port, url: `redis://127.0.0.1:${port}`, stop };
}
