/**
 * Failed outcomes as a server sends them (docs/protocol.md#interactions, #outcome-properties for IoT Hub): a reason code and what the
 * API's dialect carries with it (`../dialect/outcome.ts`). Handlers signal failures by throwing
 * `StatusError` (or `RuntimeConditionError` for a runtime condition); anything else becomes the API's
 * server-error outcome, logged under a fresh trace id that the outcome carries where the dialect can.
 */
import { randomUUID } from "node:crypto";
import type { ApiTable } from "../api-table.js";
import { conditionFailure, type Failure } from "../dialect/outcome.js";
import { RuntimeConditionError, StatusError } from "../errors.js";
import type { ServerLogger } from "./logger.js";

export type { Failure as ServerFailure } from "../dialect/outcome.js";

/**
 * The outcome for whatever a handler threw. A `StatusError` is sent as it is, a `RuntimeConditionError`
 * as the API's outcome for its condition; any other error is logged under a fresh trace id and answered
 * with the server-error outcome and that trace id, never with its message.
 */
export function failureFromError(
  api: ApiTable,
  error: unknown,
  logger: ServerLogger,
  context: Record<string, unknown>,
): Failure {
  if (error instanceof StatusError) {
    return {
      reasonCode: error.reasonCode,
      ...(error.status !== undefined && { status: error.status }),
      ...(error.reason !== undefined && { reason: error.reason }),
      ...(error.traceId !== undefined && { traceId: error.traceId }),
    };
  }
  if (error instanceof RuntimeConditionError) return conditionFailure(api, error.condition, error.reason);
  const traceId = randomUUID();
  logger.error("handler failed", { ...context, traceId, error });
  return { ...conditionFailure(api, "serverError"), traceId };
}
