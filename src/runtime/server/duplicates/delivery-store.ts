/**
 * Where a server suppressing duplicates keeps what it has handled. One record per delivery key: claimed by
 * a worker while its handler runs, then the answer it gave (kept `retainMs`, the window in which a copy is
 * recognised). A record may also say that an earlier run committed its effects through the store's own
 * transaction and stopped before answering. Implementations: `MemoryDeliveryStore` (one process) and
 * `RedisDeliveryStore` (`@mqttgen/runtime/server`, shared by every worker).
 */
import type { AnswerJson } from "../scale-out/message-json.js";

/** The answer given to a delivery, as kept for its copies: a success (a request's reply) or a failure. */
export type StoredAnswer = AnswerJson;

/** What `claim` found. */
export type ClaimResult =
  /** Nobody had it, or its claim was this owner's (a run that died): run the handler. */
  | { readonly state: "claimed" }
  /** An earlier run committed its effects and did not answer: run the handler, which must not repeat them. */
  | { readonly state: "committed" }
  /** Answered before: send the same answer again, without running the handler. */
  | { readonly state: "answered"; readonly answer: StoredAnswer }
  /** Another owner is running it: that owner answers. */
  | { readonly state: "busy"; readonly owner: string };

export interface DeliveryStore {
  /**
   * Atomically claims `key` for `owner` when there is no record (or only `owner`'s own claim), and says
   * what there was otherwise. A claim lasts `retainMs`.
   */
  claim(key: string, owner: string, retainMs: number): Promise<ClaimResult>;
  /** Records the answer given, replacing the claim (or the committed mark), for `retainMs`. */
  answered(key: string, answer: StoredAnswer, retainMs: number): Promise<void>;
  /** Drops `owner`'s claim when it is still only a claim, so that a retry runs again (a retryable failure). */
  release(key: string, owner: string): Promise<void>;
}

/** The record values both implementations keep, as JSON text (Redis) or as the object itself (memory). */
export type DeliveryRecord =
  | { readonly state: "claimed"; readonly owner: string }
  | { readonly state: "committed" }
  | { readonly state: "answered"; readonly answer: StoredAnswer };

/** What a record means to `claim` by `owner`. */
export function claimResultOf(record: DeliveryRecord, owner: string): ClaimResult {
  switch (record.state) {
    case "claimed":
      return record.owner === owner ? { state: "claimed" } : { state: "busy", owner: record.owner };
    case "committed":
      return { state: "committed" };
    default:
      return { state: "answered", answer: record.answer };
  }
}
