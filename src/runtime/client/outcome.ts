/**
 * How the device client turns a failed outcome into the error it throws (docs/protocol.md#outcome-properties): generated code
 * passes a factory that returns its typed per-status classes; the default is `StatusError`. Outcomes are
 * read per dialect in `../dialect/outcome.ts`.
 */
import { StatusError, type OutcomeDetails } from "../errors.js";

export type OutcomeErrorFactory = (details: OutcomeDetails) => Error;

export const defaultErrorFactory: OutcomeErrorFactory = (details) => new StatusError(details);
