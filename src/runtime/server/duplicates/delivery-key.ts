/**
 * The key a delivery is recognised by among its copies: the requester's client id (from the topic the
 * broker's ACL or a gateway vouches for, never from the message), the operation, and what the API names
 * the message by: a request's correlation (Correlation Data or the payload field's token), or for a QoS 1
 * message the dialect's `messageKey` (Correlation Data the client runtime attaches, or a declared user
 * property the application fills). `undefined` when the message carries none.
 */
import type { IndexedOperation } from "../../api-index.js";
import type { ApiTable } from "../../api-table.js";
import { receivedToken } from "../../dialect/correlation-token.js";
import { firstUserProperty, type ServerInboundMessage } from "../messages.js";

export function messageKeyOf(
  api: ApiTable,
  operation: IndexedOperation,
  message: ServerInboundMessage,
): string | undefined {
  if (operation.spec.interaction === "request-response") {
    const correlation = operation.correlation;
    if (correlation.kind === "payload-field") {
      const token = receivedToken(message.payload, correlation.field);
      return token === undefined ? undefined : `t:${token}`;
    }
    return message.correlationData === undefined ? undefined : `c:${message.correlationData.toString("hex")}`;
  }
  const key = api.dialect.messageKey;
  if (key?.kind === "correlation-data") {
    return message.correlationData === undefined ? undefined : `c:${message.correlationData.toString("hex")}`;
  }
  if (key?.kind === "user-property") {
    const value = firstUserProperty(message.userProperties, key.name);
    return value === undefined || value === "" ? undefined : `p:${value}`;
  }
  return undefined;
}

/** The store key of a delivery: client id and operation, then the message's key. */
export function deliveryKey(clientId: string, operation: IndexedOperation, messageKey: string): string {
  return `${encodeURIComponent(clientId)}/${operation.id}/${messageKey}`;
}
