/**
 * What every worker takes, whichever topics it serves on: the API and its handlers, the broker connection,
 * the group it shares the work with, its session policy, duplicate suppression and timeouts.
 */
import type { ApiTable } from "../api-table.js";
import type { ServerHandler } from "./dispatch.js";
import type { DuplicateSuppressionOptions } from "./duplicates/once.js";
import type { ServerLogger } from "./logger.js";
import type { BrokerConnectionOptions } from "./scale-out/broker-session.js";

export interface WorkerOptions {
  readonly api: ApiTable;
  /** One handler per client→server operation, by operation id. */
  readonly handlers: Readonly<Record<string, ServerHandler>>;
  readonly broker: BrokerConnectionOptions;
  /**
   * The shared subscription group (`$share/{group}/…`) the work is spread over: every worker of a group
   * gets its share. Without one, this process alone receives every client→server message.
   */
  readonly group?: string;
  /**
   * How long the broker keeps this worker's session after its connection drops (s); default 300. While it
   * is kept, QoS 1 messages the worker had not acknowledged, and its share of the group's new ones, wait
   * for it (or a replacement with the same client id) to come back: nothing the broker accepted is lost
   * to a crash, but that share is late. 0: the session ends with the connection, and a crash loses the
   * QoS 1 messages in hand (Mosquitto does not give them to another member).
   */
  readonly sessionExpirySeconds?: number;
  /** QoS 1 messages handled at once; default 64. */
  readonly receiveMaximum?: number;
  /** Copies of a QoS 1 delivery are answered without running the handler again. */
  readonly duplicates?: DuplicateSuppressionOptions;
  /** Default time a server→client call waits for its answer; default 30 000 ms. */
  readonly requestTimeoutMs?: number;
  /** How long `close()` waits for the broker to hand over what it queued for this worker; default 10 000 ms. */
  readonly drainTimeoutMs?: number;
  /** Namespace of the topics gateways and workers share; default `mqttgen/<API title as a slug>`. */
  readonly namespace?: string;
  readonly logger?: ServerLogger;
}

export const DEFAULT_SESSION_EXPIRY_SECONDS = 300;
export const DEFAULT_RECEIVE_MAXIMUM = 64;
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
