/**
 * An `ApiTable` indexed once for the runtime, used alike by the device client, the embedded server endpoint
 * and the broker-connected server: operations by id, compiled topic and reply templates, the dialect's
 * reply route resolved per operation, and received topics matched to the operation (or the reply) they
 * belong to, with parameterless topics answered from a map.
 */
import type {
  ApiTable,
  CorrelationSpec,
  OperationDirection,
  OperationInteraction,
  OperationSpec,
} from "./api-table.js";
import { TopicTemplate, type RawTopicParameters } from "./topic-template.js";

/** Where the replies of one request-response operation travel, with its templates compiled. */
export type ReplyRoute =
  | { readonly kind: "shared-topic"; readonly topic: string }
  | { readonly kind: "requester-topic"; readonly prefix: TopicTemplate }
  | { readonly kind: "topic"; readonly topic: TopicTemplate }
  | { readonly kind: "accepted-rejected"; readonly accepted: TopicTemplate; readonly rejected: TopicTemplate };

/** One operation of the table with what the runtime derives from it once. */
export interface IndexedOperation {
  /** The operation id, `spec.id`. */
  readonly id: string;
  readonly spec: OperationSpec;
  readonly topic: TopicTemplate;
  /** Request-response operations only. */
  readonly reply: ReplyRoute | undefined;
  /** The operation's correlation, the dialect's default resolved. */
  readonly correlation: CorrelationSpec;
  /** The user property names its first message declares. */
  readonly requestUserProperties: ReadonlySet<string>;
  /** Whether its first message declares the Retain flag, which decoding then reads from the packet. */
  readonly requestDeclaresRetain: boolean;
}

/** A received topic matched to the operation whose first message it carries. */
export interface MessageMatch {
  readonly operation: IndexedOperation;
  readonly raw: RawTopicParameters;
}

/** A received topic matched to an operation's own reply topic, and which of them it is. */
export interface ReplyTopicMatch {
  readonly operation: IndexedOperation;
  readonly arrivedOn: "reply" | "accepted" | "rejected";
  /** The reply topic's template and its levels as received. */
  readonly template: TopicTemplate;
  readonly raw: RawTopicParameters;
}

const CORRELATION_DATA: CorrelationSpec = Object.freeze({ kind: "correlation-data" });

export class ApiIndex {
  readonly operations: readonly IndexedOperation[];
  /** The dialect's requester reply prefix, when replies go to requester-chosen topics. */
  readonly requesterPrefix: TopicTemplate | undefined;
  readonly #byId = new Map<string, IndexedOperation>();
  readonly #byDirection: Readonly<Record<OperationDirection, readonly IndexedOperation[]>>;
  /** The answer for each parameterless topic of a direction, so the common PUBLISH needs no matching. */
  readonly #literal: Readonly<Record<OperationDirection, ReadonlyMap<string, MessageMatch>>>;
  readonly #withReplyTopics: Readonly<Record<OperationDirection, readonly IndexedOperation[]>>;

  constructor(readonly api: ApiTable) {
    const replies = api.dialect.replies;
    this.requesterPrefix = replies.kind === "requester-topic" ? new TopicTemplate(replies.prefix, []) : undefined;
    this.operations = api.operations.map((spec) => this.#indexed(spec));
    for (const operation of this.operations) this.#byId.set(operation.spec.id, operation);
    const of = (direction: OperationDirection) =>
      this.operations.filter((operation) => operation.spec.direction === direction);
    this.#byDirection = { "client-to-server": of("client-to-server"), "server-to-client": of("server-to-client") };
    this.#literal = {
      "client-to-server": this.#literalTopics("client-to-server"),
      "server-to-client": this.#literalTopics("server-to-client"),
    };
    const withReplyTopics = (direction: OperationDirection) =>
      this.#byDirection[direction].filter(
        (operation) => operation.reply?.kind === "topic" || operation.reply?.kind === "accepted-rejected",
      );
    this.#withReplyTopics = {
      "client-to-server": withReplyTopics("client-to-server"),
      "server-to-client": withReplyTopics("server-to-client"),
    };
  }

  byId(id: string): IndexedOperation | undefined {
    return this.#byId.get(id);
  }

  /** The operations of one direction, in table order. */
  ofDirection(direction: OperationDirection): readonly IndexedOperation[] {
    return this.#byDirection[direction];
  }

  /** The operation `id`, checked to have the direction and one of the interactions a call needs. */
  get(id: string, direction: OperationDirection, interactions: readonly OperationInteraction[]): IndexedOperation {
    const operation = this.#byId.get(id);
    if (operation === undefined) throw new TypeError(`unknown operation ${id}`);
    const { spec } = operation;
    if (spec.direction !== direction || !interactions.includes(spec.interaction)) {
      throw new TypeError(
        `operation ${id} is ${spec.direction} ${spec.interaction}, not ${direction} ${interactions.join("/")}`,
      );
    }
    return operation;
  }

  /** The server→client operation a server calls, checked to have `interaction`. */
  serverToClient(operationId: string, interaction: OperationInteraction): IndexedOperation {
    const operation = this.#byId.get(operationId);
    const spec = operation?.spec;
    if (operation === undefined || spec?.direction !== "server-to-client" || spec.interaction !== interaction) {
      throw new Error(`${operationId} is not a server-to-client ${interaction} operation`);
    }
    return operation;
  }

  /** The first operation of `direction`, in table order, whose topic template `topic` fits. */
  matchMessage(direction: OperationDirection, topic: string): MessageMatch | undefined {
    return this.#literal[direction].get(topic) ?? this.#scan(direction, topic);
  }

  /** The operation of `direction` one of whose own reply topics (`topic`, accepted, rejected) `topic` is. */
  matchReplyTopic(direction: OperationDirection, topic: string): ReplyTopicMatch | undefined {
    for (const operation of this.#withReplyTopics[direction]) {
      const reply = operation.reply;
      if (reply?.kind === "topic") {
        const raw = reply.topic.match(topic);
        if (raw !== undefined) return { operation, arrivedOn: "reply", template: reply.topic, raw };
      } else if (reply?.kind === "accepted-rejected") {
        const accepted = reply.accepted.match(topic);
        if (accepted !== undefined)
          return { operation, arrivedOn: "accepted", template: reply.accepted, raw: accepted };
        const rejected = reply.rejected.match(topic);
        if (rejected !== undefined)
          return { operation, arrivedOn: "rejected", template: reply.rejected, raw: rejected };
      }
    }
    return undefined;
  }

  #indexed(spec: OperationSpec): IndexedOperation {
    const requestUserProperties = new Set(
      spec.request.properties.filter((property) => property.kind === "user").map((property) => property.name),
    );
    return {
      id: spec.id,
      spec,
      topic: new TopicTemplate(spec.topic, spec.parameters),
      reply: spec.interaction === "request-response" ? this.#replyRoute(spec) : undefined,
      correlation: spec.correlation ?? CORRELATION_DATA,
      requestUserProperties,
      requestDeclaresRetain: spec.request.properties.some((property) => property.mqttField === "retain"),
    };
  }

  #replyRoute(spec: OperationSpec): ReplyRoute {
    const reply = spec.reply ?? { kind: "default" };
    switch (reply.kind) {
      case "topic":
        return { kind: "topic", topic: new TopicTemplate(reply.topic, spec.parameters) };
      case "accepted-rejected":
        return {
          kind: "accepted-rejected",
          accepted: new TopicTemplate(reply.accepted, spec.parameters),
          rejected: new TopicTemplate(reply.rejected, spec.parameters),
        };
      default: {
        const replies = this.api.dialect.replies;
        if (replies.kind === "shared-topic") return { kind: "shared-topic", topic: replies.topic };
        return { kind: "requester-topic", prefix: this.requesterPrefix as TopicTemplate };
      }
    }
  }

  #scan(direction: OperationDirection, topic: string): MessageMatch | undefined {
    for (const operation of this.#byDirection[direction]) {
      const raw = operation.topic.match(topic);
      if (raw !== undefined) return { operation, raw };
    }
    return undefined;
  }

  /** Literal topics, each answered as a scan in table order would (an earlier template may also fit it). */
  #literalTopics(direction: OperationDirection): ReadonlyMap<string, MessageMatch> {
    const literal = new Map<string, MessageMatch>();
    for (const operation of this.#byDirection[direction]) {
      if (!operation.topic.literal) continue;
      const match = this.#scan(direction, operation.topic.template);
      if (match !== undefined && !literal.has(operation.topic.template)) {
        literal.set(operation.topic.template, { operation: match.operation, raw: Object.freeze(match.raw) });
      }
    }
    return literal;
  }
}

/**
 * The Response Topic of requests of `operation` whose replies go to a requester-chosen topic: one level per
 * operation under the reply prefix filled with the device's client id (the requester's for client→server
 * operations, the replier's for server→client ones, so that each device only ever publishes and reads
 * under its own prefix). `undefined` for other reply routes.
 */
export function requesterReplyTopic(operation: IndexedOperation, clientId: string): string | undefined {
  const reply = operation.reply;
  return reply?.kind === "requester-topic" ? `${reply.prefix.fill(undefined, clientId)}/${operation.id}` : undefined;
}
