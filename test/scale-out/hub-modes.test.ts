/**
 * The local hub scaled out (`npm run hub -- --mode gateway|worker`): Mosquitto configured as generated
 * for the seed (`generated/iothub/broker/`) and redis-server on free ports, two hub gateways and two hub workers as processes of their own, and the seed's generated client,
 * unchanged, as the devices. The workers keep the twins in the one Redis, so a twin written through one
 * gateway and worker reads back the same through the other; a worker's direct method and command reach a
 * device whichever gateway holds it.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { accept, reply } from "../../generated/iothub/client.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { mosquittoWithUsersSkipReason } from "../support/mosquitto.js";
import { redisSkipReason } from "../support/redis.js";
import { connectDevice } from "../e2e/support.js";
import { generatedBrokerFiles, startGeneratedBroker } from "../support/generated-broker.js";
import { onCleanup, startProcess, startRedisServer, type WorkerProcess } from "./support.js";

const USERS = { "iothub-gateway": "gw-pw", "iothub-worker": "wk-pw" };
const HUB = join(PROJECT_ROOT, "examples", "hub", "hub.js");
const KEYS = join(PROJECT_ROOT, "test", "fixtures", "hub", "hub.example.json");

/** `npm run hub -- …` as its own process, ready once it printed the line starting with `banner`. */
function startHub(args: readonly string[], banner: string): Promise<WorkerProcess> {
  return startProcess([HUB, ...args], { ready: (line) => line.startsWith(banner), name: args.join(" ") });
}

/** Writes a control line to a worker and resolves with the first event line matching `answer`. */
async function control(worker: WorkerProcess, line: string, answer: RegExp): Promise<string> {
  worker.child.stdin?.write(`${line}\n`);
  await expect.poll(() => worker.lines.some((printed) => answer.test(printed)), POLL).toBe(true);
  return worker.lines.find((printed) => answer.test(printed)) ?? "";
}

/** Processes on two busy cores answer within seconds, not the poll's default second. */
const POLL = { timeout: 10_000 };

const skip = mosquittoWithUsersSkipReason() ?? redisSkipReason();

describe.skipIf(skip !== undefined)("the hub as two gateways and two workers on Mosquitto and Redis", () => {
  it("shares twins between workers and calls devices on either gateway", async () => {
    if (!existsSync(join(PROJECT_ROOT, "dist", "examples", "hub", "main.js"))) {
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT });
    }
    const redis = await startRedisServer();
    // The broker as generated for the seed: gateways and workers on the internal topics.
    const broker = await startGeneratedBroker(generatedBrokerFiles("iothub"), USERS);
    onCleanup(() => broker.stop());
    const brokerUrl = (user: keyof typeof USERS) => `mqtt://${user}:${USERS[user]}@127.0.0.1:${broker.port}`;
    const workers: WorkerProcess[] = [];
    for (const id of ["worker-1", "worker-2"]) {
      const args = ["--mode", "worker", "--broker", brokerUrl("iothub-worker"), "--id", id, "--redis", redis.url];
      workers.push(await startHub(args, "mqttgen hub worker:"));
    }
    const gatewayUrls: string[] = [];
    for (const id of ["gateway-1", "gateway-2"]) {
      const args = ["--mode", "gateway", "--broker", brokerUrl("iothub-gateway"), "--id", id, "--port", "0", "--keys", KEYS];
      const gateway = await startHub(args, "mqttgen hub gateway:");
      const url = /mqtt:\/\/127\.0\.0\.1:\d+/.exec(gateway.lines.at(-1) ?? "")?.[0];
      if (url === undefined) throw new Error(`no address in ${gateway.lines.join("\n")}`);
      gatewayUrls.push(url);
    }
    const [worker1, worker2] = workers as [WorkerProcess, WorkerProcess];
    const [gateway1, gateway2] = gatewayUrls as [string, string];

    // Four patches through gateway 1: the broker hands them to both workers in turn, and each sees the
    // version the other wrote (with a store per worker the versions would repeat).
    const dev1 = await connectDevice(gateway1, "dev1");
    const versions: bigint[] = [];
    for (const n of [1, 2, 3, 4]) versions.push((await dev1.patchTwinReported({ fan: "on", n })).properties.version);
    expect(versions).toEqual([2n, 3n, 4n, 5n]);
    for (const worker of workers) expect(worker.lines.some((line) => line.startsWith("twin patch dev1"))).toBe(true);
    await dev1.close();

    // Read back through the other gateway, by whichever worker takes it.
    const again = await connectDevice(gateway2, "dev1");
    for (let read = 0; read < 2; read += 1) {
      expect((await again.getTwin()).payload).toEqual({ desired: { $version: 1 }, reported: { $version: 5, fan: "on", n: 4 } });
    }

    // dev2 on gateway 1 now, dev1 on gateway 2: each worker calls a device, through the broker, on the
    // gateway that holds it.
    const dev2 = await connectDevice(gateway1, "dev2");
    dev2.onDirectMethods((call) => reply({ responseCode: 200 }, `dev2 ran ${call.parameters.name}`));
    const commands: string[] = [];
    again.onCommands((message) => {
      commands.push(`${message.payload.toString()} #${message.properties.sequenceNo}`);
      return accept();
    });
    const patches: string[] = [];
    dev2.onTwinDesiredStateChanges((message) => void patches.push(`v${message.properties.version} ${JSON.stringify(message.payload)}`));
    // A subscription is in place once the gateway has subscribed for the device at the broker: retry the
    // first call until it is.
    await expect
      .poll(async () => {
        worker1.child.stdin?.write("method dev2 reboot\n");
        await new Promise((resolve) => setTimeout(resolve, 100));
        return worker1.lines.some((line) => line.startsWith("method dev2 reboot → 200 dev2 ran reboot"));
      }, POLL)
      .toBe(true);
    expect(await control(worker2, "command dev1 open", /^command dev1 #\d+ accepted/)).toMatch(/after 1 attempt/);
    expect(commands).toEqual(["open #1"]);
    await control(worker2, 'desired dev2 {"speed":3}', /^desired dev2 v2 sent/);
    await expect.poll(() => patches, POLL).toEqual(['v2 {"speed":3}']);
    // The desired version is shared too: the other worker's twin read sees it.
    await control(worker1, "twin dev2", /^\{"desired"/);
    expect(JSON.parse(worker1.lines.find((line) => line.startsWith('{"desired"')) ?? "")).toEqual({
      desired: { $version: 2, speed: 3 },
      reported: { $version: 1 },
    });
    // A command to a device no gateway holds fails at once and stays queued in Redis; when the device
    // connects and gets its twin, whichever worker serves that delivers it.
    await dev2.close();
    await control(worker1, "command dev2 while you were away", /^command dev2 #\d+ failed: status 06A0/);
    const dev2Again = await connectDevice(gateway2, "dev2");
    const waiting: string[] = [];
    dev2Again.onCommands((message) => {
      waiting.push(`${message.payload.toString()} #${message.properties.sequenceNo}`);
      return accept();
    });
    await expect.poll(async () => (await dev2Again.getTwin()) !== undefined && waiting.length > 0, POLL).toBe(true);
    expect(waiting[0]).toBe("while you were away #2");
  });
});
