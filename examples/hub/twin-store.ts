/**
 * Device twins kept in memory (docs/protocol.md#get-twin, docs/protocol.md#patch-twin-reported, docs/protocol.md#receive-twin-desired-state-changes, docs/protocol.md#twin-json): per device a desired and a reported state,
 * each with a version that every patch raises. A patch merges into the state key by key, recursing into
 * objects; `null` deletes a key, as in classic twins.
 */
import type { Twin, TwinState } from "../../generated/iothub/payloads.js";
import { statusError } from "../../generated/iothub/server.js";

interface VersionedState {
  state: Record<string, unknown>;
  version: number;
}

interface DeviceTwin {
  readonly desired: VersionedState;
  readonly reported: VersionedState;
}

/** Keys that must never be written into a state object, whatever a patch says. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export class TwinStore {
  readonly #twins = new Map<string, DeviceTwin>();

  /** The device's twin, as Get Twin returns it; a device never seen has empty states at version 1. */
  get(deviceId: string): Twin {
    const twin = this.#twin(deviceId);
    return {
      desired: { ...copyState(twin.desired.state), $version: twin.desired.version },
      reported: { ...copyState(twin.reported.state), $version: twin.reported.version },
    };
  }

  /**
   * Applies a reported patch and returns the new reported version. With `ifVersion`, the patch applies
   * only to that version; otherwise it fails with 0104 Precondition Failed and nothing changes. The
   * payload is the device's JSON, typed but never checked: anything but an object fails with 0100.
   */
  patchReported(deviceId: string, patch: TwinState, ifVersion?: bigint): bigint {
    const value: unknown = patch;
    if (!isObject(value)) throw statusError("0100", `a reported patch must be a JSON object, not ${jsonKind(value)}`);
    const reported = this.#twin(deviceId).reported;
    if (ifVersion !== undefined && ifVersion !== BigInt(reported.version)) {
      throw statusError("0104");
    }
    return apply(reported, patch);
  }

  /** Applies a desired patch (from the solution side) and returns the new desired version. */
  patchDesired(deviceId: string, patch: TwinState): bigint {
    return apply(this.#twin(deviceId).desired, patch);
  }

  #twin(deviceId: string): DeviceTwin {
    let twin = this.#twins.get(deviceId);
    if (twin === undefined) {
      twin = { desired: { state: {}, version: 1 }, reported: { state: {}, version: 1 } };
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
