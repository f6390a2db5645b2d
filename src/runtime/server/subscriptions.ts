/**
 * SUBSCRIBE and UNSUBSCRIBE decisions (docs/protocol.md#limits, #topics, #response-topic-and-subscriptions): each filter is judged on its own by the
 * subscription rules; at most `maximumSubscriptions` are held (0x97 past that); the granted QoS is
 * min(requested, Maximum QoS). A shared reply topic is implicit and never stored (C14).
 */
import type { ISubscription } from "mqtt-packet";
import type { ServerLimits } from "./limits.js";
import { ReasonCode } from "./reason-codes.js";
import type { ServerSession } from "./session.js";
import type { SubscriptionRules } from "./subscription-rules.js";

/** Records what is granted and returns the SUBACK reason codes, one per filter. */
export function grantSubscriptions(
  rules: SubscriptionRules,
  limits: ServerLimits,
  session: ServerSession,
  subscriptions: readonly ISubscription[],
): number[] {
  return subscriptions.map(({ topic, qos }) => {
    const verdict = rules.judge(topic, session.clientId);
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

/** Removes filters and returns the UNSUBACK reason codes; unsubscribing the shared reply topic changes nothing. */
export function removeSubscriptions(
  rules: SubscriptionRules,
  session: ServerSession,
  filters: readonly string[],
): number[] {
  return filters.map((filter) =>
    session.subscriptions.delete(filter) || filter === rules.sharedReplyTopic
      ? ReasonCode.Success
      : ReasonCode.NoSubscriptionExisted,
  );
}
