/** Outcomes as a dialect carries them: status, reason and trace properties, or the MQTT 5 Reason String. */
import { describe, expect, it } from "vitest";
import type { DialectSpec } from "../../src/runtime/index.js";
import { outcomeProperties, readOutcome } from "../../src/runtime/dialect/outcome.js";
import { awsIotShadowApi } from "../../generated/aws-iot-shadow/api.js";

const iothubLike: DialectSpec = {
  ...awsIotShadowApi.dialect,
  outcome: { statusProperty: { name: "status", format: "hex16" }, reasonProperty: "reason", traceProperty: "trace-id" },
  statusFormat: "hex16",
};
const bare = awsIotShadowApi.dialect;
const failure = { reasonCode: 0x83, status: "0100", reason: "bad", traceId: "t-1" };

describe("dialect outcomes", () => {
  it("writes status, reason and trace id as the dialect's user properties, in that order", () => {
    const properties = outcomeProperties(iothubLike, failure, true);
    expect(properties).toEqual({ userProperties: { status: "0100", reason: "bad", "trace-id": "t-1" } });
    expect(Object.keys(properties?.userProperties ?? {})).toEqual(["status", "reason", "trace-id"]);
    expect(readOutcome(iothubLike, 0x83, { status: "100", reason: "bad", "trace-id": "t-1" })).toEqual({
      reasonCode: 0x83,
      status: "0100",
      reason: "bad",
      traceId: "t-1",
      userProperties: { status: "100", reason: "bad", "trace-id": "t-1" },
    });
  });

  it("without a reason property, carries the reason as the Reason String where the packet has one, and no status", () => {
    expect(outcomeProperties(bare, failure, true)).toEqual({ reasonString: "bad" });
    expect(outcomeProperties(bare, failure, false)).toBeUndefined();
    expect(readOutcome(bare, 0x83, { status: "0100" }, "bad")).toEqual({
      reasonCode: 0x83,
      reason: "bad",
      userProperties: { status: "0100" },
    });
  });
});
