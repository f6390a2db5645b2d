/** defineApi: what a table must satisfy before the runtime reads it, one broken table per rule. */
import { describe, expect, it } from "vitest";
import { ApiTableError, defineApi, type ApiTable, type OperationSpec } from "../../src/runtime/index.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/** A copy of the lock API (validators dropped: structuredClone cannot copy functions) to break one thing in. */
function lockTable(): Mutable<ApiTable> {
  const operations = lockFleetApi.operations.map((operation) => ({
    ...operation,
    request: { ...operation.request, validate: undefined },
    ...(operation.success !== undefined && { success: { ...operation.success, validate: undefined } }),
  }));
  return structuredClone({ ...lockFleetApi, operations }) as Mutable<ApiTable>;
}

/** The problems defineApi reports, one per line of its ApiTableError. */
function problemsOf(table: ApiTable): readonly string[] {
  try {
    defineApi(table);
  } catch (error) {
    if (error instanceof ApiTableError) return error.problems;
    throw error;
  }
  return [];
}

const operation = (table: Mutable<ApiTable>, id: string) =>
  table.operations.find((candidate) => candidate.id === id) as Mutable<OperationSpec>;

const cases: readonly {
  readonly name: string;
  readonly breakIt: (table: Mutable<ApiTable>) => void;
  readonly want: string;
}[] = [
  {
    name: "a wildcard in a topic a side publishes to",
    breakIt: (t) => void (operation(t, "report-event").topic = "clients/{clientId}/events/+"),
    want: 'report-event: the topic clients/{clientId}/events/+ has a wildcard or brace in level "+"',
  },
  {
    name: "parameters that do not match the topic",
    breakIt: (t) => void (operation(t, "report-event").parameters = []),
    want: "report-event: parameters [] do not match the topic's [clientId]",
  },
  {
    name: "a reply topic parameter nothing fills",
    breakIt: (t) =>
      void (operation(t, "get-lock-state").reply = { kind: "topic", topic: "clients/{clientId}/answers/{door}" }),
    want: "get-lock-state: the reply topic clients/{clientId}/answers/{door} has {door}, which nothing fills",
  },
  {
    name: "a requester prefix without the client id",
    breakIt: (t) => void (t.dialect.replies = { kind: "requester-topic", prefix: "replies" }),
    want: "the requester reply prefix replies has no {clientId} level",
  },
  {
    name: "a wildcard in the shared reply topic",
    breakIt: (t) => void (t.dialect.replies = { kind: "shared-topic", topic: "replies/#" }),
    want: 'the shared reply topic replies/# has a wildcard or brace in level "#"',
  },
  {
    name: "a runtime status the catalog lacks",
    breakIt: (t) => void (t.dialect.runtimeStatuses.targetTimeout = "timeout"),
    want: "runtime status targetTimeout names timeout, which the catalog lacks",
  },
  {
    name: "a runtime status of class success",
    breakIt: (t) => void (t.dialect.runtimeStatuses.badRequest = "code-kept"),
    want: "runtime status badRequest names success status code-kept",
  },
  {
    name: "a status not written in the dialect's format",
    breakIt: (t) => {
      t.dialect.statusFormat = "integer";
      t.dialect.runtimeStatuses = {};
    },
    want: 'status "bad-request" is not written as integer',
  },
  {
    name: "a request-response operation whose replies cannot carry a failure",
    breakIt: (t) => void (t.dialect.outcome = {}),
    want: "get-lock-state: its replies cannot carry a failure: no status property, no failure payload",
  },
  {
    name: "payload-field correlation on a request without JSON",
    breakIt: (t) => void (operation(t, "get-lock-state").correlation = { kind: "payload-field", field: "token" }),
    want: "get-lock-state: payload-field correlation needs JSON requests and replies",
  },
  {
    name: "a declared Response Topic where the runtime sets it",
    breakIt: (t) =>
      void operation(t, "get-lock-state").request.properties.push({
        key: "replyTo",
        name: "Response Topic",
        type: "string",
        required: false,
        kind: "first-class",
        mqttField: "responseTopic",
      }),
    want: "get-lock-state: declares Response Topic, which the runtime sets on every request of this dialect",
  },
  {
    name: "a subscription on a client-to-server operation",
    breakIt: (t) => void (operation(t, "report-event").subscription = { qos: 1 }),
    want: "report-event: a subscription is declared exactly for server-to-client operations",
  },
  {
    name: "an accepted/rejected reply without a failure payload",
    breakIt: (t) =>
      void (operation(t, "get-lock-state").reply = {
        kind: "accepted-rejected",
        accepted: "clients/{clientId}/ok",
        rejected: "clients/{clientId}/no",
      }),
    want: "get-lock-state: an accepted/rejected reply needs a failure payload",
  },
  {
    name: "two operations with one id",
    breakIt: (t) => void (operation(t, "unlock").id = "report-event"),
    want: "operation id report-event appears twice",
  },
];

describe("defineApi", () => {
  it.each(cases)("refuses $name", ({ breakIt, want }) => {
    const table = lockTable();
    breakIt(table);
    expect(problemsOf(table)).toContain(want);
  });

  it("accepts the lock API's generated table and freezes it all the way down, validators excepted", () => {
    expect(problemsOf(lockTable())).toEqual([]);
    const table = defineApi(lockTable());
    expect(Object.isFrozen(table.operations[0]?.parameters[1])).toBe(true);
    expect(Object.isFrozen(table.dialect.runtimeStatuses)).toBe(true);
    const validate = lockFleetApi.operations[0]?.success?.validate;
    expect(validate).toBeTypeOf("function");
    expect(Object.isFrozen(validate)).toBe(false);
  });
});
