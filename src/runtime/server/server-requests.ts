/**
 * Server→client request-response calls (direct methods, PROTOCOL.md E23–E25, G36): a QoS 0 PUBLISH on the
 * operation's concrete topic with fresh Correlation Data, answered by the client on the response topic.
 * Failures are `StatusError`s: the client's `status`, `06A0` Target Unavailable when it cannot be reached,
 * `06A1` Target Timeout when it does not answer in time.
 */
import { randomBytes } from "node:crypto";
import { StatusError } from "../errors.js";
import { isSuccessOutcome } from "../status.js";
import { TARGET_TIMEOUT, TARGET_UNAVAILABLE } from "./endpoint-status.js";
import { outboundPublish, receivedOutcome, type ServerInboundMessage, type ServerOutboundMessage } from "./messages.js";
import type { ServerSession } from "./session.js";

/** The client's successful response. `status` is present only for a success-class status such as `0001` (F31). */
export interface ServerCallResponse extends Omit<ServerInboundMessage, "topic" | "qos" | "correlationData"> {
  readonly status?: string;
}

export interface ServerRequestOptions {
  readonly parameters?: Readonly<Record<string, string>>;
  /** Overrides the endpoint's request timeout (ms). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface PendingRequest {
  readonly resolve: (response: ServerCallResponse) => void;
  readonly reject: (error: unknown) => void;
}

/** Correlation Data length: 8 random bytes, within the 16-byte limit (B11, O2). */
const CORRELATION_BYTES = 8;

export function targetUnavailable(reason: string): StatusError {
  return new StatusError({ ...TARGET_UNAVAILABLE, reason });
}

/** Sends the request and waits for the client's response on the response topic. */
export function sendRequest(
  session: ServerSession,
  topic: string,
  message: ServerOutboundMessage,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<ServerCallResponse> {
  return new Promise((resolve, reject) => {
    const connection = session.connection;
    if (connection === undefined || !connection.isOpen) {
      reject(targetUnavailable(`${session.clientId} is not connected`));
      return;
    }
    if (session.grantedQos(topic) === undefined) {
      reject(targetUnavailable(`${session.clientId} is not subscribed to ${topic}`));
      return;
    }
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const correlationData = randomBytes(CORRELATION_BYTES);
    const key = correlationData.toString("hex");
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      session.pendingRequests.delete(key);
    };
    const timer = setTimeout(() => {
      finish();
      reject(
        new StatusError({ ...TARGET_TIMEOUT, reason: `no response from ${session.clientId} within ${timeoutMs} ms` }),
      );
    }, timeoutMs);
    const onAbort = (): void => {
      finish();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    session.pendingRequests.set(key, {
      resolve: (response) => {
        finish();
        resolve(response);
      },
      reject: (error) => {
        finish();
        reject(error);
      },
    });
    if (!connection.send(outboundPublish(topic, 0, message, correlationData))) {
      session.pendingRequests.get(key)?.reject(new Error("request exceeds the client's Maximum Packet Size"));
    }
  });
}

/**
 * Settles the request a client's response answers (E24, E25); a response with unknown or missing
 * Correlation Data is dropped (O2). Success is judged by `isSuccessOutcome` with reason code 0.
 */
export function receiveResponse(session: ServerSession, message: ServerInboundMessage): void {
  if (message.correlationData === undefined) return;
  const pending = session.pendingRequests.get(message.correlationData.toString("hex"));
  if (pending === undefined) return;
  const outcome = receivedOutcome(message.userProperties);
  if (isSuccessOutcome(0, outcome.status)) {
    pending.resolve({
      userProperties: message.userProperties,
      payload: message.payload,
      ...(outcome.status !== undefined && { status: outcome.status }),
      ...(message.contentType !== undefined && { contentType: message.contentType }),
      ...(message.payloadFormatIndicator !== undefined && { payloadFormatIndicator: message.payloadFormatIndicator }),
      ...(message.messageExpiryInterval !== undefined && { messageExpiryInterval: message.messageExpiryInterval }),
    });
    return;
  }
  // A response PUBLISH has no reason code; OutcomeDetails records that as 0.
  pending.reject(new StatusError({ reasonCode: 0, ...outcome, userProperties: message.userProperties }));
}

/** The client went away: every request it had not answered fails with Target Unavailable. */
export function rejectPendingRequests(session: ServerSession, error: Error): void {
  for (const pending of [...session.pendingRequests.values()]) pending.reject(error);
}
