/**
 * How property values of one scalar type read when a peer decodes them as another (src/runtime/values.ts,
 * docs/protocol.md#scalar-values): every value travels as text, so a type change is judged by which texts each side
 * writes and accepts.
 */
import type { ScalarType } from "../model.js";

/** How a type change looks on the wire; `rules.ts` turns it into a rule per flow. */
export type TypeChange = "narrowed" | "widened" | "incompatible" | "reinterpreted";

interface Receiver {
  /** Types whose every value this type reads as the same value. */
  readonly reads: readonly ScalarType[];
  /** Types whose text this type accepts but reads as another value (a count as epoch milliseconds). */
  readonly misreads: readonly ScalarType[];
}

/** Keyed by the receiving type. Any type not listed is refused for some values (u64 above 2^32 as u32, …). */
const RECEIVERS: Readonly<Record<ScalarType, Receiver>> = {
  u32: { reads: ["u32"], misreads: [] },
  u64: { reads: ["u32", "u64"], misreads: ["time"] },
  i32: { reads: ["i32"], misreads: [] },
  string: { reads: ["u32", "u64", "i32", "string", "time"], misreads: [] },
  time: { reads: ["time"], misreads: ["u32", "u64", "i32"] },
};

/**
 * `widened` when NEW reads every OLD value and not the reverse, `narrowed` for the opposite, `reinterpreted`
 * when either side reads the other's text as another value, `incompatible` when each refuses some values
 * of the other. Call only with two different types.
 */
export function typeChange(before: ScalarType, after: ScalarType): TypeChange {
  const newReadsOld = RECEIVERS[after];
  const oldReadsNew = RECEIVERS[before];
  if (newReadsOld.misreads.includes(before) || oldReadsNew.misreads.includes(after)) return "reinterpreted";
  const forward = newReadsOld.reads.includes(before);
  const backward = oldReadsNew.reads.includes(after);
  if (forward && !backward) return "widened";
  if (backward && !forward) return "narrowed";
  // Two different types never read each other both ways (a test checks the table); judge it as widened,
  // which the downlink rules treat as breaking.
  return forward ? "widened" : "incompatible";
}
