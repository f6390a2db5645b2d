/**
 * A worker of a group needs shared subscriptions: against a server whose CONNACK says Shared Subscription
 * Available = 0 (the runtime's own embedded endpoint says so), start fails with a typed error naming the
 * broker's answer.
 */
import { describe, expect, it } from "vitest";
import {
  acceptConnection,
  createWorker,
  SharedSubscriptionsUnavailableError,
  type ServerHandler,
} from "../../src/runtime/index.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { quietLogger, startEndpoint } from "../runtime-dialects/support.js";

const handlers: Record<string, ServerHandler> = {
  "get-lock-state": () => ({ payload: '{"locked":true,"battery":1}' }),
  "set-access-code": () => ({ userProperties: { "code-version": "1" } }),
  "report-event": () => undefined,
};

describe("a worker group on a server without shared subscriptions", () => {
  it("fails to start with SharedSubscriptionsUnavailableError, naming the CONNACK", async () => {
    const { url } = await startEndpoint(lockFleetApi, { handlers, authenticate: () => acceptConnection() });
    const started = createWorker({
      api: lockFleetApi,
      handlers,
      broker: { url, clientId: "worker-1", username: "svc", password: "pw" },
      group: "locks",
      logger: quietLogger,
    });
    await expect(started).rejects.toBeInstanceOf(SharedSubscriptionsUnavailableError);
    await expect(started).rejects.toMatchObject({
      group: "locks",
      brokerAnswer: "CONNACK with Shared Subscription Available = 0",
      message: expect.stringContaining(`the broker at ${url} answered CONNACK with Shared Subscription Available = 0`),
    });
  });
});
