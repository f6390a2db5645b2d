/**
 * Every alternative outcome a handler of the generated server can answer with reaches the generated
 * client as its typed error: each c2s operation of the seed, each status it lists (docs/protocol.md#send-telemetry, #get-twin, #patch-twin-reported),
 * thrown with `statusError` from a custom handler set over `IothubServer`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IothubServer, statusError, type IothubHandlers } from "../../generated/iothub/server.js";
import { STATUS_INFO, isApiError, type FailureStatus } from "../../generated/iothub/status.js";
import { acceptConnection } from "../../src/runtime/index.js";
import { IothubClient } from "../../generated/iothub/client.js";

const TWIN_FAILURES: FailureStatus[] = ["0100", "0101", "0102", "0501", "0502", "0601", "0602", "0603"];
const PATCH_FAILURES: FailureStatus[] = ["0104", ...TWIN_FAILURES];
const TELEMETRY_FAILURES: FailureStatus[] = ["0100", "0101", "0102", "0601", "0501", "0502", "0602", "0603"];

describe("alternative outcomes thrown by handlers", () => {
  /** The status the next call's handler throws. */
  let next: FailureStatus = "0100";
  let server: IothubServer;
  let client: IothubClient;

  beforeAll(async () => {
    const handlers: IothubHandlers = {
      getTwin: () => {
        throw statusError(next, `get twin fails with ${next}`);
      },
      patchTwinReported: () => {
        throw statusError(next);
      },
      sendTelemetry: () => {
        throw statusError(next);
      },
    };
    server = new IothubServer({ handlers, authenticate: () => acceptConnection(), port: 0 });
    const { port } = await server.listen();
    // The authenticator accepts anything, so any SAS key will do.
    client = new IothubClient({
      url: `mqtt://127.0.0.1:${port}`,
      host: "hub.local",
      clientId: "dev1",
      credentials: { method: "SAS", key: Buffer.from("any key").toString("base64") },
      reconnectPeriodMs: 0,
    });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  const expectStatus = async (call: Promise<unknown>, status: FailureStatus) => {
    const error: unknown = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isApiError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ status });
    expect((error as Error).name).toBe(`${STATUS_INFO[status].name.replace(/ /g, "")}Error`);
    return error;
  };

  it.each(TWIN_FAILURES)("get twin answers %s as a response status", async (status) => {
    next = status;
    const error = await expectStatus(client.getTwin(), status);
    expect(error).toMatchObject({ reasonCode: 0, reason: `get twin fails with ${status}` });
  });

  it.each(PATCH_FAILURES)("patch twin reported answers %s", async (status) => {
    next = status;
    await expectStatus(client.patchTwinReported({ a: 1 }, { ifVersion: 5n }), status);
  });

  it.each(TELEMETRY_FAILURES)("telemetry answers %s in the PUBACK with the catalog's reason code", async (status) => {
    next = status;
    const error = await expectStatus(client.sendTelemetry("x"), status);
    expect(error).toMatchObject({ reasonCode: STATUS_INFO[status].reasonCode });
  });
});
