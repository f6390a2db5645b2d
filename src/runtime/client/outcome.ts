/**
 * Reading outcomes (PROTOCOL.md F28–F31): the reason code of a PUBACK, DISCONNECT or CONNACK (0 for a
 * response PUBLISH) together with the `status`, `reason` and `trace-id` user properties.
 */
import type { OutcomeDetails } from "../errors.js";
import { StatusError } from "../errors.js";
import type { UserProperties } from "../properties.js";
import { isSuccessOutcome, parseStatus } from "../status.js";

/**
 * Builds the error thrown for a failed outcome. Generated code passes a factory that returns its typed
 * per-status classes; the default is `StatusError`.
 */
export type OutcomeErrorFactory = (details: OutcomeDetails) => Error;

export const defaultErrorFactory: OutcomeErrorFactory = (details) => new StatusError(details);

/** The `0001 Not Modified` status: a success that still carries a status (F31, O4). */
const NOT_MODIFIED = 0x0001;

export function readOutcome(reasonCode: number, userProperties: UserProperties | undefined): OutcomeDetails {
  const details: { -readonly [K in keyof OutcomeDetails]: OutcomeDetails[K] } = {
    reasonCode,
    userProperties: userProperties ?? {},
  };
  if (userProperties === undefined) return details;
  const status = single(userProperties.status);
  const reason = single(userProperties.reason);
  const traceId = single(userProperties["trace-id"]);
  if (status !== undefined) details.status = status.toUpperCase();
  if (reason !== undefined) details.reason = reason;
  if (traceId !== undefined) details.traceId = traceId;
  return details;
}

export function isSuccess(details: OutcomeDetails): boolean {
  return isSuccessOutcome(details.reasonCode, details.status);
}

/** True for a successful outcome whose status is `0001 Not Modified`. */
export function isNotModified(details: OutcomeDetails): boolean {
  return details.status !== undefined && parseStatus(details.status) === NOT_MODIFIED && isSuccess(details);
}

/** A repeated outcome property is read by its first occurrence. */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
