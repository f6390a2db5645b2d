/**
 * Extended status codes (PROTOCOL.md F28–F31): a 16-bit value sent as four hex digits in the `status`
 * user property. The high byte's bits 1..0 give the class, bit 2 marks it retryable, bits 7..3 are
 * reserved; the low byte is the specific code.
 */

export type StatusClass = "success" | "client-error" | "server-error";

/** What the high byte of a status says, or `undefined` where the type bits are the unassigned `11`. */
export interface StatusBits {
  readonly statusClass: StatusClass;
  readonly retryable: boolean;
  /** True when reserved bits 7..3 are set: the code is from a newer revision or malformed. */
  readonly reservedBitsSet: boolean;
}

const CLASS_BY_TYPE_BITS: readonly (StatusClass | undefined)[] = ["success", "client-error", "server-error", undefined];

/**
 * Parses a received `status` value: hexadecimal, case-insensitive, never decimal (F29). Returns
 * `undefined` for anything that is not 1–4 hex digits.
 */
export function parseStatus(raw: string): number | undefined {
  const text = raw.trim();
  if (!/^[0-9a-fA-F]{1,4}$/.test(text)) return undefined;
  return Number.parseInt(text, 16);
}

/** The canonical spelling: four upper-case, zero-padded hex digits (`06A0`). */
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
 * Success is reason code below 0x80 and either no status or a success-class status (F31, O4): `0001 Not
 * Modified` is a success that still carries a status. The official sample's "any non-zero status fails"
 * is deliberately not followed.
 */
export function isSuccessOutcome(reasonCode: number, status: string | undefined): boolean {
  if (reasonCode >= 0x80) return false;
  if (status === undefined) return true;
  const code = parseStatus(status);
  return code !== undefined && decodeStatusBits(code)?.statusClass === "success";
}
