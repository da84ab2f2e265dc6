/**
 * The timer wheel every connection of this process shares for its pings, pong
 * deadlines, stale check and token expiries (see timer-wheel.ts). Those
 * settings are seconds (25 s pings, 8 s pong timeouts, 10 s stale checks by
 * default): a quarter of a second late is within what any of them promises.
 */
import { TimerWheel } from '../timer-wheel';

export const connectionTimers = new TimerWheel({ tickMs: 250, slots: 512 });
