/**
 * Which SUBSCRIBE filters a client may hold in the embedded endpoint (docs/protocol.md#topics, #response-topic-and-subscriptions for IoT Hub):
 * only the API's own topics exist, and nothing is routed between clients. A client may subscribe to
 * - a server→client operation's filter, or a concrete topic of one;
 * - its reply topics: anything under its own reply prefix, and the reply topics of client→server
 *   operations (their filter or a concrete topic);
 * each with client-id levels set to its own id (a filter naming another client is 0x87 Not authorized).
 * The dialect's shared reply topic is implicit (granted, never stored). Other wildcards under the API's
 * topics get 0xA2, shared subscriptions 0x9E, anything else 0x8F.
 */
import type { ApiIndex } from "../api-index.js";
import type { TopicTemplate } from "../topic-template.js";
import { ReasonCode } from "./reason-codes.js";

export type SubscriptionVerdict =
  | { readonly kind: "allowed"; readonly qos: 0 | 1 }
  /** The dialect's shared reply topic: clients are treated as always subscribed to it (C14). */
  | { readonly kind: "implicit" }
  | { readonly kind: "refused"; readonly reasonCode: number };

/** A template a client may subscribe to, and the most it is granted there. */
interface Subscribable {
  readonly template: TopicTemplate;
  readonly qos: 0 | 1;
}

export class SubscriptionRules {
  readonly #index: ApiIndex;
  readonly #sharedReplyTopic: string | undefined;
  readonly #subscribable: readonly Subscribable[];
  readonly #apiPrefix: readonly string[];

  constructor(index: ApiIndex) {
    this.#index = index;
    const replies = index.api.dialect.replies;
    this.#sharedReplyTopic = replies.kind === "shared-topic" ? replies.topic : undefined;
    const subscribable: Subscribable[] = [];
    for (const operation of index.operations) {
      const subscription = operation.spec.subscription;
      if (subscription !== undefined) subscribable.push({ template: operation.topic, qos: subscription.qos });
      const reply = operation.reply;
      if (operation.spec.direction !== "client-to-server") continue;
      if (reply?.kind === "topic") subscribable.push({ template: reply.topic, qos: 0 });
      if (reply?.kind === "accepted-rejected") {
        subscribable.push({ template: reply.accepted, qos: 0 }, { template: reply.rejected, qos: 0 });
      }
    }
    this.#subscribable = subscribable;
    this.#apiPrefix = commonLiteralPrefix([
      ...(this.#sharedReplyTopic === undefined ? [] : [this.#sharedReplyTopic]),
      ...(index.requesterPrefix === undefined ? [] : [index.requesterPrefix.template]),
      ...index.operations.map((operation) => operation.topic.template),
      ...subscribable.map((entry) => entry.template.template),
    ]);
  }

  /** The shared reply topic, which clients may "unsubscribe" from without effect. */
  get sharedReplyTopic(): string | undefined {
    return this.#sharedReplyTopic;
  }

  judge(filter: string, clientId: string): SubscriptionVerdict {
    if (filter === this.#sharedReplyTopic) return { kind: "implicit" };
    if (filter.startsWith("$share/"))
      return { kind: "refused", reasonCode: ReasonCode.SharedSubscriptionsNotSupported };
    const prefix = this.#index.requesterPrefix;
    if (prefix !== undefined) {
      if (filter.startsWith(`${prefix.fill(undefined, clientId)}/`)) return { kind: "allowed", qos: 0 };
      if (underAnotherClient(prefix, filter, clientId))
        return { kind: "refused", reasonCode: ReasonCode.NotAuthorized };
    }
    const hasWildcard = /[+#]/.test(filter);
    for (const { template, qos } of this.#subscribable) {
      if (filter === template.filterFor(clientId)) return { kind: "allowed", qos };
      const raw = hasWildcard ? undefined : template.match(filter);
      if (raw !== undefined) {
        const named = template.clientIdOf(raw);
        if (named === undefined || named === clientId) return { kind: "allowed", qos };
        return { kind: "refused", reasonCode: ReasonCode.NotAuthorized };
      }
      if (template.hasClientIdLevel && filter === template.wildcardFilter()) {
        return { kind: "refused", reasonCode: ReasonCode.NotAuthorized };
      }
    }
    if (hasWildcard && this.#reachesApi(filter)) {
      return { kind: "refused", reasonCode: ReasonCode.WildcardSubscriptionsNotSupported };
    }
    return { kind: "refused", reasonCode: ReasonCode.TopicFilterInvalid };
  }

  /** Whether `filter` could match topics under the API prefix (a leading wildcard never matches `$` topics, §4.7.2). */
  #reachesApi(filter: string): boolean {
    const levels = filter.split("/");
    for (let i = 0; i < this.#apiPrefix.length; i++) {
      const level = levels[i];
      const expected = this.#apiPrefix[i] as string;
      const wildcardMayMatch = i > 0 || !expected.startsWith("$");
      if (level === "#") return wildcardMayMatch;
      if (level === "+") {
        if (!wildcardMayMatch) return false;
        continue;
      }
      if (level !== expected) return false;
    }
    return true;
  }
}

/** Whether a filter lies under the reply prefix of some client other than `clientId` (or of every client). */
function underAnotherClient(prefix: TopicTemplate, filter: string, clientId: string): boolean {
  const depth = prefix.template.split("/").length;
  const head = filter.split("/").slice(0, depth).join("/");
  const raw = prefix.match(head);
  if (raw !== undefined) return prefix.clientIdOf(raw) !== clientId;
  return head === prefix.wildcardFilter() || filter === "#";
}

/** The leading topic levels every template shares, stopping at the first parameter (`$iothub`). */
function commonLiteralPrefix(templates: readonly string[]): readonly string[] {
  const split = templates.map((template) => template.split("/"));
  const prefix: string[] = [];
  for (let i = 0; ; i++) {
    const level = split[0]?.[i];
    if (level === undefined || level.startsWith("{")) return prefix;
    if (!split.every((levels) => levels.length > i + 1 && levels[i] === level)) return prefix;
    prefix.push(level);
  }
}
