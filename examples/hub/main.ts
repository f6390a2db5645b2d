/**
 * `npm run hub`: the local hub as a process, in one of three modes:
 * - `embedded` (default): devices connect to this process, which holds their state;
 * - `gateway`: devices connect to this process, which forwards their operations to workers over a broker;
 * - `worker`: this process serves the operations from the broker, on a shared subscription.
 * Prints one line per event, reads control commands from stdin (embedded, worker), stops cleanly on
 * SIGINT/SIGTERM.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { BrokerConnectionOptions } from "@mqttgen/runtime/server";
import { runControlLine } from "./control.js";
import { DeviceKeysError, loadDeviceKeys } from "./device-keys.js";
import type { HubApplication } from "./hub-application.js";
import { startHubGateway } from "./hub-gateway.js";
import { memoryStore, type HubStore } from "./hub-store.js";
import { HubWorker } from "./hub-worker.js";
import { LocalHub } from "./local-hub.js";
import { connectRedisStore } from "./redis-store.js";

const USAGE = `usage: npm run hub -- [--mode embedded] [--port N] [--host ADDRESS] (--keys FILE | --allow-any) [--redis URL]
       npm run hub -- --mode gateway --broker URL --id NAME [--port N] [--host ADDRESS] (--keys FILE | --allow-any)
       npm run hub -- --mode worker --broker URL --id NAME [--group NAME] [--redis URL]

  --mode       embedded (devices connect here, state here), gateway (devices connect here, workers
               behind a broker serve them) or worker (serves gateways' devices from the broker)
  --port       TCP port for devices (default 1883; 0 picks a free one, printed)
  --host       interface to listen on (default 127.0.0.1)
  --keys       JSON file { "devices": { "<id>": "<base64 key>" } }; devices connect with SAS
  --allow-any  accept any device without SAS (quick tries only)
  --broker     the MQTT 5 broker, mqtt://user:password@host:port (gateway, worker)
  --id         this process's client id at the broker; stable per gateway or worker slot
  --group      the workers' shared-subscription group (default hub)
  --redis      keep twins and commands in Redis (redis://host:port), shared by every worker;
               in this process's memory when absent

Type "help" on stdin for the control commands (embedded, worker).`;

type Mode = "embedded" | "gateway" | "worker";

/** Runs the hub until SIGINT or SIGTERM; returns the process exit code for argument errors. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 2;
  };
  let options;
  try {
    options = parseArgs({
      args: [...argv],
      options: {
        mode: { type: "string", default: "embedded" },
        port: { type: "string", default: "1883" },
        host: { type: "string", default: "127.0.0.1" },
        keys: { type: "string" },
        "allow-any": { type: "boolean", default: false },
        broker: { type: "string" },
        id: { type: "string" },
        group: { type: "string", default: "hub" },
        redis: { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (options.help) {
    print(USAGE);
    return 0;
  }
  const mode = options.mode;
  if (mode !== "embedded" && mode !== "gateway" && mode !== "worker") {
    return fail(`--mode must be embedded, gateway or worker, got ${mode}`);
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be 0..65535, got ${options.port}`);
  const devices = mode === "worker" ? undefined : deviceOptions(options.keys, options["allow-any"]);
  if (typeof devices === "string") return fail(devices);
  let broker: BrokerConnectionOptions | undefined;
  if (mode !== "embedded") {
    if (options.broker === undefined || options.id === undefined) return fail(`--mode ${mode} needs --broker and --id\n\n${USAGE}`);
    const parsed = brokerOptions(options.broker, options.id);
    if (typeof parsed === "string") return fail(parsed);
    broker = parsed;
  }

  let stop: () => Promise<void>;
  let control: HubApplication | undefined;
  try {
    if (mode === "gateway" && broker !== undefined) {
      const gateway = await startHubGateway({ ...devices, host: options.host, port, broker, log: print });
      print(`mqttgen hub gateway: mqtt://${options.host}:${gateway.address().port} (${describeDevices(options["allow-any"])})`);
      stop = () => gateway.close();
    } else {
      const store: HubStore = options.redis === undefined ? memoryStore() : await connectRedisStore(options.redis);
      if (mode === "worker" && broker !== undefined) {
        const worker = await HubWorker.start({ store, broker, group: options.group, log: print });
        print(`mqttgen hub worker: ${broker.clientId} in group ${options.group} (${describeStore(options.redis)}); "help" for commands`);
        control = worker;
        stop = () => worker.stop();
      } else {
        const hub = await LocalHub.start({ ...devices, host: options.host, port, store, log: print });
        print(`mqttgen hub: mqtt://${options.host}:${hub.port} (${describeDevices(options["allow-any"])}, ${describeStore(options.redis)}); "help" for commands`);
        control = hub;
        stop = () => hub.stop();
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    return fail(`mqttgen hub: cannot start (${mode}): ${code}`);
  }

  const lines = control === undefined ? undefined : createInterface({ input: process.stdin, terminal: false });
  if (control !== undefined) lines?.on("line", (line) => void runControlLine(control, line, print));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  lines?.close();
  process.stdin.destroy();
  await stop();
  return 0;
}

/** How devices authenticate, or the problem with the flags. */
function deviceOptions(
  keys: string | undefined,
  allowAny: boolean,
): { deviceKeys?: Record<string, string>; allowAny: boolean } | string {
  if (keys === undefined && !allowAny) return `give --keys FILE or --allow-any\n\n${USAGE}`;
  if (keys === undefined) return { allowAny };
  try {
    return { deviceKeys: loadDeviceKeys(keys), allowAny };
  } catch (error) {
    if (!(error instanceof DeviceKeysError)) throw error;
    return `mqttgen hub: ${error.message}`;
  }
}

/** The broker connection of `--broker mqtt://user:password@host:port`, or the problem with it. */
function brokerOptions(text: string, clientId: string): BrokerConnectionOptions | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `--broker must be a URL such as mqtt://user:password@host:1883, got ${text}`;
  }
  if (url.protocol !== "mqtt:" && url.protocol !== "mqtts:") return `--broker must be mqtt:// or mqtts://, got ${url.protocol}`;
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    url: `${url.protocol}//${url.host}`,
    clientId,
    ...(username !== "" && { username }),
    ...(password !== "" && { password }),
  };
}

function describeDevices(allowAny: boolean): string {
  return allowAny ? "any device, no SAS" : "SAS";
}

function describeStore(redis: string | undefined): string {
  return redis === undefined ? "state in memory" : `state in ${redis}`;
}
