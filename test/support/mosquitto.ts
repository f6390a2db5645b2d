/**
 * Mosquitto for end-to-end tests (the broker itself is in mosquitto-broker.js, shared with the benchmark).
 * `mosquittoSkipReason` says why the tests cannot run; with `MQTTGEN_REQUIRE_SYSTEM_TOOLS=1` a missing binary
 * is a failure instead of a skip.
 */
import { MOSQUITTO, MOSQUITTO_PASSWD } from "./mosquitto-broker.js";
import { systemToolSkipReason } from "./system-tools.js";

export { MOSQUITTO, startMosquitto, type Mosquitto, type MosquittoOptions } from "./mosquitto-broker.js";

/** Why Mosquitto tests skip, or `undefined` when they run. Throws when system tools are required. */
export function mosquittoSkipReason(): string | undefined {
  return systemToolSkipReason([MOSQUITTO], "mosquitto");
}

/** The same for tests whose broker has a password file, written with `mosquitto_passwd`. */
export function mosquittoWithUsersSkipReason(): string | undefined {
  return systemToolSkipReason([MOSQUITTO, MOSQUITTO_PASSWD], "mosquitto");
}
