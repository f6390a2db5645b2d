/**
 * Clients we did not write, against the local hub started with `allowAny` (`--allow-any`): Debian
 * `mosquitto-clients` (mosquitto_rr, mosquitto_pub, mosquitto_sub 2.0). What they need to know:
 * - `mosquitto_rr` subscribes to and sets the Response Topic given with `-e` (the hub ignores Response
 *   Topic and always answers on `$iothub/responses`, D16, C14), but sends no Correlation Data of its own:
 *   give it with `-D publish correlation-data …`, or the hub disconnects it (E23).
 * - Without SAS they connect as they are; with `-D connect user-property api-version …` and
 *   `-D connect authentication-method SAS` they send what IoT Hub itself requires (A4).
 * Missing tools skip with a reason, or fail with MQTTGEN_REQUIRE_SYSTEM_TOOLS=1.
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { systemToolSkipReason } from "../support/system-tools.js";
import { onCleanup, startHub } from "./support.js";

const run = promisify(execFile);
const TOOLS = ["/usr/bin/mosquitto_rr", "/usr/bin/mosquitto_pub", "/usr/bin/mosquitto_sub"];


const IOT_HUB_CONNECT = [
  ...["-D", "connect", "user-property", "api-version", "2020-10-01-preview"],
  ...["-D", "connect", "authentication-method", "SAS"],
];

describe.skipIf(systemToolSkipReason(TOOLS, "mosquitto-clients") !== undefined)("mosquitto-clients against the hub", () => {
  it("mosquitto_rr gets the twin, with Correlation Data given, plain or with IoT Hub's CONNECT properties", async () => {
    const { hub } = await startHub({ allowAny: true });
    await hub.twins.patchReported("dev1", { temperature: 21 });
    const base = ["-p", String(hub.port), "-i", "dev1", "-t", "$iothub/twin/get", "-e", "$iothub/responses", "-m", ""];
    const correlation = ["-D", "publish", "correlation-data", "rr-1"];
    for (const extra of [[], IOT_HUB_CONNECT]) {
      const { stdout } = await run("mosquitto_rr", [...base, ...correlation, ...extra, "-W", "5"]);
      expect(JSON.parse(stdout)).toEqual({ desired: { $version: 1 }, reported: { $version: 2, temperature: 21 } });
    }
    // Without Correlation Data the request is a Bad Request, answered by DISCONNECT: no twin is printed.
    const bare = await run("mosquitto_rr", [...base, "-W", "2"]).catch((error: { stdout: string }) => error);
    expect(bare.stdout).toBe("");
  });

  it("mosquitto_pub sends telemetry at QoS 1 with first-class and user properties", async () => {
    const { hub } = await startHub({ allowAny: true });
    await run("mosquitto_pub", [
      ...["-V", "5", "-p", String(hub.port), "-i", "dev1", "-q", "1", "-t", "$iothub/telemetry", "-m", '{"t":21}'],
      ...["-D", "publish", "content-type", "application/json"],
      ...["-D", "publish", "user-property", "message-id", "m-7"],
      ...["-D", "publish", "user-property", "@room", "kitchen"],
      ...IOT_HUB_CONNECT,
    ]);
    const [entry] = hub.telemetry.entries();
    expect(entry?.deviceId).toBe("dev1");
    expect(entry?.message).toMatchObject({
      contentType: "application/json",
      messageId: "m-7",
      applicationProperties: { room: "kitchen" },
    });
    expect(entry?.message.payload.toString()).toBe('{"t":21}');
  });

  it("mosquitto_sub receives desired-state patches with their version", async () => {
    const { hub } = await startHub({ allowAny: true });
    const sub = spawn("mosquitto_sub", [
      ...[
        "-V",
        "5",
        "-p",
        String(hub.port),
        "-i",
        "dev1",
        "-t",
        "$iothub/twin/patch/desired",
        "-C",
        "1",
        "-F",
        "%P %p",
      ],
    ]);
    onCleanup(async () => {
      if (sub.exitCode === null) sub.kill("SIGTERM");
    });
    let stdout = "";
    sub.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => sub.once("exit", resolve));
    // The device is subscribed once a patch is sent rather than only stored.
    await expect
      .poll(async () => hub.server.isConnected("dev1") && (await hub.patchDesired("dev1", { fan: true })).sent)
      .toBe(true);
    expect(await exited).toBe(0);
    const [properties, payload] = stdout.trim().split(" ");
    expect(JSON.parse(payload ?? "")).toEqual({ fan: true });
    expect(properties).toMatch(/^version:\d+$/);
  });
});
