import { describe, expect, it } from "vitest";
import { CLIENT_REQUEST_ERRORS } from "../../src/runtime/client/outgoing.js";
import { PendingRequests } from "../../src/runtime/pending-requests.js";
import { RequestAbortedError, RequestTimeoutError } from "../../src/runtime/client/errors.js";
import { delay } from "./harness.js";

const operation = { id: "get-twin" };
const pendingRequests = () =>
  new PendingRequests<string, string, typeof operation>(
    (response, context) => `${context.id}: ${response}`,
    CLIENT_REQUEST_ERRORS,
  );

describe("PendingRequests (docs/protocol.md#interactions, #correlation-data)", () => {
  it("registers nothing for Correlation Data still waiting, and takes it again once settled", async () => {
    const pending = pendingRequests();
    const first = pending.add(Buffer.from([1, 2]), operation, 1000);
    expect(pending.add(Uint8Array.of(1, 2), operation, 1000)).toBeUndefined();
    expect(pending.resolve(Buffer.from([1, 2]), "ok")).toBe(true);
    await expect(first).resolves.toBe("get-twin: ok");
    const again = pending.add(Buffer.from([1, 2]), operation, 1000);
    expect(again).toBeDefined();
    pending.rejectAll(new Error("closed"));
    await expect(again).rejects.toThrow("closed");
    expect(pending.size).toBe(0);
  });

  it("times out each request after its own timeoutMs; a settled one never times out, a late response is dropped", async () => {
    const pending = pendingRequests();
    const settled: string[] = [];
    const track = (name: string, promise: Promise<string> | undefined) =>
      promise?.then(
        () => settled.push(`${name} resolved`),
        (error: Error) => settled.push(`${name} ${error instanceof RequestTimeoutError ? "timed out" : error.message}`),
      );
    const slow = track("slow", pending.add(Buffer.from([3]), operation, 80));
    const fast = track("fast", pending.add(Buffer.from([2]), operation, 20));
    const answered = track("answered", pending.add(Buffer.from([1]), operation, 10));
    pending.resolve(Buffer.from([1]), "ok");
    await Promise.all([slow, fast, answered]);
    expect(settled).toEqual(["answered resolved", "fast timed out", "slow timed out"]);
    expect(pending.resolve(Buffer.from([2]), "late")).toBe(false);
    await delay(20);
    expect(pending.size).toBe(0);
  });

  it("rejects with RequestAbortedError when the signal aborts, and at once when it already has", async () => {
    const pending = pendingRequests();
    const controller = new AbortController();
    const waiting = pending.add(Buffer.from([1]), operation, 1000, controller.signal);
    controller.abort("gave up");
    await expect(waiting).rejects.toBeInstanceOf(RequestAbortedError);
    await expect(pending.add(Buffer.from([2]), operation, 1000, AbortSignal.abort())).rejects.toBeInstanceOf(
      RequestAbortedError,
    );
    expect(pending.size).toBe(0);
  });
});
