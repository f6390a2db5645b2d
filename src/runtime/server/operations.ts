/**
 * The operations table a generated server hands to the endpoint, and the topic rules derived from it
 * (PROTOCOL.md C12–C14): only the table's topics exist; nothing is routed between clients.
 */
import { matchTopic, subscriptionFilter } from "../topics.js";
import { ReasonCode } from "./reason-codes.js";

/** One operation as the endpoint needs it; generated servers emit a frozen array of these. */
export interface ServerOperation {
  /** The model's operation id (`send-telemetry`); handlers and server calls refer to it. */
  readonly id: string;
  /** Topic template, e.g. `$iothub/methods/{name}`. */
  readonly topic: string;
  /** Who publishes the first message (PROTOCOL.md Q3). */
  readonly direction: "client-to-server" | "server-to-client";
  /** How the first message is answered (E21): a response PUBLISH, a PUBACK, or nothing. */
  readonly interaction: "request-response" | "message-ack" | "message";
  /** QoS of the first message: the most a client may be granted for a server→client subscription. */
  readonly qos: 0 | 1;
  /**
   * The properties the first message defines; only `name` and `kind` are read, so the client runtime's
   * `PropertySpec` rows fit and one generated table can serve both sides. On client→server messages a
   * user property not listed here and not `@`-prefixed is refused with Bad Request (D17, D18).
   */
  readonly requestProperties: readonly ServerPropertyName[];
}

export interface ServerPropertyName {
  /** The wire name (`creation-time`) or, for first-class properties, the spec spelling (`Content Type`). */
  readonly name: string;
  readonly kind: "user" | "first-class";
}

/** Computed once per operation: every received message is checked against them. */
const userPropertyNames = new WeakMap<ServerOperation, readonly string[]>();

/** The user property names an operation's first message may carry besides `@` application properties. */
export function definedUserProperties(operation: ServerOperation): readonly string[] {
  let names = userPropertyNames.get(operation);
  if (names === undefined) {
    names = operation.requestProperties.filter((property) => property.kind === "user").map((property) => property.name);
    userPropertyNames.set(operation, names);
  }
  return names;
}

/** A client→server PUBLISH resolved to its operation. */
export interface MatchedOperation {
  readonly operation: ServerOperation;
  readonly parameters: Readonly<Record<string, string>>;
}

export type SubscriptionVerdict =
  | { readonly kind: "allowed"; readonly qos: 0 | 1 }
  /** The API's response topic: clients are treated as always subscribed to it (C14). */
  | { readonly kind: "implicit" }
  | { readonly kind: "refused"; readonly reasonCode: number };

export class OperationTable {
  readonly #byId = new Map<string, ServerOperation>();
  readonly #apiPrefix: readonly string[];
  /** The answer for each parameterless client→server topic, so the common PUBLISH needs no matching. */
  readonly #literalTopics = new Map<string, MatchedOperation>();

  constructor(
    readonly operations: readonly ServerOperation[],
    readonly responseTopic: string,
  ) {
    for (const operation of operations) {
      if (this.#byId.has(operation.id)) throw new Error(`duplicate operation id ${operation.id}`);
      this.#byId.set(operation.id, operation);
    }
    this.#apiPrefix = commonLiteralPrefix([responseTopic, ...operations.map((operation) => operation.topic)]);
    for (const operation of operations) {
      if (operation.direction !== "client-to-server" || operation.topic.includes("{")) continue;
      const matched = this.#scanClientToServer(operation.topic);
      if (matched !== undefined) {
        this.#literalTopics.set(operation.topic, { ...matched, parameters: Object.freeze(matched.parameters) });
      }
    }
  }

  byId(id: string): ServerOperation | undefined {
    return this.#byId.get(id);
  }

  /** The client→server operation a PUBLISH topic names, with its path parameters. */
  matchClientToServer(topic: string): MatchedOperation | undefined {
    return this.#literalTopics.get(topic) ?? this.#scanClientToServer(topic);
  }

  /** The first client→server operation, in table order, whose template `topic` matches. */
  #scanClientToServer(topic: string): MatchedOperation | undefined {
    for (const operation of this.operations) {
      if (operation.direction !== "client-to-server") continue;
      const parameters = matchTopic(operation.topic, topic);
      if (parameters !== undefined) return { operation, parameters };
    }
    return undefined;
  }

  /**
   * Which SUBSCRIBE filters exist (C12, C13): exactly a server→client operation's filter (`$iothub/methods/+`)
   * or a concrete topic of one (`$iothub/methods/reboot`). Other wildcards under the API prefix get 0xA2,
   * anything else 0x8F.
   */
  judgeFilter(filter: string): SubscriptionVerdict {
    if (filter === this.responseTopic) return { kind: "implicit" };
    if (filter.startsWith("$share/"))
      return { kind: "refused", reasonCode: ReasonCode.SharedSubscriptionsNotSupported };
    const hasWildcard = /[+#]/.test(filter);
    for (const operation of this.operations) {
      if (operation.direction !== "server-to-client") continue;
      const exact = filter === subscriptionFilter(operation.topic);
      if (exact || (!hasWildcard && matchTopic(operation.topic, filter) !== undefined)) {
        return { kind: "allowed", qos: operation.qos };
      }
    }
    if (hasWildcard && this.#reachesApi(filter)) {
      return { kind: "refused", reasonCode: ReasonCode.WildcardSubscriptionsNotSupported };
    }
    return { kind: "refused", reasonCode: ReasonCode.TopicFilterInvalid };
  }

  /** True when `filter` could match topics under the API prefix (a leading wildcard never matches `$` topics, §4.7.2). */
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
