/**
 * Device twins (docs/protocol.md#get-twin, #patch-twin-reported,
 * docs/protocol.md#receive-twin-desired-state-changes, #twin-json): per device a desired and a
 * reported state, each with a version that every patch raises. A patch merges into the state key by key,
 * recursing into objects; `null` deletes a key, as in classic twins.
 *
 * The rules work on a `TwinDocument`, a plain JSON value, so that every store applies them the same way:
 * `MemoryTwinStore` here, `RedisTwinStore` (./redis-store.ts) for workers that share their twins.
 */
import type { Twin, TwinState } from "../../generated/iothub/payloads.js";
import { statusError } from "../../generated/iothub/server.js";

interface VersionedState {
  state: Record<string, unknown>;
  version: number;
}

/** One device's twin as a store keeps it: JSON all the way down. */
export interface TwinDocument {
  readonly desired: VersionedState;
  readonly reported: VersionedState;
}

/** Where the hub keeps twins; every method may wait for a shared store. */
export interface TwinStore {
  /** The device's twin, as Get Twin returns it; a device never seen has empty states at version 1. */
  get(deviceId: string): Promise<Twin>;
  /**
   * Applies a reported patch and returns the new reported version. With `ifVersion`, the patch applies
   * only to that version; otherwise it fails with 0104 Precondition Failed and nothing changes. The
   * payload is the device's JSON, typed but never checked: anything but an object fails with 0100.
   */
  patchReported(deviceId: string, patch: TwinState, ifVersion?: bigint): Promise<bigint>;
  /** Applies a desired patch (from the solution side) and returns the new desired version. */
  patchDesired(deviceId: string, patch: TwinState): Promise<bigint>;
}

/** Keys that must never be written into a state object, whatever a patch says. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function emptyTwin(): TwinDocument {
  return { desired: { state: {}, version: 1 }, reported: { state: {}, version: 1 } };
}

/** The twin as Get Twin answers it: a deep copy, each state with its `$version`. */
export function twinOf(twin: TwinDocument): Twin {
  return {
    desired: { ...copyState(twin.desired.state), $version: twin.desired.version },
    reported: { ...copyState(twin.reported.state), $version: twin.reported.version },
  };
}

/** `TwinStore.patchReported` on one document, which it changes in place. */
export function patchReportedIn(twin: TwinDocument, patch: TwinState, ifVersion?: bigint): bigint {
  const value: unknown = patch;
  if (!isObject(value)) throw statusError("0100", `a reported patch must be a JSON object, not ${jsonKind(value)}`);
  if (ifVersion !== undefined && ifVersion !== BigInt(twin.reported.version)) {
    throw statusError("0104");
  }
  return apply(twin.reported, patch);
}

/** `TwinStore.patchDesired` on one document, which it changes in place. */
export function patchDesiredIn(twin: TwinDocument, patch: TwinState): bigint {
  return apply(twin.desired, patch);
}

/** Twins in this process's memory. */
export class MemoryTwinStore implements TwinStore {
  readonly #twins = new Map<string, TwinDocument>();

  async get(deviceId: string): Promise<Twin> {
    return twinOf(this.#twin(deviceId));
  }

  async patchReported(deviceId: string, patch: TwinState, ifVersion?: bigint): Promise<bigint> {
    return patchReportedIn(this.#twin(deviceId), patch, ifVersion);
  }

  async patchDesired(deviceId: string, patch: TwinState): Promise<bigint> {
    return patchDesiredIn(this.#twin(deviceId), patch);
  }

  #twin(deviceId: string): TwinDocument {
    let twin = this.#twins.get(deviceId);
    if (twin === undefined) {
      twin = emptyTwin();
      this.#twins.set(deviceId, twin);
    }
    return twin;
  }
}

function apply(target: VersionedState, patch: TwinState): bigint {
  merge(target.state, patch);
  target.version += 1;
  return BigInt(target.version);
}

function merge(state: Record<string, unknown>, patch: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (value === null) {
      delete state[key];
    } else if (isObject(value)) {
      const existing = Object.hasOwn(state, key) ? state[key] : undefined;
      const child: Record<string, unknown> = isObject(existing) ? existing : {};
      merge(child, value);
      state[key] = child;
    } else {
      state[key] = structuredClone(value);
    }
  }
}

/**
 * A deep copy of a state, as `structuredClone` would make it: states are trees of plain objects (built by
 * `merge`) which are copied key by key, and only other values are handed to `structuredClone`, which
 * costs far more for the small objects a twin is made of.
 */
function copyState(state: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(state)) {
    const value = state[key];
    if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) copy[key] = copyState(value);
    else copy[key] = typeof value === "object" && value !== null ? structuredClone(value) : value;
  }
  return copy;
}

/** What a JSON value is, for a message: `an array`, `a number`, `null`, … */
function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
