/**
 * Type-level contract of the generated lock-fleet and Shadow code, compiled by contracts.test.ts: the
 * typed calls and handlers compile, and every `@ts-expect-error` line is a mistake that must not (a topic
 * level of the wrong type, the client's own id asked of the caller, a missing required property, a
 * handler of the wrong shape, credentials the API does not accept, a status the catalog lacks).
 */
import { expectTypeOf } from "vitest";
import type { GetLockStateParameters } from "../../generated/lock-fleet/api.js";
import { LockFleetClient } from "../../generated/lock-fleet/client.js";
import { statusError, type LockFleetHandlers } from "../../generated/lock-fleet/server.js";
import { AwsIotShadowClient } from "../../generated/aws-iot-shadow/client.js";
import type { AwsIotShadowHandlers } from "../../generated/aws-iot-shadow/server.js";

declare const lock: LockFleetClient;
declare const shadow: AwsIotShadowClient;

expectTypeOf<GetLockStateParameters>().toEqualTypeOf<{ readonly slot: number }>();
void lock.getLockState({ slot: 3 });
// @ts-expect-error a u32 topic level is a number, not a string
void lock.getLockState({ slot: "3" });
// @ts-expect-error the client's own id fills {clientId}; the caller never gives it
void lock.getLockState({ slot: 3, clientId: "lock1" });
void lock.reportEvent({ kind: "opened", at: 1 }, { eventKind: "opened" });
// @ts-expect-error event-kind is a required user property of Report Event
void lock.reportEvent({ kind: "opened", at: 1 }, {});
void shadow.getNamedShadow({ shadowName: "night" }, {});
// @ts-expect-error a named shadow needs its {shadowName} level
void shadow.getNamedShadow({}, {});

export const lockHandlers: LockFleetHandlers = {
  getLockState: (request, context) => {
    expectTypeOf(request.parameters.slot).toEqualTypeOf<number>();
    expectTypeOf(context.clientId).toEqualTypeOf<string>();
    return { payload: { locked: true, battery: 80 } };
  },
  setAccessCode: () => {
    throw statusError("unknown-slot");
  },
  reportEvent: () => undefined,
};

export const wrongShape: LockFleetHandlers = {
  ...lockHandlers,
  // @ts-expect-error the success reply of Set Access Code carries the required code-version property
  setAccessCode: () => ({}),
};

export const wrongPayload: LockFleetHandlers = {
  ...lockHandlers,
  // @ts-expect-error a LockState payload has a boolean `locked`
  getLockState: () => ({ payload: { locked: "yes", battery: 80 } }),
};

// @ts-expect-error a handler for every client→server operation: getNamedShadow and the others are missing
export const missing: AwsIotShadowHandlers = { getShadow: () => ({ payload: { timestamp: 1 } }) };

// @ts-expect-error "jammed-ish" is no status of the lock catalog
statusError("jammed-ish");

// @ts-expect-error the lock API takes no SAS credentials
export const sas = new LockFleetClient({ url: "mqtt://127.0.0.1:1", clientId: "lock1", credentials: { method: "SAS", key: "k" } });
