/**
 * Duplicate suppression of QoS 1 deliveries (a worker restarted, the broker redelivered, a client resent):
 * a delivery's handler runs once per key within the store's retention, and every copy gets the answer
 * the first run gave. Keys are claimed in the store before the handler runs, so that two workers holding
 * copies at once do not both run it: the one that finds the other's claim acknowledges its copy and
 * leaves the answer to the other (whose copy the broker redelivers to it, or its replacement, if it dies).
 *
 * What the handler does to the world is recorded as done only with the answer, after it returns: a crash
 * in between runs it again on redelivery (at least once). Exactly once needs the effect and the mark in one
 * transaction of the store: `MemoryDeliveryStore.commit` and `RedisDeliveryStore.commit` do that, and
 * tell a later run (`delivery.effectsCommitted`) not to repeat what was committed.
 */
import type { ApiTable } from "../../api-table.js";
import { conditionFailure } from "../../dialect/outcome.js";
import type { ReplyAnswer } from "../../dialect/replies.js";
import { statusFacts } from "../../status.js";
import type { ServerLogger } from "../logger.js";
import { answerFromJson, answerToJson } from "../scale-out/message-json.js";
import type { DeliveryStore } from "./delivery-store.js";

/** What a handler learns about a delivery whose duplicates are suppressed (`ServerHandlerContext.delivery`). */
export interface Delivery {
  /** The client, the operation and the message's key: what copies share. */
  readonly key: string;
  /** The broker delivered this copy again (DUP): an earlier copy may have run. */
  readonly redelivered: boolean;
  /** An earlier run committed its effects through the store and stopped before answering: do not repeat them. */
  readonly effectsCommitted: boolean;
  /** How long the store keeps this delivery's records (ms), for a store's `commit`. */
  readonly retainMs: number;
}

export interface DuplicateSuppressionOptions {
  readonly store: DeliveryStore;
  /** How long a handled delivery is recognised among its copies (ms); default 24 hours. */
  readonly retainMs?: number;
}

/** What to do with one copy. */
export type OnceOutcome =
  | { readonly kind: "answer"; readonly answer: ReplyAnswer; readonly replayed: boolean }
  /** Another worker holds the key: acknowledge this copy and send nothing. */
  | { readonly kind: "busy" };

const DAY_MS = 24 * 60 * 60 * 1000;

export class HandledOnce {
  readonly #store: DeliveryStore;
  readonly #retainMs: number;
  /** Keys whose handler runs in this process now: a second copy waits for nothing and is left to the first. */
  readonly #running = new Set<string>();

  constructor(
    options: DuplicateSuppressionOptions,
    private readonly owner: string,
    private readonly api: ApiTable,
    private readonly logger: ServerLogger,
  ) {
    this.#store = options.store;
    this.#retainMs = options.retainMs ?? DAY_MS;
  }

  /** Runs `invoke` for the first copy of `key`, and answers every other as the first was answered. */
  async run(
    key: string,
    redelivered: boolean,
    invoke: (delivery: Delivery) => Promise<ReplyAnswer>,
  ): Promise<OnceOutcome> {
    if (this.#running.has(key)) return { kind: "busy" };
    this.#running.add(key);
    try {
      let claim;
      try {
        claim = await this.#store.claim(key, this.owner, this.#retainMs);
      } catch (error) {
        this.logger.error("delivery store unreachable: delivery not handled", { key, error });
        return {
          kind: "answer",
          answer: { kind: "failure", failure: conditionFailure(this.api, "serverError") },
          replayed: false,
        };
      }
      if (claim.state === "busy") {
        this.logger.info("copy of a delivery another worker is handling acknowledged", { key, owner: claim.owner });
        return { kind: "busy" };
      }
      if (claim.state === "answered") return { kind: "answer", answer: answerFromJson(claim.answer), replayed: true };
      const delivery: Delivery = {
        key,
        redelivered,
        effectsCommitted: claim.state === "committed",
        retainMs: this.#retainMs,
      };
      const answer = await invoke(delivery);
      await this.#record(key, answer);
      return { kind: "answer", answer, replayed: false };
    } finally {
      this.#running.delete(key);
    }
  }

  /** Keeps the answer for copies; a failure worth retrying is forgotten instead, so that a retry runs again. */
  async #record(key: string, answer: ReplyAnswer): Promise<void> {
    try {
      if (answer.kind === "failure" && this.#retryable(answer.failure.reasonCode, answer.failure.status)) {
        await this.#store.release(key, this.owner);
      } else {
        await this.#store.answered(key, answerToJson(answer), this.#retainMs);
      }
    } catch (error) {
      this.logger.error("delivery store unreachable: answer not recorded, a copy would run again", { key, error });
    }
  }

  /** A server-side failure (the handler crashed, the API's retryable statuses) may succeed on a retry. */
  #retryable(reasonCode: number, status: string | undefined): boolean {
    if (status === undefined) return reasonCode === conditionFailure(this.api, "serverError").reasonCode;
    const facts = statusFacts(this.api.statuses, status);
    return facts !== undefined && (facts.retryable || facts.statusClass === "server-error");
  }
}
