/**
 * Headless Chromium for tests of the HTML docs, through playwright-core and the Debian package's binary:
 * tests skip with a visible reason where it is missing and fail under `MQTTGEN_REQUIRE_SYSTEM_TOOLS=1`.
 */
import { chromium, type Browser } from "playwright-core";
import { systemToolSkipReason } from "./system-tools.js";

export const CHROMIUM = "/usr/bin/chromium";

/** Why Chromium tests cannot run here, or undefined when they can. */
export function chromiumSkipReason(): string | undefined {
  return systemToolSkipReason([CHROMIUM], "chromium");
}

/** A headless Chromium that reaches nothing off this machine by itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
