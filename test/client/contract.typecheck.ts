/**
 * The contract of generated/iothub/client.ts, pinned at the type level. Never run: `contract.test.ts`
 * compiles this file with ts-morph and expects no diagnostic, so every `@ts-expect-error` below must
 * still be an error and every `expectTypeOf` must still hold.
 */
import { expectTypeOf } from "vitest";
import {
  IothubClient,
  abandon,
  accept,
  fail,
  reject,
  reply,
  type GetTwinResponse,
  type PatchTwinReportedResponse,
  type ReceiveCommandsMessage,
  type ReceiveDirectMethodsMessage,
  type ReceiveTwinDesiredStateChangesMessage,
} from "../../generated/iothub/client.js";
import type { Twin, TwinState } from "../../generated/iothub/payloads.js";
import type { PublishResult } from "../../src/runtime/index.js";

export async function contract(client: IothubClient): Promise<void> {
  // The constructor takes the runtime's options without `api` and `errorFactory`, which the generated file
  // supplies, and does not connect: handlers are registered first, then `connect()` takes nothing.
  const created = new IothubClient({ host: "h", clientId: "d", credentials: { method: "SAS", key: "k" } });
  expectTypeOf(created.connect).returns.resolves.toEqualTypeOf<void>();
  // @ts-expect-error the options were given to the constructor
  await created.connect({ host: "h" });
  // @ts-expect-error the table is the generated file's
  new IothubClient({ host: "h", clientId: "d", credentials: { method: "none" }, api: undefined });

  // Get Twin: no payload, the parsed Twin back with its bytes.
  const twin = await client.getTwin({ timeoutMs: 1000 });
  expectTypeOf(twin).toEqualTypeOf<GetTwinResponse>();
  expectTypeOf(twin.payload).toEqualTypeOf<Twin>();
  expectTypeOf(twin.raw).toEqualTypeOf<Buffer>();
  expectTypeOf(twin.notModified).toEqualTypeOf<boolean>();
  // @ts-expect-error Get Twin sends nothing
  await client.getTwin({}, {});

  // Patch Twin Reported: a TwinState, `ifVersion` a bigint, `version` back as a bigint.
  const patched = await client.patchTwinReported(
    { temperature: 21 },
    { ifVersion: 3n, signal: AbortSignal.timeout(10) },
  );
  expectTypeOf(patched).toEqualTypeOf<PatchTwinReportedResponse>();
  expectTypeOf(patched.properties.version).toEqualTypeOf<bigint>();
  expectTypeOf(patched.payload).toEqualTypeOf<Buffer>();
  expectTypeOf(client.patchTwinReported).parameter(0).toEqualTypeOf<TwinState>();
  // @ts-expect-error if-version is a u64: bigint, not number
  await client.patchTwinReported({}, { ifVersion: 1 });
  // @ts-expect-error unknown property
  await client.patchTwinReported({}, { ifVersionn: 1n });
  // @ts-expect-error a TwinState is an object, not a string
  await client.patchTwinReported("{}");

  // Send Telemetry: bytes or text, typed properties, application properties, QoS; the PublishResult back.
  const sent = await client.sendTelemetry("{}", {
    contentType: "application/json",
    creationTime: new Date(),
    applicationProperties: { room: "kitchen" },
    qos: 0,
  });
  expectTypeOf(sent).toEqualTypeOf<PublishResult>();
  await client.sendTelemetry(new Uint8Array([1, 2]));
  // @ts-expect-error creation-time is a time: Date, not a number
  await client.sendTelemetry("x", { creationTime: 1 });
  // @ts-expect-error QoS 2 is not available (docs/protocol.md#limits)
  await client.sendTelemetry("x", { qos: 2 });
  // @ts-expect-error unknown property
  await client.sendTelemetry("x", { contentTyp: "text/plain" });
  // @ts-expect-error a payload is bytes or text
  await client.sendTelemetry({ a: 1 });

  // Commands: typed properties; accept, abandon, reject or nothing.
  client.onCommands((command) => {
    expectTypeOf(command).toEqualTypeOf<ReceiveCommandsMessage>();
    expectTypeOf(command.properties.sequenceNo).toEqualTypeOf<bigint>();
    expectTypeOf(command.properties.enqueuedTime).toEqualTypeOf<Date>();
    expectTypeOf(command.properties.deliveryCount).toEqualTypeOf<number>();
    expectTypeOf(command.properties.messageId).toEqualTypeOf<string | undefined>();
    expectTypeOf(command.payload).toEqualTypeOf<Buffer>();
    // @ts-expect-error delivery-count is a number
    const count: string = command.properties.deliveryCount;
    if (count === "") return reject("empty");
    return command.properties.deliveryCount > 3 ? abandon() : accept();
  });
  // @ts-expect-error a command handler does not reply
  client.onCommands(() => reply({ responseCode: 200 }));

  // Direct methods: the `{name}` level typed, a reply with the required response-code, or a failure status.
  client.onDirectMethods(async (call) => {
    expectTypeOf(call).toEqualTypeOf<ReceiveDirectMethodsMessage>();
    expectTypeOf(call.parameters.name).toEqualTypeOf<string>();
    expectTypeOf(call.payload).toEqualTypeOf<Buffer>();
    if (call.parameters.name === "reboot") return reply({ responseCode: 200 }, "rebooting");
    return fail("06A0", "no such method");
  });
  // @ts-expect-error response-code is required in a reply
  client.onDirectMethods(() => reply({}));
  // @ts-expect-error response-code is a number
  client.onDirectMethods(() => reply({ responseCode: "200" }));
  // @ts-expect-error a method handler must answer
  client.onDirectMethods(() => accept());

  // Desired state changes: typed version, parsed TwinState, bytes kept.
  client.onTwinDesiredStateChanges((change) => {
    expectTypeOf(change).toEqualTypeOf<ReceiveTwinDesiredStateChangesMessage>();
    expectTypeOf(change.properties.version).toEqualTypeOf<bigint>();
    expectTypeOf(change.payload).toEqualTypeOf<TwinState>();
    expectTypeOf(change.raw).toEqualTypeOf<Buffer>();
  });
}
