/** How messages of the diff name operations and their messages; values are code spans (`change.ts`). */
import type { OperationModel } from "../model.js";
import { code } from "./change.js";
import type { Flow } from "./rules.js";

export function operationLabel(operation: Pick<OperationModel, "name">): string {
  return code(operation.name);
}

/** "`Get Twin` request", "`Send Telemetry` message". */
export function firstMessageLabel(operation: Pick<OperationModel, "name" | "interaction">): string {
  return `${operationLabel(operation)} ${operation.interaction === "request-response" ? "request" : "message"}`;
}

/** "`Get Twin` response", "`Send Telemetry` acknowledgment". */
export function answerLabel(operation: Pick<OperationModel, "name" | "interaction">): string {
  return `${operationLabel(operation)} ${operation.interaction === "request-response" ? "response" : "acknowledgment"}`;
}

/** The flow of an operation's first message: what a client publishes is the uplink. */
export function firstMessageFlow(operation: Pick<OperationModel, "direction">): Flow {
  return operation.direction === "client-to-server" ? "uplink" : "downlink";
}

/** The flow of an answer by `sender`. */
export function senderFlow(sender: "client" | "server"): Flow {
  return sender === "client" ? "uplink" : "downlink";
}
