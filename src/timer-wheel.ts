/**
 * A hashed timing wheel: one wake-up per tick and process drives every connection's
 * timers (pings, pong deadlines, the stale check, token expiries).
 *
 * A Node timer per connection and purpose cost about 270 bytes each (the
 * Timeout, its closure and boxed numbers) and a new Timeout for every ping,
 * and the random first-ping delays gave timers a list per distinct duration.
 * Here a timer is a small object that stays with its owner and is moved
 * between slots: scheduling and cancelling are O(1) list operations, and a
 * tick touches only the slot that comes due.
 *
 * Time is counted in ticks of a monotonic clock. A timer fires at the first
 * tick boundary at or after its deadline: never early, at most one tick late.
 * The wheel wakes at each boundary rather than on a free-running interval:
 * an interval's phase drifts against the boundaries, so a periodic timer
 * would fire anywhere from on time to a whole tick late, and two pings could
 * come up to a tick closer together than their period.
 * Deadlines further away than one turn of the wheel stay in their slot and
 * are passed over until their tick comes, so any delay works (setTimeout
 * keeps at most 2^31 - 1 ms, about 24.8 days, and fires a longer delay at once).
 */

/** What a timer calls when it fires: one shared function for all timers of a kind, given the timer's owner. */
export type TimerCallback<T> = (owner: T) => void;

/** What the wheel holds, whatever the timer's owner: its links (the wheel's to change) and what firing runs. */
export interface WheelEntry {
  next: WheelEntry | null;
  prev: WheelEntry | null;
  /** The slot holding it; -1 while not scheduled. */
  slot: number;
  /** The tick it fires at (or fired at, once it has). */
  tick: number;
  readonly scheduled: boolean;
  run(): void;
}

export class WheelTimer<T> implements WheelEntry {
  /** Neighbours in the slot's list while scheduled. */
  next: WheelEntry | null = null;
  prev: WheelEntry | null = null;
  slot = -1;
  tick = 0;

  constructor(
    readonly owner: T,
    readonly fire: TimerCallback<T>,
  ) {}

  get scheduled(): boolean {
    return this.slot >= 0;
  }

  run(): void {
    this.fire(this.owner);
  }
}

export interface TimerWheelOptions {
  /** Resolution in milliseconds: how late a timer may fire. */
  tickMs?: number;
  /** Slots in one turn of the wheel (a power of two). */
  slots?: number;
  /** The clock, in milliseconds; monotonic by default. Tests pass their own and call advance(). */
  now?: () => number;
}

export class TimerWheel {
  readonly tickMs: number;
  private readonly heads: (WheelEntry | null)[];
  private readonly mask: number;
  private readonly clock: () => number;
  /** The last tick whose slot has been handled. */
  private cursor = 0;
  private count = 0;
  /** The wake-up at the next tick boundary, while any timer is scheduled. */
  private wakeup: NodeJS.Timeout | null = null;
  private readonly onTick = (): void => {
    this.wakeup = null;
    this.advance();
    // A callback may have emptied the wheel (sleep) or refilled it from empty (wake, which armed it again).
    if (!this.wakeup && this.count > 0) this.arm();
  };
  /** The timer a slot walk visits next; cancelling it moves the walk on, so callbacks may cancel anything. */
  private walkNext: WheelEntry | null = null;

  constructor(opts: TimerWheelOptions = {}) {
    this.tickMs = opts.tickMs ?? 250;
    const slots = opts.slots ?? 512;
    if (!Number.isInteger(Math.log2(slots))) throw new Error('timer wheel slots must be a power of two');
    this.heads = new Array<WheelEntry | null>(slots).fill(null);
    this.mask = slots - 1;
    this.clock = opts.now ?? (() => performance.now());
  }

  /** Timers scheduled now. */
  get size(): number {
    return this.count;
  }

  /** Fires `timer` `delayMs` from now (at the first tick at or after it). A scheduled timer is moved. */
  schedule(timer: WheelEntry, delayMs: number): void {
    this.cancel(timer);
    this.wake();
    this.insert(timer, Math.ceil((this.clock() + Math.max(0, delayMs)) / this.tickMs));
  }

  /**
   * Schedules a timer that has just fired `periodMs` after the tick it was due at, so a periodic timer keeps
   * its cadence instead of slipping by up to a tick each round. Fires at the next tick when that is past.
   */
  repeat(timer: WheelEntry, periodMs: number): void {
    this.cancel(timer);
    this.wake();
    this.insert(timer, timer.tick + Math.ceil(periodMs / this.tickMs));
  }

  cancel(timer: WheelEntry): void {
    if (timer.slot < 0) return;
    if (this.walkNext === timer) this.walkNext = timer.next;
    if (timer.prev) timer.prev.next = timer.next;
    else this.heads[timer.slot] = timer.next;
    if (timer.next) timer.next.prev = timer.prev;
    timer.next = timer.prev = null;
    timer.slot = -1;
    if (--this.count === 0) this.sleep();
  }

  /** Fires every timer whose tick has come. The wheel calls it at each tick boundary; tests with their own clock call it themselves. */
  advance(): void {
    const target = Math.floor(this.clock() / this.tickMs);
    if (target <= this.cursor) return;
    // After a stall longer than a turn every slot is due once; no slot needs walking twice.
    const from = Math.max(this.cursor + 1, target - this.mask);
    for (let tick = from; tick <= target; tick++) {
      this.cursor = tick;
      this.walk(tick & this.mask, target);
    }
    this.cursor = target;
  }

  private walk(slot: number, upTo: number): void {
    let timer = this.heads[slot] ?? null;
    while (timer) {
      this.walkNext = timer.next;
      if (timer.tick <= upTo) {
        this.cancel(timer);
        try {
          timer.run();
        } catch (err) {
          // Surfaces as an uncaught exception, as from a setTimeout callback, without leaving the walk half done.
          process.nextTick(() => {
            throw err;
          });
        }
      }
      timer = this.walkNext;
    }
    this.walkNext = null;
  }

  private insert(timer: WheelEntry, tick: number): void {
    // Never into a slot already handled: the earliest is the next tick.
    if (tick <= this.cursor) tick = this.cursor + 1;
    const slot = tick & this.mask;
    timer.tick = tick;
    timer.slot = slot;
    timer.prev = null;
    timer.next = this.heads[slot] ?? null;
    if (timer.next) timer.next.prev = timer;
    this.heads[slot] = timer;
    this.count++;
  }

  /** Arms the wake-up for the first timer; the cursor restarts from now, since nothing was waiting. */
  private wake(): void {
    if (this.wakeup || this.count > 0) return;
    this.cursor = Math.floor(this.clock() / this.tickMs);
    this.arm();
  }

  /**
   * Wakes just after the next tick boundary. A timeout may fire a little before the boundary by this clock
   * (timers count from the loop's cached time); advance() then finds nothing due and the wheel re-arms.
   */
  private arm(): void {
    const now = this.clock();
    const boundary = (Math.floor(now / this.tickMs) + 1) * this.tickMs;
    this.wakeup = setTimeout(this.onTick, Math.max(1, Math.ceil(boundary - now)));
    // Connections keep a server alive, not their timers.
    this.wakeup.unref();
  }

  private sleep(): void {
    if (!this.wakeup) return;
    clearTimeout(this.wakeup);
    this.wakeup = null;
  }
}
