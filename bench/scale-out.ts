// Scale-out benchmark (part of `npm run bench`, run with `node --import tsx`): requests (get-lock-state,
// 100 in flight) and QoS 1 messages (report-event, 100 in flight) per second of one lock client, against
// the embedded endpoint and through Mosquitto with one, two and three worker processes in a group, and
// with three workers that record each message exactly once in Redis. Loopback only; each case is bounded
// in count and time. A measurement, never a test.
import { DeviceClient, MqttServerEndpoint, acceptConnection, type ServerHandler } from "../src/runtime/index.js";
import { lockFleetApi } from "../generated/lock-fleet/api.js";
import { MOSQUITTO, startMosquitto } from "../test/support/mosquitto-broker.js";
import { REDIS_SERVER, startRedis } from "../test/support/redis-server.js";
import { MOSQUITTO_WORKER_SETTINGS, mosquittoAcl } from "../src/runtime/index.js";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

const OPERATIONS = Number(process.env.BENCH_SCALE_OUT_OPERATIONS ?? 5000);
const WINDOW = 100;
const CASE_LIMIT_MS = 10_000;
const USERS = { "lock-service": "svc-pw", lock1: "pw-1" };

/** Runs `send` `total` times with at most WINDOW in flight (stopping after CASE_LIMIT_MS); ops/s. */
async function rate(send: (i: number) => Promise<unknown>, total = OPERATIONS): Promise<number> {
  const started = performance.now();
  let issued = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const next = () => {
      if (done === issued && (issued >= total || performance.now() - started > CASE_LIMIT_MS)) return resolve();
      while (issued - done < WINDOW && issued < total && performance.now() - started <= CASE_LIMIT_MS) {
        const i = issued++;
        send(i).then(() => {
          done++;
          next();
        }, reject);
      }
    };
    next();
  });
  return done / ((performance.now() - started) / 1000);
}

async function measure(url: string): Promise<[number, number]> {
  const client = new DeviceClient({
    api: lockFleetApi,
    url,
    clientId: "lock1",
    credentials: { method: "username-password", username: "lock1", password: USERS.lock1 },
    reconnectPeriodMs: 0,
    requestTimeoutMs: 10_000,
  });
  await client.connect();
  const request = (i: number) => client.request("get-lock-state", { parameters: { slot: (i % 100) + 1 } });
  const message = (i: number) =>
    client.publish("report-event", { properties: { eventKind: "opened" }, payload: `{"kind":"opened","at":${i}}` });
  await rate(request, OPERATIONS / 10); // warm-up
  const requests = await rate(request);
  const messages = await rate(message);
  await client.close();
  return [requests, messages];
}

async function embedded(): Promise<[number, number]> {
  const handlers: Record<string, ServerHandler> = {
    "get-lock-state": (_message, context) => ({
      payload: JSON.stringify({ locked: true, battery: Number(context.parameters.slot) % 101 }),
    }),
    "set-access-code": () => ({ userProperties: { "code-version": "1" } }),
    "report-event": () => undefined,
  };
  const authenticate = () => acceptConnection();
  const endpoint = new MqttServerEndpoint({ api: lockFleetApi, handlers, authenticate, port: 0 });
  const { port } = await endpoint.listen();
  try {
    return await measure(`mqtt://127.0.0.1:${port}`);
  } finally {
    await endpoint.close();
  }
}

async function startWorker(env: Record<string, string>): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/scale-out/lock-worker.ts"], {
    env: { ...process.env, ...env, QUIET: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => line === "ready" && resolve());
    child.once("exit", () => reject(new Error("worker exited before it was ready")));
  });
  return () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

async function throughWorkers(count: number, redisUrl?: string): Promise<[number, number]> {
  const broker = await startMosquitto({
    users: USERS,
    acl: mosquittoAcl(lockFleetApi, { through: "broker", workerUser: "lock-service" }),
    settings: MOSQUITTO_WORKER_SETTINGS,
  });
  const stops: (() => Promise<void>)[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      const env = { BROKER_URL: broker.url, BROKER_PASSWORD: USERS["lock-service"], WORKER_ID: `worker-${i}` };
      stops.push(await startWorker(redisUrl === undefined ? env : { ...env, REDIS_URL: redisUrl }));
    }
    return await measure(broker.url);
  } finally {
    for (const stop of stops) await stop();
    await broker.stop();
  }
}

const rows: [string, number, number][] = [];
rows.push(["embedded endpoint (one process)", ...(await embedded())]);
if (existsSync(MOSQUITTO)) {
  for (const count of [1, 2, 3])
    rows.push([`Mosquitto + ${count} worker${count > 1 ? "s" : ""}`, ...(await throughWorkers(count))]);
  if (existsSync(REDIS_SERVER)) {
    const redis = await startRedis();
    try {
      rows.push(["Mosquitto + 3 workers, exactly once in Redis", ...(await throughWorkers(3, redis.url))]);
    } finally {
      await redis.stop();
    }
  }
} else console.log(`(${MOSQUITTO} not found: no rows through the broker)`);

const header = ["server", "requests/s", "QoS 1 messages/s"];
const table = rows.map(([name, requests, messages]) => [name, requests.toFixed(0), messages.toFixed(0)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
const line = (cells: string[]) =>
  `| ${cells.map((cell, i) => (i > 0 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).join(" | ")} |`;
console.log(
  `\nscale-out: one lock client, ${WINDOW} in flight, ${OPERATIONS} of each per case, node ${process.version}`,
);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i > 0 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`);
for (const row of table) console.log(line(row));
