/**
 * Failed outcomes as the server sends them (PROTOCOL.md E22–E24, F28): a reason code plus the `status`,
 * `reason` and `trace-id` user properties, in that order so that truncation (E27) drops the least useful
 * last. Handlers signal failures by throwing `StatusError`; anything else becomes `0601 Server Error`.
 */
import { randomUUID } from "node:crypto";
import { StatusError } from "../errors.js";
import { BAD_REQUEST, SERVER_ERROR } from "./endpoint-status.js";
import type { ServerLogger } from "./logger.js";

export interface ServerFailure {
  readonly reasonCode: number;
  readonly status?: string;
  readonly reason?: string;
  readonly traceId?: string;
}

export function badRequest(reason: string): ServerFailure {
  return { ...BAD_REQUEST, reason };
}

/**
 * The outcome for whatever a handler threw. A `StatusError` is sent as it is; any other error is logged
 * under a fresh trace id and answered with `0601` and that trace id, never with its message.
 */
export function failureFromError(
  error: unknown,
  logger: ServerLogger,
  context: Record<string, unknown>,
): ServerFailure {
  if (error instanceof StatusError) {
    return {
      reasonCode: error.reasonCode,
      ...(error.status !== undefined && { status: error.status }),
      ...(error.reason !== undefined && { reason: error.reason }),
      ...(error.traceId !== undefined && { traceId: error.traceId }),
    };
  }
  const traceId = randomUUID();
  logger.error("handler failed", { ...context, traceId, error });
  return { ...SERVER_ERROR, traceId };
}

export function failureUserProperties(failure: ServerFailure): Record<string, string> {
  return {
    ...(failure.status !== undefined && { status: failure.status }),
    ...(failure.reason !== undefined && { reason: failure.reason }),
    ...(failure.traceId !== undefined && { "trace-id": failure.traceId }),
  };
}

/** The packet properties carrying a failure; undefined when there is nothing to carry. */
export function failureProperties(failure: ServerFailure): { userProperties: Record<string, string> } | undefined {
  const userProperties = failureUserProperties(failure);
  return Object.keys(userProperties).length > 0 ? { userProperties } : undefined;
}
