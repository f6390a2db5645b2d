/**
 * When to re-authenticate a SAS connection (docs/protocol.md#re-authentication): once 80 % of the token's lifetime has
 * passed since it was signed. The timer checks the clock when it fires and re-arms if the clock has not
 * reached the deadline yet, so an injected clock decides, not the timer alone.
 */
import { unreferencedTimeout } from "../timers.js";
import { sasLifetimeMs, type SasCredentials } from "./credentials.js";

/** Re-authenticate once this share of the SAS lifetime has passed (O7). */
const REAUTHENTICATE_AT = 0.8;
/** Node timers overflow above 2^31 - 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ReauthenticationTimer {
  readonly #now: () => number;
  readonly #reauthenticate: () => void;
  #timer: NodeJS.Timeout | undefined;
  #deadline = 0;

  constructor(now: () => number, reauthenticate: () => void) {
    this.#now = now;
    this.#reauthenticate = reauthenticate;
  }

  /** Arms the timer for 80 % of the lifetime after `signedAt`, replacing any earlier one. */
  schedule(credentials: SasCredentials, signedAt: number): void {
    this.#deadline = signedAt + sasLifetimeMs(credentials) * REAUTHENTICATE_AT;
    this.#arm();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    this.stop();
    const delay = Math.min(Math.max(this.#deadline - this.#now(), 0), MAX_TIMER_MS);
    this.#timer = unreferencedTimeout(() => {
      this.#timer = undefined;
      if (this.#now() >= this.#deadline) this.#reauthenticate();
      else this.#arm();
    }, delay);
  }
}
