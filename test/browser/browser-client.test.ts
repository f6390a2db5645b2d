/**
 * A generated device client in a browser (issue 11): the init starter generated, its client bundled by esbuild
 * for the browser (nothing of the server side, nothing from `node:`), run in headless Chromium against the
 * generated server's embedded endpoint over its WebSocket listener: connect with a user name and password, one request with its
 * response, one acknowledged reading. Then the seed's IoT Hub client, whose CONNECT carries a SAS signature
 * as binary Authentication Data, against the seed's generated server.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIothubServer } from "../../generated/iothub/server.js";
import { createSasAuthenticator, createUsernamePasswordAuthenticator } from "../../src/runtime/index.js";
import { PROJECT_ROOT, runCli } from "../support/cli.js";

const CHROMIUM = "/usr/bin/chromium";
const required = process.env["MQTTGEN_REQUIRE_SYSTEM_TOOLS"] === "1";
const missing = !existsSync(CHROMIUM);
const PASSWORD = "browser-1 password";
const DEVICE_KEY = Buffer.from("browser-device key, 32 bytes long").toString("base64");

/** The generated server module, typed as far as this test uses it (it is generated when the test runs). */
interface ThermostatServerModule {
  createThermostatServer(options: object): Promise<{
    readonly endpoint: { webSocketAddress(): { port: number } };
    close(): Promise<void>;
  }>;
}

describe.skipIf(missing && !required)(
  `a generated client bundled for the browser, in headless Chromium${missing ? ` (SKIPPED: ${CHROMIUM} is missing)` : ""}`,
  () => {
    // Below the repository, so that the bundle resolves @mqttgen/runtime through its node_modules.
    mkdirSync(join(PROJECT_ROOT, "test-output"), { recursive: true });
    const project = mkdtempSync(join(PROJECT_ROOT, "test-output", "browser-client-"));
    let browser: Browser;
    let bundle: { text: string; metafile: Metafile };
    let iothubBundle = "";

    beforeAll(async () => {
      if (missing) throw new Error(`${CHROMIUM} is missing and MQTTGEN_REQUIRE_SYSTEM_TOOLS=1`);
      mkdirSync(join(project, ".git"));
      expect(runCli(["init", "--force"], project).status).toBe(0);
      const generate = runCli(["generate"], project);
      expect(generate.status, generate.stderr).toBe(0);
      // The page imports ./generated/thermostat/client.js: it sits beside the code generated from the starter.
      copyFileSync(join(PROJECT_ROOT, "test/browser/page/thermostat-page.ts"), join(project, "src/page.ts"));
      bundle = await bundleForBrowser(join(project, "src/page.ts"));
      iothubBundle = (await bundleForBrowser(join(PROJECT_ROOT, "test/browser/page/iothub-page.ts"))).text;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      rmSync(project, { recursive: true, force: true });
    });

    it("bundles nothing of the server side and imports nothing from node:", () => {
      const inputs = Object.keys(bundle.metafile.inputs);
      expect(inputs.some((input) => input.includes("runtime/dist/esm/client/device-client.js"))).toBe(true);
      expect(inputs.filter((input) => /runtime\/dist\/esm\/(server|redis)\/|^node:/.test(input))).toEqual([]);
      const external = Object.values(bundle.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external));
      expect(external).toEqual([]);
    });

    it("connects over WebSockets, gets a response and has a reading acknowledged", async () => {
      const { createThermostatServer } = (await import(join(project, "src/generated/thermostat/server.ts"))) as ThermostatServerModule;
      const readings: string[] = [];
      const server = await createThermostatServer({
        port: 0,
        webSocket: { port: 0 },
        authenticate: createUsernamePasswordAuthenticator({ passwords: { "browser-1": PASSWORD }, usernameIsClientId: true }),
        handlers: {
          getSettings: () => ({ payload: { setpoint: 20, unit: "celsius" } }),
          sendReading: (message: { sequence: number; payload: { temperature: number } }) => {
            readings.push(`${message.sequence}: ${message.payload.temperature}`);
          },
        },
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await page.addScriptTag({ content: bundle.text });
        const url = `ws://127.0.0.1:${server.endpoint.webSocketAddress().port}/mqtt`;
        const lines = await page.evaluate(
          ([address, key]) => (globalThis as unknown as { runThermostat(u: string, k: string): Promise<string[]> }).runThermostat(address, key),
          [url, PASSWORD] as const,
        );
        expect(lines).toEqual(["settings 20 celsius", "reading acknowledged"]);
        expect(readings).toEqual(["7: 18.5"]);
        expect(errors).toEqual([]);
      } finally {
        await server.close();
      }
    }, 60_000);

    it("signs an IoT Hub CONNECT with SAS in the browser, then reads the twin and sends telemetry", async () => {
      const telemetry: string[] = [];
      const server = await createIothubServer({
        port: 0,
        webSocket: { port: 0 },
        authenticate: createSasAuthenticator({ deviceKeys: { "browser-device": DEVICE_KEY } }),
        handlers: {
          getTwin: () => ({ payload: { desired: { $version: 3 }, reported: {} } }),
          patchTwinReported: () => ({ version: 1n }),
          sendTelemetry: (message, context) => {
            telemetry.push(`${context.clientId}: ${message.payload.toString()}`);
          },
        },
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await page.addScriptTag({ content: iothubBundle });
        const url = `ws://127.0.0.1:${server.endpoint.webSocketAddress().port}/mqtt`;
        const run = (key: string) =>
          page.evaluate(
            ([address, deviceKey]) => (globalThis as unknown as { runIothub(u: string, k: string): Promise<string[]> }).runIothub(address, deviceKey),
            [url, key] as const,
          );
        expect(await run(DEVICE_KEY)).toEqual(['twin {"desired":{"$version":3},"reported":{}}', "telemetry acknowledged"]);
        expect(telemetry).toEqual(["browser-device: from the browser"]);
        // The server checks the signature: another key is refused at CONNECT.
        await expect(run(Buffer.from("another key").toString("base64"))).rejects.toThrow(/not authorized|0x87|135/i);
        expect(errors).toEqual([]);
      } finally {
        await server.close();
      }
    }, 60_000);
  },
);

/** `entry` bundled for the browser, as an application's bundler would: the packages' own resolution, not this repository's paths. */
async function bundleForBrowser(entry: string): Promise<{ text: string; metafile: Metafile }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    tsconfigRaw: {},
    platform: "browser",
    format: "iife",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { text: result.outputFiles[0]?.text ?? "", metafile: result.metafile };
}
