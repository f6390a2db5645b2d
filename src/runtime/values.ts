/**
 * Scalar property values as they travel in MQTT user properties: always UTF-8 strings (docs/protocol.md#scalar-values).
 * `u64` is a `bigint` in TypeScript because it exceeds 2^53; `time` is a `Date`, sent as decimal epoch
 * milliseconds and accepted as epoch milliseconds or ISO 8601 on receipt (Q16, O1).
 */
import { brandAcrossCopies } from "./brand.js";

export type ScalarType = "u32" | "u64" | "i32" | "string" | "time";

export interface ScalarValues {
  readonly u32: number;
  readonly u64: bigint;
  readonly i32: number;
  readonly string: string;
  readonly time: Date;
}

/** How outgoing `time` values are written: epoch milliseconds (the default, what every client sends) or ISO 8601. */
export type TimeEncoding = "epoch-ms" | "iso-8601";

export class ValueError extends Error {
  static {
    brandAcrossCopies(this, "ValueError");
  }
  override readonly name = "ValueError";
}

const U32_MAX = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;
const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

export function encodeValue<T extends ScalarType>(
  type: T,
  value: ScalarValues[T],
  timeEncoding: TimeEncoding = "epoch-ms",
): string {
  switch (type) {
    case "u32":
      return encodeInteger(value as number, 0, U32_MAX, type);
    case "i32":
      return encodeInteger(value as number, I32_MIN, I32_MAX, type);
    case "u64": {
      const big = value as bigint;
      if (typeof big !== "bigint" || big < 0n || big > U64_MAX) throw new ValueError(`not a u64: ${String(value)}`);
      return big.toString(10);
    }
    case "time": {
      const ms = (value as Date).getTime();
      if (!Number.isFinite(ms)) throw new ValueError("not a valid time");
      return timeEncoding === "iso-8601" ? (value as Date).toISOString() : String(ms);
    }
    default:
      return value as string;
  }
}

function encodeInteger(value: number, min: number, max: number, type: string): string {
  if (!Number.isInteger(value) || value < min || value > max) throw new ValueError(`not a ${type}: ${String(value)}`);
  return String(value);
}

/** Decodes a received value; throws `ValueError` on text that is not of the type. */
export function decodeValue<T extends ScalarType>(type: T, raw: string): ScalarValues[T] {
  switch (type) {
    case "u32":
    case "i32": {
      const pattern = type === "u32" ? /^\d+$/ : /^-?\d+$/;
      const n = Number(raw);
      const [min, max] = type === "u32" ? [0, U32_MAX] : [I32_MIN, I32_MAX];
      if (!pattern.test(raw) || n < min || n > max) throw new ValueError(`not a ${type}: ${JSON.stringify(raw)}`);
      return n as ScalarValues[T];
    }
    case "u64": {
      if (!/^\d+$/.test(raw) || BigInt(raw) > U64_MAX) throw new ValueError(`not a u64: ${JSON.stringify(raw)}`);
      return BigInt(raw) as ScalarValues[T];
    }
    case "time": {
      const date = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
      if (Number.isNaN(date.getTime())) throw new ValueError(`not a time: ${JSON.stringify(raw)}`);
      return date as ScalarValues[T];
    }
    default:
      return raw as ScalarValues[T];
  }
}
