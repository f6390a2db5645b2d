/**
 * Mosquitto for end-to-end tests (the broker itself is in mosquitto-broker.js, shared with the benchmark).
 * `mosquittoSkipReason` says why the tests cannot run; with `MQTTGEN_REQUIRE_SYSTEM_TOOLS=1` a missing binary
 * is a failure instead of a skip.
 */
import { MOSQUITTO } from "./mosquitto-broker.js";
import { systemToolSkipReason } from "./system-tools.js";

export { MOSQUITTO, startMosquitto, type Mosquitto } from "./mosquitto-broker.js";

/** Why Mosquitto tests skip, or `undefined` when they run. Throws when system tools are required. */
export function mosquittoSkipReason(): string | undefined {
  return systemToolSkipReason([MOSQUITTO], "mosquitto");
}
