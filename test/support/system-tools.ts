/**
 * Tests that need a program from Debian (Mosquitto, mosquitto-clients, Chromium, OpenSSL) skip with a
 * visible reason where it is missing, and fail instead under `MQTTGEN_REQUIRE_SYSTEM_TOOLS=1`, as CI sets.
 */
import { existsSync } from "node:fs";

/** Why tests needing `paths` cannot run (`undefined` when they can); throws when system tools are required. */
export function systemToolSkipReason(paths: readonly string[], debianPackage: string): string | undefined {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length === 0) return undefined;
  const reason = `${missing.join(", ")} not found (apt-get install ${debianPackage})`;
  if (process.env.MQTTGEN_REQUIRE_SYSTEM_TOOLS === "1") throw new Error(`MQTTGEN_REQUIRE_SYSTEM_TOOLS=1: ${reason}`);
  console.warn(`skipping: ${reason}`);
  return reason;
}
