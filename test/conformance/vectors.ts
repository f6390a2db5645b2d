/**
 * The mosquitto conformance vectors in `mosquitto-vectors/` (SOURCE.md there gives their origin, licence
 * and format), read as typed cases. A case is MQTT 5 when its group is a `v5.0` group: 1,188 of them say
 * `"ver": 5` and 22 (CONNECT cases that send their own MQTT 5 CONNECT) say nothing, as mosquitto's runner
 * allows; the counts (1,106 must disconnect, 96 must stay up, 8 need a helper) include them.
 */
import { readFileSync, readdirSync } from "node:fs";

export type VectorMessage =
  | { readonly type: "send"; readonly bytes: Buffer }
  | { readonly type: "recv"; readonly bytes: Buffer }
  /** Needs a second client publishing through a broker; such cases are skipped. */
  | { readonly type: "publish" };

export interface VectorCase {
  /** `<group> / <name>`, with the group's runs of spaces folded: the deviations table's key. */
  readonly key: string;
  readonly group: string;
  readonly name: string;
  /** False when the case sends its own first packet instead of the runner's CONNECT. */
  readonly connect: boolean;
  readonly expectDisconnect: boolean;
  readonly messages: readonly VectorMessage[];
}

interface RawTest {
  readonly name: string;
  readonly ver?: number;
  readonly connect?: boolean;
  readonly expect_disconnect?: boolean;
  readonly msgs: readonly { readonly type: string; readonly payload?: string }[];
}

const DIRECTORY = new URL("./mosquitto-vectors/", import.meta.url);

/** Every MQTT 5 case of every vector file, in file order. */
export function mqtt5Cases(): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const file of readdirSync(DIRECTORY)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const groups = JSON.parse(readFileSync(new URL(file, DIRECTORY), "utf8")) as {
      group: string;
      tests: RawTest[];
    }[];
    for (const { group: rawGroup, tests } of groups) {
      if (!rawGroup.startsWith("v5.0")) continue;
      const group = rawGroup.replace(/\s+/g, " ");
      for (const test of tests) {
        if (test.ver !== undefined && test.ver !== 5) continue;
        cases.push({
          key: `${group} / ${test.name}`,
          group,
          name: test.name,
          connect: test.connect ?? true,
          expectDisconnect: test.expect_disconnect ?? true,
          messages: test.msgs.map(message),
        });
      }
    }
  }
  return cases;
}

function message(raw: RawTest["msgs"][number]): VectorMessage {
  if (raw.type === "publish") return { type: "publish" };
  if (raw.type !== "send" && raw.type !== "recv") throw new Error(`unknown vector message type ${raw.type}`);
  return { type: raw.type, bytes: Buffer.from((raw.payload ?? "").replace(/\s+/g, ""), "hex") };
}

/** The reason code a must-disconnect case names: that of the DISCONNECT or failing CONNACK it last expects. */
export function namedReasonCode(vector: VectorCase): number | undefined {
  const last = vector.messages.filter((message) => message.type === "recv").at(-1);
  if (last?.type !== "recv") return undefined;
  const type = (last.bytes[0] as number) >> 4;
  if (type === 14) return last.bytes[1] === 0 ? 0 : last.bytes[2];
  if (type === 2) return last.bytes[3];
  return undefined;
}
