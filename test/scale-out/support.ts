/**
 * Set-up for the scale-out tests: Mosquitto configured from the API table (the ACL `mosquittoAcl`
 * derives, the worker settings), Redis, and workers in processes of their own whose output lines are
 * kept. Everything started is stopped after each test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach } from "vitest";
import {
  MOSQUITTO_WORKER_SETTINGS,
  mosquittoAcl,
  type ApiTable,
  type MosquittoConfigOptions,
} from "../../src/runtime/index.js";
import { startMosquitto, type Mosquitto } from "../support/mosquitto.js";
import { startRedis, type RedisServer } from "../support/redis.js";

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/**
 * These tests start a broker, a database and several Node processes; on a loaded two-core machine that alone
 * can take longer than the suite's default timeout, and a test must not fail because the machine was slow.
 */
export const PROCESS_TEST_TIMEOUT = 180_000;

export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** Mosquitto for `api` with these users, configured as `mosquittoAcl` and the worker settings say. */
export async function startBroker(
  api: ApiTable,
  users: Readonly<Record<string, string>>,
  config: MosquittoConfigOptions,
): Promise<Mosquitto> {
  const broker = await startMosquitto({ users, acl: mosquittoAcl(api, config), settings: MOSQUITTO_WORKER_SETTINGS });
  onCleanup(() => broker.stop());
  return broker;
}

export async function startRedisServer(): Promise<RedisServer> {
  const redis = await startRedis();
  onCleanup(() => redis.stop());
  return redis;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Every line it printed so far. */
  readonly lines: string[];
  /** Resolves with the signal that ended it (or null on a normal exit). */
  readonly exited: Promise<NodeJS.Signals | null>;
  /** SIGTERM, and waits for it to close. */
  stop(): Promise<void>;
}

const LOCK_WORKER = new URL("./lock-worker.ts", import.meta.url).pathname;

/** Starts `lock-worker.ts` with `env` and resolves once it printed `ready`. */
export async function startLockWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", LOCK_WORKER], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  onCleanup(stop);
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      lines.push(line);
      if (line === "ready") resolve();
    });
    void exited.then(() =>
      reject(new Error(`worker ${env.WORKER_ID} exited before it was ready:\n${lines.join("\n")}`)),
    );
  });
  await ready;
  return { child, lines, exited, stop };
}
