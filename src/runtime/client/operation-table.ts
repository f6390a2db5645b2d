/**
 * The generated `ClientApi` table indexed once per client, so that no call repeats table work: operations
 * by id, the server→client ones in table order for matching received topics (PROTOCOL.md C12–C14), and
 * whether each topic template has `{param}` levels to fill.
 */
import { fillTopic, matchTopic } from "../topics.js";
import type { ClientApi, ClientOperation, OperationDirection, OperationInteraction } from "./api.js";

/** A received topic matched to the server→client operation whose template it fits. */
export interface TopicMatch {
  readonly operation: ClientOperation;
  readonly parameters: Record<string, string>;
}

export class OperationTable {
  readonly #byId: ReadonlyMap<string, ClientOperation>;
  readonly #serverToClient: readonly ClientOperation[];
  /** Templates without `{param}` levels are their own topic. */
  readonly #fixedTopics: ReadonlySet<string>;

  constructor(readonly api: ClientApi) {
    this.#byId = new Map(api.operations.map((operation) => [operation.id, operation]));
    this.#serverToClient = api.operations.filter((operation) => operation.direction === "server-to-client");
    this.#fixedTopics = new Set(
      api.operations.map((operation) => operation.topic).filter((topic) => !topic.includes("{")),
    );
  }

  get operations(): Iterable<ClientOperation> {
    return this.#byId.values();
  }

  /** The operation `id`, checked to have the direction and one of the interactions a call needs. */
  get(id: string, direction: OperationDirection, interactions: readonly OperationInteraction[]): ClientOperation {
    const operation = this.#byId.get(id);
    if (operation === undefined) throw new TypeError(`unknown operation ${id}`);
    if (operation.direction !== direction || !interactions.includes(operation.interaction)) {
      throw new TypeError(
        `operation ${id} is ${operation.direction} ${operation.interaction}, not ${direction} ${interactions.join("/")}`,
      );
    }
    return operation;
  }

  /** The concrete topic of a message of `operation`. */
  topic(operation: ClientOperation, parameters: Readonly<Record<string, string>> | undefined): string {
    if (this.#fixedTopics.has(operation.topic)) return operation.topic;
    return fillTopic(operation.topic, parameters ?? {});
  }

  /** The first server→client operation, in table order, whose topic template `topic` fits. */
  match(topic: string): TopicMatch | undefined {
    for (const operation of this.#serverToClient) {
      const parameters = matchTopic(operation.topic, topic);
      if (parameters !== undefined) return { operation, parameters };
    }
    return undefined;
  }
}
