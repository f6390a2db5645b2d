/**
 * Server→client request-response calls (direct methods, docs/protocol.md#interactions, #direct-method-replies, #receive-direct-methods for IoT Hub), as every
 * server transport makes them: a PUBLISH on the operation's topic filled for the client, with a fresh
 * correlation (Correlation Data, or a token in the payload field) and, where the dialect lets the requester
 * choose, a Response Topic under the client's own reply prefix; answered by the client where the dialect
 * says. Failures are the client's status, or the API's target-unavailable, target-timeout and
 * target-failed outcomes (`StatusError`s, or `RuntimeConditionError`s where the API has no status).
 */
import { randomBytes } from "node:crypto";
import type { IPublishPacket } from "mqtt-packet";
import { requesterReplyTopic, type IndexedOperation } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import { toBuffer } from "../bytes.js";
import { newCorrelationToken, receivedToken, withRequestToken } from "../dialect/correlation-token.js";
import { conditionError, isSuccessWithStatus } from "../dialect/outcome.js";
import { judgeReply, type ReceivedReply } from "../dialect/replies.js";
import { StatusError } from "../errors.js";
import { PendingRequests } from "../pending-requests.js";
import { outboundPublish, type ServerInboundMessage, type ServerOutboundMessage } from "./messages.js";

/** The client's successful response. `status` is present only for a success that carries one (IoT Hub `0001`, F31). */
export interface ServerCallResponse extends Omit<ServerInboundMessage, "topic" | "qos" | "correlationData"> {
  readonly status?: string;
}

export interface ServerRequestOptions {
  /** Values of the topic's `{param}` levels by their types; client-id levels are the called client's id. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Overrides the server's request timeout (ms). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** What a pending call waits with: its operation and the client it called. */
interface CallContext {
  readonly id: string;
  readonly operation: IndexedOperation;
  readonly clientId: string;
}

interface ArrivedReply {
  readonly message: ServerInboundMessage;
  readonly arrivedOn: ReceivedReply["arrivedOn"];
}

/** A call ready to go out: its PUBLISH, the promise of its response, and how to fail it before a reply. */
export interface StartedCall {
  readonly publish: Omit<IPublishPacket, "messageId">;
  readonly response: Promise<ServerCallResponse>;
  readonly fail: (error: Error) => void;
}

/** Correlation Data length: 8 random bytes, within IoT Hub's 16-byte limit (B11, O2). */
const CORRELATION_BYTES = 8;

/**
 * Calls waiting for their reply: per client session in the embedded endpoint, for every client in the
 * broker-connected server. A reply settles a call only when it comes from the client that was called.
 */
export class ServerCalls {
  readonly #api: ApiTable;
  readonly #byCorrelationData: PendingRequests<ArrivedReply, ServerCallResponse, CallContext>;
  readonly #byToken: PendingRequests<ArrivedReply, ServerCallResponse, CallContext>;
  readonly #tokenFields: readonly string[];

  constructor(api: ApiTable) {
    this.#api = api;
    const pending = () =>
      new PendingRequests<ArrivedReply, ServerCallResponse, CallContext>(
        (reply, context) => this.#response(context, reply),
        {
          timeout: (context, timeoutMs) =>
            conditionError(api, "targetTimeout", `no response from ${context.clientId} within ${timeoutMs} ms`),
          aborted: (_context, reason) => reason,
        },
      );
    this.#byCorrelationData = pending();
    this.#byToken = pending();
    const fields = api.operations.flatMap((spec) =>
      spec.correlation?.kind === "payload-field" ? [spec.correlation.field] : [],
    );
    this.#tokenFields = [...new Set(fields)];
  }

  get size(): number {
    return this.#byCorrelationData.size + this.#byToken.size;
  }

  /** Registers a call of `operation` on `clientId` and returns the PUBLISH that makes it. */
  start(
    operation: IndexedOperation,
    clientId: string,
    message: ServerOutboundMessage,
    options: ServerRequestOptions,
    timeoutMs: number,
  ): StartedCall {
    const topic = operation.topic.fill(options.parameters, clientId);
    const context: CallContext = { id: operation.id, operation, clientId };
    const responseTopic = requesterReplyTopic(operation, clientId);
    const correlation = operation.correlation;
    if (correlation.kind === "payload-field") {
      const { payload, token } = withRequestToken(toBuffer(message.payload), correlation.field, newCorrelationToken);
      const response = this.#byToken.add(token, context, timeoutMs, options.signal);
      if (response === undefined) throw new TypeError(`a call with token ${token} is still waiting`);
      const publish = outboundPublish(topic, operation.spec.qos, { ...message, payload }, undefined, responseTopic);
      return { publish, response, fail: (error) => this.#byToken.fail(token, error) };
    }
    let correlationData = randomBytes(CORRELATION_BYTES);
    let response = this.#byCorrelationData.add(correlationData, context, timeoutMs, options.signal);
    while (response === undefined) {
      correlationData = randomBytes(CORRELATION_BYTES);
      response = this.#byCorrelationData.add(correlationData, context, timeoutMs, options.signal);
    }
    const publish = outboundPublish(topic, operation.spec.qos, message, correlationData, responseTopic);
    return { publish, response, fail: (error) => this.#byCorrelationData.fail(correlationData, error) };
  }

  /**
   * Settles the call a reply from `clientId` answers (E24, E25); a reply with an unknown or missing
   * correlation, or from another client, is dropped (O2). `operation` is the operation whose own reply
   * topic the reply arrived on, if any.
   */
  receive(
    clientId: string,
    message: ServerInboundMessage,
    arrivedOn: ArrivedReply["arrivedOn"],
    operation?: IndexedOperation,
  ): void {
    const reply: ArrivedReply = { message, arrivedOn };
    const fits = (context: CallContext | undefined) =>
      context !== undefined &&
      context.clientId === clientId &&
      (operation === undefined || context.operation === operation);
    const correlationData = message.correlationData;
    if (correlationData !== undefined) {
      if (fits(this.#byCorrelationData.contextOf(correlationData)))
        this.#byCorrelationData.resolve(correlationData, reply);
      return;
    }
    const fields = operation?.correlation.kind === "payload-field" ? [operation.correlation.field] : this.#tokenFields;
    for (const field of fields) {
      const token = receivedToken(message.payload, field);
      if (token !== undefined && fits(this.#byToken.contextOf(token))) {
        this.#byToken.resolve(token, reply);
        return;
      }
    }
  }

  /** Fails every call still waiting, e.g. when the client went away. */
  rejectAll(error: Error): void {
    this.#byCorrelationData.rejectAll(error);
    this.#byToken.rejectAll(error);
  }

  /** Success when `judgeReply` says so; a failure rejects with the outcome it carries (reason code 0, a PUBLISH). */
  #response(context: CallContext, { message, arrivedOn }: ArrivedReply): ServerCallResponse {
    const judged = judgeReply(this.#api, context.operation, {
      properties: message,
      payload: message.payload,
      arrivedOn,
    });
    if (!judged.ok) throw new StatusError({ ...judged.outcome, userProperties: message.userProperties });
    const { topic: _topic, qos: _qos, correlationData: _correlationData, ...response } = message;
    const status = isSuccessWithStatus(this.#api, judged.outcome) ? judged.outcome.status : undefined;
    return status === undefined ? response : { ...response, status };
  }
}
