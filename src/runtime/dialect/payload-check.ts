/**
 * Payload checks at run time: a received JSON payload is parsed and, where the API table gives a
 * validator (generated from the spec's JSON Schema), checked; the first problem becomes a reason that
 * names the JSON path (`payload $.slot: must be integer`), which the receiving side sends with the API's
 * bad-request outcome (or raises as `PayloadError` where nothing answers).
 */
import type { PayloadValidator } from "../api-table.js";
import { inspectJson } from "../json.js";
import { brandAcrossCopies } from "../brand.js";

/** A received payload that is not JSON, or breaks its schema; `path` is the JSON path of the problem. */
export class PayloadError extends Error {
  static {
    brandAcrossCopies(this, "PayloadError");
  }
  override readonly name = "PayloadError";
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Parses a JSON payload and runs `validate` on it; throws `PayloadError` when either fails. */
export function checkJsonPayload(payload: Buffer, validate: PayloadValidator | undefined): unknown {
  let value: unknown;
  try {
    value = inspectJson(payload);
  } catch (error) {
    throw new PayloadError(`payload is not JSON: ${(error as Error).message}`);
  }
  if (validate === undefined || validate(value)) return value;
  const first = validate.errors?.[0];
  const path = jsonPath(first?.instancePath ?? "");
  throw new PayloadError(`payload ${path}: ${first?.message ?? "does not match its schema"}`, path);
}

/** A JSON Pointer (`/slots/0/code`) as a JSON path (`$.slots[0].code`). */
export function jsonPath(pointer: string): string {
  if (pointer === "") return "$";
  return (
    "$" +
    pointer
      .slice(1)
      .split("/")
      .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
      .map((key) =>
        /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`,
      )
      .join("")
  );
}
