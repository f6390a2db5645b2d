/**
 * Timers that do not keep Node's event loop alive. In a browser a timer is a number without `unref`, and
 * nothing needs it: the page stays open either way.
 */
export function unreferencedTimeout(callback: () => void, delayMs: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, delayMs);
  if (typeof timer === "object") timer.unref();
  return timer;
}
