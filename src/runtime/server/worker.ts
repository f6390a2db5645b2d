/**
 * What every worker takes, whichever topics it serves on (the API and its handlers, the broker connection,
 * the group it shares the work with, its session policy, duplicate suppression and timeouts), and how
 * every worker opens and closes its broker session.
 */
import type { ApiIndex } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import type { DispatchDependencies, ServerHandler } from "./dispatch.js";
import { HandledOnce, type DuplicateSuppressionOptions } from "./duplicates/once.js";
import type { ServerLogger } from "./logger.js";
import { BrokerSession, type BrokerConnectionOptions, type BrokerMessageHandler } from "./scale-out/broker-session.js";
import { InternalTopics } from "./scale-out/internal-topics.js";
import type { ServerCalls } from "./server-requests.js";

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

const DEFAULT_SESSION_EXPIRY_SECONDS = 300;
const DEFAULT_RECEIVE_MAXIMUM = 64;
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

type Filters = Readonly<Record<string, { qos: 0 | 1 }>>;

/** The dispatch of a worker: its handlers, and duplicate suppression owned by its client id. */
export function workerDispatch(
  options: WorkerOptions,
  index: ApiIndex,
  logger: ServerLogger,
  calls: (clientId: string) => ServerCalls | undefined,
): DispatchDependencies {
  return {
    api: options.api,
    index,
    handlers: options.handlers,
    logger,
    calls,
    ...(options.duplicates !== undefined && {
      once: new HandledOnce(options.duplicates, options.broker.clientId, options.api, logger),
    }),
  };
}

/**
 * Opens a worker's session: persistent unless told otherwise, `shared` filters under the group, `own`
 * ones and its drain topic plain. Throws `SharedSubscriptionsUnavailableError` for a group on a broker
 * that cannot share, and ends the session when a subscription is refused.
 */
export async function openWorkerSession(
  options: WorkerOptions,
  logger: ServerLogger,
  onMessage: BrokerMessageHandler,
  shared: Filters,
  own: Filters,
): Promise<BrokerSession> {
  const session = await BrokerSession.open(options.broker, {
    sessionExpirySeconds: options.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_SECONDS,
    receiveMaximum: options.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM,
    logger,
    onMessage,
    ...(options.group !== undefined && { group: options.group }),
  });
  const drain = InternalTopics.of(options.api, options.namespace).drain(options.broker.clientId);
  session.drainTopic = drain;
  try {
    await session.subscribe(shared, { ...own, [drain]: { qos: 1 } });
  } catch (error) {
    await session.end(true);
    throw error;
  }
  return session;
}

/** Leaves the group without losing what the broker queued for the worker, then ends its session. */
export async function closeWorkerSession(session: BrokerSession | undefined, options: WorkerOptions): Promise<void> {
  if (session === undefined) return;
  await session.drain(options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
  await session.end(true);
}
