/**
 * An operation's own reply topic without a client-id level: a `+` there would also match other clients'
 * replies, so the client subscribes to each concrete reply topic before the first request that needs it,
 * once, and keeps it; the reply's status property (integer format) carries failures.
 */
import { describe, expect, it } from "vitest";
import { defineApi, DeviceClient, type ApiTable } from "../../src/runtime/index.js";
import { ScriptedServer } from "../support/scripted-server.js";
import { onCleanup } from "./support.js";

const jobsApi: ApiTable = defineApi({
  title: "Jobs",
  apiVersion: "1",
  dialect: {
    name: "mqtt5",
    replies: { kind: "requester-topic", prefix: "clients/{clientId}/replies" },
    correlation: { kind: "correlation-data" },
    outcome: { statusProperty: { name: "status", format: "integer" } },
    statusFormat: "integer",
    undeclaredProperties: "accept",
    runtimeStatuses: {},
  },
  connection: { authentication: [{ kind: "none" }], userProperties: [] },
  statuses: { "409": { reasonCode: 0x83, statusClass: "client-error", retryable: false } },
  operations: [
    {
      id: "run-job",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 0,
      topic: "jobs/{job}/run",
      parameters: [{ name: "job", type: "u32", scope: "free" }],
      request: { properties: [], payload: "bytes" },
      success: { properties: [], payload: "bytes" },
      reply: { kind: "topic", topic: "jobs/{job}/result" },
    },
  ],
});

describe("an operation's own reply topic without a client-id level", () => {
  it("is subscribed to before the first request for it, once, and carries the reply or its failure", async () => {
    const server = await ScriptedServer.start();
    onCleanup(() => server.close());
    server.script = (packet, connection) => {
      if (packet.cmd !== "publish") return;
      const job = packet.topic.split("/")[1];
      const failed = job === "9";
      connection.send({
        cmd: "publish",
        topic: `jobs/${job}/result`,
        qos: 0,
        dup: false,
        retain: false,
        payload: Buffer.from(failed ? "" : `done ${job}`),
        properties: {
          correlationData: packet.properties?.correlationData as Buffer,
          ...(failed && { userProperties: { status: "0409" } }),
        },
      });
    };
    const client = new DeviceClient({
      api: jobsApi,
      url: server.url,
      clientId: "worker-1",
      credentials: { method: "none" },
    });
    onCleanup(() => client.close());
    await client.connect();
    expect(server.packets("subscribe")).toEqual([]);
    const first = await client.request("run-job", { parameters: { job: 7 } });
    const again = await client.request("run-job", { parameters: { job: 7 } });
    const other = await client.request("run-job", { parameters: { job: 8 } });
    expect([first, again, other].map((response) => response.payload.toString())).toEqual([
      "done 7",
      "done 7",
      "done 8",
    ]);
    const order = server.received.map(({ packet }) =>
      packet.cmd === "subscribe"
        ? `subscribe ${packet.subscriptions[0]?.topic}`
        : packet.cmd === "publish"
          ? `publish ${packet.topic}`
          : packet.cmd,
    );
    expect(order.filter((entry) => entry !== "connect")).toEqual([
      "subscribe jobs/7/result",
      "publish jobs/7/run",
      "publish jobs/7/run",
      "subscribe jobs/8/result",
      "publish jobs/8/run",
    ]);
    await expect(client.request("run-job", { parameters: { job: 9 } })).rejects.toMatchObject({ status: "409" });
  });
});
