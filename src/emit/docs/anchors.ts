/**
 * The ids of the HTML reference: stable deep links to every operation, property, payload type and
 * status, which the navigation, the search index and other pages link to. An id keeps letters, digits,
 * `-`, `_` and `.` of what it names; anything else becomes `-`.
 */
import type { OperationModel } from "../../model.js";

/** Text for an id: letters, digits, `-`, `_` and `.` kept, anything else as `-`. */
export function anchorText(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, "-");
}

export function operationAnchor(operation: Pick<OperationModel, "id">): string {
  return `op-${operation.id}`;
}

/** A message property's row: `op-patch-twin-reported-request-if-version`; `role` names the message. */
export function propertyAnchor(operation: Pick<OperationModel, "id">, role: string, name: string): string {
  return `${operationAnchor(operation)}-${role}-${anchorText(name)}`;
}

/** The role of an operation's first message and of its success in property anchors. */
export function messageRoles(operation: Pick<OperationModel, "interaction">): { readonly request: string; readonly success: string } {
  return operation.interaction === "request-response" ? { request: "request", success: "response" } : { request: "message", success: "ack" };
}

export function connectPropertyAnchor(name: string): string {
  return `connect-${anchorText(name)}`;
}

export function statusAnchor(status: string): string {
  return `status-${anchorText(status)}`;
}

export function payloadTypeAnchor(name: string): string {
  return `type-${anchorText(name)}`;
}
