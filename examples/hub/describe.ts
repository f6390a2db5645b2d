/** Short, one-line descriptions for the hub's event lines. */
import { StatusError } from "@mqttgen/runtime";

/** UTF-8 text shown as is when short and printable, otherwise its size. */
export function describeBytes(payload: Uint8Array | string): string {
  const text = typeof payload === "string" ? payload : Buffer.from(payload).toString("utf8");
  const size = typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength;
  if (size <= 120 && !/[\u0000-\u001f\ufffd]/.test(text)) return size === 0 ? "(empty)" : text;
  return `${size} bytes`;
}

/** A status error as `status 06A1 (reason)`, anything else by its message. */
export function describeError(error: unknown): string {
  if (error instanceof StatusError) {
    const status = error.status === undefined ? `reason code ${error.reasonCode}` : `status ${error.status}`;
    return error.reason === undefined ? status : `${status} (${error.reason})`;
  }
  return error instanceof Error ? error.message : String(error);
}
