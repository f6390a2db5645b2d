/**
 * The diff reads each spec's dialect from its model: what a server does with undeclared properties and
 * whether CONNECT states the api-version follow the spec, not an assumption about IoT Hub.
 */
import { describe, expect, it } from "vitest";
import { dialectOf } from "../../src/diff/dialect.js";
import { diffTexts, edit, LOCK_API, parseValid } from "./support.js";

/** The lock API in the standard MQTT 5 dialect: undeclared properties accepted, nothing in CONNECT. */
const LOCK_API_MQTT5 = edit(
  LOCK_API,
  ["dialect:\n  base: iothub\n  replies:\n    sharedTopic: $lock/responses\n", "dialect:\n  base: mqtt5\n  statusFormat: hex16\n  outcome:\n    statusProperty: status\n"],
  ["topic: $lock/state/get", "topic: $lock/{clientId}/state/get"],
);

describe("dialectOf", () => {
  it("reads IoT Hub's conventions from a spec in the iothub dialect", async () => {
    expect(dialectOf(await parseValid(LOCK_API, "lock.yaml"))).toEqual({
      name: "iothub",
      serverRefusesUndeclaredProperties: true,
      clientRefusesUndeclaredProperties: false,
      connectStatesApiVersion: true,
    });
  });

  it("reads the standard MQTT 5 dialect's from a spec in it", async () => {
    expect(dialectOf(await parseValid(LOCK_API_MQTT5, "lock.yaml"))).toEqual({
      name: "mqtt5",
      serverRefusesUndeclaredProperties: false,
      clientRefusesUndeclaredProperties: false,
      connectStatesApiVersion: false,
    });
  });
});

describe("a diff of two specs in the mqtt5 dialect", () => {
  it("judges a new api-version as behaviour only: CONNECT does not state it", async () => {
    const changes = await diffTexts(LOCK_API_MQTT5, edit(LOCK_API_MQTT5, ["apiVersion: 2024-01-01", "apiVersion: 2024-06-01"]));
    expect(changes.map((change) => [change.rule, change.severity])).toEqual([["api-version-changed", "info"]]);
  });

  it("judges a removed uplink property as tolerated: the server accepts undeclared properties", async () => {
    const changes = await diffTexts(
      LOCK_API_MQTT5,
      edit(LOCK_API_MQTT5, ["        - name: if-version\n          type: u64\n", ""], ["apiVersion: 2024-01-01", "apiVersion: 2024-06-01"]),
    );
    expect(changes.map((change) => change.rule)).toContain("uplink-property-removed-tolerated");
    expect(changes.map((change) => change.rule)).not.toContain("uplink-property-removed");
  });
});
