/**
 * Plays every MQTT 5 case of the mosquitto conformance vectors against the endpoint, one fresh loopback
 * connection per case, and holds the result to the goals: nothing crashes; every must-disconnect
 * case is closed, with the reason code it names in at least 98 % of the cases that name one; every
 * must-stay-up case stays up unless a capability the CONNACK announces explains why not. Each case that
 * goes otherwise than its vector says must be listed, with its reason, in the runtime's deviations table,
 * and every entry there must still be needed. `CONFORMANCE_REPORT=<file>` writes every deviating case as
 * JSON, to review a change of behaviour against the table.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MqttServerEndpoint } from "../../src/runtime/index.js";
import { CONFORMANCE_DEVIATIONS } from "../../src/runtime/server/conformance-deviations.js";
import { recordingLogger } from "../runtime-server/fixture.js";
import { conformanceEndpoint } from "./conformance-server.js";
import { playVector, type PlayResult } from "./vector-player.js";
import { mqtt5Cases, namedReasonCode, type VectorCase } from "./vectors.js";

/** Cases played at once; each has its own connection and client id. */
const CONCURRENCY = 16;

interface Outcome {
  readonly vector: VectorCase;
  readonly result: PlayResult;
}

const logger = recordingLogger();
let endpoint: MqttServerEndpoint;
let outcomes: Outcome[] = [];
const cases = mqtt5Cases();
const playable = cases.filter((vector) => !vector.messages.some((message) => message.type === "publish"));

beforeAll(async () => {
  endpoint = conformanceEndpoint(logger);
  const { port } = await endpoint.listen();
  // Cases that send their own CONNECT share client ids ("p"): one at a time, lest one take over another.
  const ownConnect = playable.filter((vector) => !vector.connect);
  const runnerConnect = playable.filter((vector) => vector.connect);
  outcomes = [...(await playAll(port, ownConnect, 1)), ...(await playAll(port, runnerConnect, CONCURRENCY))];
  if (process.env.CONFORMANCE_REPORT !== undefined) writeReport(process.env.CONFORMANCE_REPORT, outcomes);
}, 120_000);

afterAll(() => endpoint.close());

async function playAll(port: number, vectors: readonly VectorCase[], concurrency: number): Promise<Outcome[]> {
  const results: Outcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < vectors.length) {
      const index = next++;
      const vector = vectors[index] as VectorCase;
      results[index] = { vector, result: await playVector(port, vector, `${vector.key} #${index}`) };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

describe("mosquitto MQTT 5 conformance vectors", () => {
  it("plays every MQTT 5 case but those that need a helper client", () => {
    expect(cases.length).toBe(1210);
    expect(cases.length - playable.length).toBe(8);
  });

  it("deviates exactly where the deviations table says, as it says", () => {
    const unexpected = outcomes
      .filter(({ vector, result }) => result.observed !== CONFORMANCE_DEVIATIONS[vector.key]?.observed)
      .map(({ vector, result }) => ({
        case: vector.key,
        observed: result.observed ?? "as the vector says",
        table: CONFORMANCE_DEVIATIONS[vector.key]?.observed ?? "no entry",
      }));
    expect(unexpected).toEqual([]);
    const keys = new Set(playable.map((vector) => vector.key));
    expect(Object.keys(CONFORMANCE_DEVIATIONS).filter((key) => !keys.has(key))).toEqual([]);
  });

  it("meets the goals: no crash, every must-disconnect case closed and 98 % exact, the rest up", async () => {
    const mustDisconnect = outcomes.filter(({ vector }) => vector.expectDisconnect);
    const mustStayUp = outcomes.filter(({ vector }) => !vector.expectDisconnect);
    const closed = mustDisconnect.filter(({ result }) => result.closed);
    const naming = mustDisconnect.filter(({ vector }) => namedReasonCode(vector) !== undefined);
    const exact = naming.filter(({ result }) => result.observed === undefined);
    const held = mustStayUp.filter(({ result }) => !result.closed);
    const deviations = Object.values(CONFORMANCE_DEVIATIONS);
    console.log(
      `conformance vectors: must-disconnect ${closed.length}/${mustDisconnect.length} closed, ` +
        `exact reason code ${exact.length}/${naming.length} (${((100 * exact.length) / naming.length).toFixed(1)} %); ` +
        `must-stay-up ${held.length}/${mustStayUp.length} held; ` +
        `deviations table ${deviations.length} (${countBy(deviations.map((deviation) => deviation.basis))}); ` +
        `${cases.length - playable.length} skipped (helper client)`,
    );
    expect(logger.entries.filter((entry) => entry.level === "error")).toEqual([]);
    expect(closed.length).toBe(mustDisconnect.length);
    expect(exact.length / naming.length).toBeGreaterThanOrEqual(0.98);
    // A must-stay-up case may deviate only because of a capability CONNACK announces, or because nothing
    // is routed between clients; only the former may close it.
    const unexplained = mustStayUp
      .filter(({ result }) => result.observed !== undefined)
      .filter(({ vector, result }) => {
        const basis = CONFORMANCE_DEVIATIONS[vector.key]?.basis;
        return basis !== "announced-capability" && (result.closed || basis !== "no-routing");
      })
      .map(({ vector }) => vector.key);
    expect(unexplained).toEqual([]);
    // The endpoint still serves after the last case.
    const after = await playVector(endpoint.address().port, stillServing, "after the vectors");
    expect(after).toEqual({ observed: undefined, closed: false });
  });
});

/** A QoS 1 PUBLISH answered by its PUBACK, on a connection that stays up. */
const stillServing: VectorCase = {
  key: "after the vectors",
  group: "",
  name: "",
  connect: true,
  expectDisconnect: false,
  messages: [
    { type: "send", bytes: hex("32 11 0005 746F706963 1234 00 7061796C6F6164") },
    { type: "recv", bytes: hex("40 03 1234 10") },
  ],
};

/** Every case that went otherwise than its vector, as JSON: the material for the deviations table. */
function writeReport(path: string, played: readonly Outcome[]): void {
  const deviating = played
    .filter(({ result }) => result.observed !== undefined)
    .map(({ vector, result }) => ({ case: vector.key, mustDisconnect: vector.expectDisconnect, ...result }));
  writeFileSync(path, `${JSON.stringify(deviating, null, 2)}\n`);
}

function hex(text: string): Buffer {
  return Buffer.from(text.replace(/ /g, ""), "hex");
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${count} ${value}`).join(", ");
}
