/**
 * Type-level contract of generated/iothub/server.ts, compiled by contract.test.ts: the typed handlers and
 * calls compile, and every `@ts-expect-error` line is a mistake that must not (a missing handler, a wrong
 * property type, a missing response property, a delivery-count the server sets itself).
 */
import { expectTypeOf } from "vitest";
import type { ServerDeliveryResult } from "../../src/runtime/index.js";
import {
  IothubServer,
  statusError,
  type DirectMethodsReply,
  type IothubHandlers,
  type PatchTwinReportedRequest,
  type SendTelemetryMessage,
} from "../../generated/iothub/server.js";
import type { Twin, TwinState } from "../../generated/iothub/payloads.js";

const twin: Twin = { desired: {}, reported: {} };

export const handlers: IothubHandlers = {
  getTwin: (request, context) => {
    expectTypeOf(context.clientId).toEqualTypeOf<string>();
    expectTypeOf(request.applicationProperties).toMatchTypeOf<Readonly<Record<string, string | string[]>>>();
    return { payload: twin };
  },
  patchTwinReported: async (request) => {
    expectTypeOf(request.ifVersion).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(request.payload).toEqualTypeOf<TwinState>();
    expectTypeOf(request.raw).toEqualTypeOf<Buffer>();
    if (request.ifVersion === 0n) throw statusError("0104");
    return { version: 2n };
  },
  sendTelemetry: (message) => {
    expectTypeOf(message.creationTime).toEqualTypeOf<Date | undefined>();
    expectTypeOf(message.payload).toEqualTypeOf<Buffer>();
  },
};

// @ts-expect-error a missing handler does not compile
export const missing: IothubHandlers = { getTwin: () => ({ payload: twin }), sendTelemetry: () => {} };

export const wrongVersion: IothubHandlers = {
  ...handlers,
  // @ts-expect-error version is a u64: bigint, not number
  patchTwinReported: () => ({ version: 2 }),
};

export const noVersion: IothubHandlers = {
  ...handlers,
  // @ts-expect-error the success response requires version
  patchTwinReported: () => ({}),
};

export async function calls(server: IothubServer): Promise<void> {
  const delivered = await server.deliverCommands("dev1", { sequenceNo: 1n, enqueuedTime: new Date(), payload: "x" });
  expectTypeOf(delivered).toEqualTypeOf<ServerDeliveryResult>();
  // @ts-expect-error delivery-count is set by the generated layer
  await server.deliverCommands("dev1", { sequenceNo: 1n, enqueuedTime: new Date(), payload: "x", deliveryCount: 1 });
  // @ts-expect-error sequenceNo is a bigint
  await server.deliverCommands("dev1", { sequenceNo: 1, enqueuedTime: new Date(), payload: "x" });

  const answer = await server.callDirectMethods("dev1", { name: "reboot", payload: "{}" }, { timeoutMs: 100 });
  expectTypeOf(answer).toEqualTypeOf<DirectMethodsReply>();
  expectTypeOf(answer.responseCode).toEqualTypeOf<number>();
  // @ts-expect-error a direct method needs its name
  await server.callDirectMethods("dev1", { payload: "{}" });

  expectTypeOf(
    server.notifyTwinDesiredStateChanges("dev1", { version: 3n, payload: { fan: true } }),
  ).toEqualTypeOf<boolean>();
  // @ts-expect-error version is required
  server.notifyTwinDesiredStateChanges("dev1", { payload: {} });
}

export type Unused = PatchTwinReportedRequest | SendTelemetryMessage;
