/**
 * Statuses, the API-defined outcome codes that travel beside MQTT reason codes, in the three formats an API
 * may write them (`StatusFormat`):
 * - `hex16` (IoT Hub, docs/protocol.md#outcome-properties, #status-codes): a 16-bit value as four hex digits. The high byte's bits 1..0
 *   give the class, bit 2 marks it retryable, bits 7..3 are reserved; the low byte is the specific code.
 * - `integer`: a decimal number such as AWS IoT's `400`; class and retryable come from the API's catalog.
 * - `text`: a token compared exactly; class and retryable come from the API's catalog.
 */
import type { StatusClass, StatusFacts, StatusFormat } from "./api-table.js";

export type { StatusClass } from "./api-table.js";

/** What the high byte of a `hex16` status says, or `undefined` where the type bits are the unassigned `11`. */
export interface StatusBits {
  readonly statusClass: StatusClass;
  readonly retryable: boolean;
  /** True when reserved bits 7..3 are set: the code is from a newer revision or malformed. */
  readonly reservedBitsSet: boolean;
}

const CLASS_BY_TYPE_BITS: readonly (StatusClass | undefined)[] = ["success", "client-error", "server-error", undefined];

/**
 * Parses a received `hex16` status: hexadecimal, case-insensitive, never decimal (F29). Returns
 * `undefined` for anything that is not 1–4 hex digits.
 */
export function parseStatus(raw: string): number | undefined {
  const text = raw.trim();
  if (!/^[0-9a-fA-F]{1,4}$/.test(text)) return undefined;
  return Number.parseInt(text, 16);
}

/** The canonical `hex16` spelling: four upper-case, zero-padded hex digits (`06A0`). */
export function formatStatus(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

export function decodeStatusBits(code: number): StatusBits | undefined {
  const high = (code >> 8) & 0xff;
  const statusClass = CLASS_BY_TYPE_BITS[high & 0b11];
  if (statusClass === undefined) return undefined;
  return { statusClass, retryable: (high & 0b100) !== 0, reservedBitsSet: (high & 0b1111_1000) !== 0 };
}

/**
 * The canonical spelling of a received status in `format` (`06a0` → `06A0`, `"0400"` or `400` → `400`),
 * or `undefined` when the value is not a status of that format. A received status outside the catalog
 * keeps its canonical spelling so that callers can still report it.
 */
export function canonicalStatus(format: StatusFormat, raw: string | number): string | undefined {
  if (format === "integer") {
    const text = typeof raw === "number" ? String(raw) : raw.trim();
    if (!/^-?\d+$/.test(text)) return undefined;
    const value = Number(text);
    return Number.isSafeInteger(value) ? String(value) : undefined;
  }
  if (typeof raw !== "string") return undefined;
  if (format === "text") return raw === "" ? undefined : raw;
  const code = parseStatus(raw);
  return code === undefined ? undefined : formatStatus(code);
}

/**
 * The class of a canonical status: the catalog's when it has the status; for `hex16`, what its bits say;
 * otherwise `undefined` (a status the API does not know, which no one may take for a success).
 */
export function statusClassOf(
  catalog: Readonly<Record<string, StatusFacts>>,
  format: StatusFormat,
  status: string,
): StatusClass | undefined {
  const facts = statusFacts(catalog, status);
  if (facts !== undefined) return facts.statusClass;
  if (format !== "hex16") return undefined;
  const code = parseStatus(status);
  return code === undefined ? undefined : decodeStatusBits(code)?.statusClass;
}

/** The catalog entry of a status; own entries only, so a received `constructor` finds nothing. */
export function statusFacts(catalog: Readonly<Record<string, StatusFacts>>, status: string): StatusFacts | undefined {
  return Object.hasOwn(catalog, status) ? catalog[status] : undefined;
}
