/**
 * Timers for expiries that may be weeks away. setTimeout keeps at most
 * 2^31 - 1 ms (about 24.8 days) and fires a longer delay after 1 ms: a
 * refresh proxy answering an expire_at a month ahead was asked again at once,
 * over and over, and a token valid for a month was never checked again.
 */

/** The longest delay setTimeout keeps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `fire` at `atMs` (unix ms). Further away than setTimeout can wait, it
 * calls `rearm` when it can wait no longer, which sets the timer again.
 */
export function timerAt(atMs: number, fire: () => void, rearm: () => void): NodeJS.Timeout {
  const delay = Math.max(0, atMs - Date.now());
  return delay > MAX_TIMER_MS ? setTimeout(rearm, MAX_TIMER_MS) : setTimeout(fire, delay);
}
