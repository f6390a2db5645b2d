/**
 * `npm run hub`: the local hub as a process. Flags: `--port` (default 1883, 0 for a free one), `--host`
 * (default 127.0.0.1), `--keys FILE` (device keys, SAS required), `--allow-any` (accept any device without
 * SAS). Prints one line per event, reads control commands from stdin, stops cleanly on SIGINT/SIGTERM.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { runControlLine } from "./control.js";
import { DeviceKeysError, loadDeviceKeys } from "./device-keys.js";
import { LocalHub } from "./local-hub.js";

const USAGE = `usage: npm run hub -- [--port N] [--host ADDRESS] (--keys FILE | --allow-any)

  --port       TCP port (default 1883; 0 picks a free one, printed)
  --host       interface to listen on (default 127.0.0.1)
  --keys       JSON file { "devices": { "<id>": "<base64 key>" } }; devices connect with SAS
  --allow-any  accept any device without SAS (quick tries only)

Type "help" on stdin for the control commands.`;

/** Runs the hub until SIGINT or SIGTERM; returns the process exit code for argument errors. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let options;
  try {
    options = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string", default: "1883" },
        host: { type: "string", default: "127.0.0.1" },
        keys: { type: "string" },
        "allow-any": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    print(USAGE);
    return 0;
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be 0..65535, got ${options.port}\n`);
    return 2;
  }
  if (options.keys === undefined && !options["allow-any"]) {
    process.stderr.write(`give --keys FILE or --allow-any\n\n${USAGE}\n`);
    return 2;
  }
  let deviceKeys;
  try {
    deviceKeys = options.keys === undefined ? undefined : loadDeviceKeys(options.keys);
  } catch (error) {
    if (!(error instanceof DeviceKeysError)) throw error;
    process.stderr.write(`mqttgen hub: ${error.message}\n`);
    return 2;
  }
  let hub: LocalHub;
  try {
    hub = await LocalHub.start({
      host: options.host,
      port,
      allowAny: options["allow-any"],
      ...(deviceKeys !== undefined && { deviceKeys }),
      log: print,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    process.stderr.write(`mqttgen hub: cannot listen on ${options.host}:${port}: ${code}\n`);
    return 2;
  }
  print(
    `mqttgen hub: mqtt://${options.host}:${hub.port} (${options["allow-any"] ? "any device, no SAS" : "SAS"}); "help" for commands`,
  );

  const control = createInterface({ input: process.stdin, terminal: false });
  control.on("line", (line) => void runControlLine(hub, line, print));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  control.close();
  process.stdin.destroy();
  await hub.stop();
  return 0;
}
