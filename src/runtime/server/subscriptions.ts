/**
 * SUBSCRIBE and UNSUBSCRIBE decisions (PROTOCOL.md B11, C12–C15): each filter is judged on its own
 * against the operations table; at most `maximumSubscriptions` are held (0x97 past that); the granted QoS
 * is min(requested, Maximum QoS). The response topic is implicit and never stored (C14).
 */
import type { ISubscription } from "mqtt-packet";
import type { ServerLimits } from "./limits.js";
import type { OperationTable } from "./operations.js";
import { ReasonCode } from "./reason-codes.js";
import type { ServerSession } from "./session.js";

/** Records what is granted and returns the SUBACK reason codes, one per filter. */
export function grantSubscriptions(
  table: OperationTable,
  limits: ServerLimits,
  session: ServerSession,
  subscriptions: readonly ISubscription[],
): number[] {
  return subscriptions.map(({ topic, qos }) => {
    const verdict = table.judgeFilter(topic);
    if (verdict.kind === "refused") return verdict.reasonCode;
    if (verdict.kind === "implicit") return 0;
    if (!session.subscriptions.has(topic) && session.subscriptions.size >= limits.maximumSubscriptions) {
      return ReasonCode.QuotaExceeded;
    }
    const granted = Math.min(qos, limits.maximumQos) as 0 | 1;
    session.subscriptions.set(topic, granted);
    return granted;
  });
}

/** Removes filters and returns the UNSUBACK reason codes; unsubscribing the response topic "succeeds" and changes nothing. */
export function removeSubscriptions(
  table: OperationTable,
  session: ServerSession,
  filters: readonly string[],
): number[] {
  return filters.map((filter) =>
    session.subscriptions.delete(filter) || filter === table.responseTopic
      ? ReasonCode.Success
      : ReasonCode.NoSubscriptionExisted,
  );
}
