/**
 * The end of an event-loop turn, when output goes out. Work queued during a
 * turn (a burst of publications, the replies of a command batch) is written
 * from one shared setImmediate, in two phases: first every channel's batch of
 * publications is handed to its subscribers (each subscriber takes a whole
 * batch at once, see hub.ts), then every connection with queued bytes writes
 * them as one frame (client/writer.ts). One timer per turn for the whole
 * process, not one per connection or channel.
 *
 * A turn can be long: in a reconnect storm one poll phase works through
 * thousands of ready sockets before any setImmediate runs, and everything
 * queued meanwhile (a bystander's reply, a live publication) would wait for
 * all of it. So a turn that has gone on for MAX_TURN_MS ends early, in a
 * microtask after the callback that noticed, and then again every
 * MAX_TURN_MS: nothing waits much longer than that for the end of its turn.
 */

/** A channel's publications of this turn, handed to its subscribers at the end of the turn. */
export interface Settleable {
  settle(): void;
}

/** A connection's queue, written at the end of the turn. */
export interface Flushable {
  flush(): void;
}

const settles: Settleable[] = [];
// Two sets used in turn, so a turn's writers are iterated without copying them into an array.
let flushes = new Set<Flushable>();
let spare = new Set<Flushable>();
let scheduled = false;
/** When the turn began (its first request), or last ended early. */
let startedAt = 0;
let requests = 0;
let endingEarly = false;
const MAX_TURN_MS = 10;
/** The clock is read on every this many requests of a turn, not on each. */
const CHECK_EVERY = 32;

function onImmediate(): void {
  scheduled = false;
  endTurn();
}

function endEarly(): void {
  endingEarly = false;
  startedAt = performance.now();
  endTurn();
}

function endTurn(): void {
  // A settle may queue more (a gap found in a batch unsubscribes, which settles that channel's batch): index loop.
  for (let i = 0; i < settles.length; i++) settles[i]!.settle();
  settles.length = 0;
  const current = flushes;
  flushes = spare;
  spare = current;
  for (const f of current) f.flush();
  current.clear();
}

function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    startedAt = performance.now();
    requests = 0;
    setImmediate(onImmediate);
    return;
  }
  if (++requests % CHECK_EVERY !== 0 || endingEarly || performance.now() - startedAt < MAX_TURN_MS) return;
  endingEarly = true;
  queueMicrotask(endEarly);
}

/** Settles `s` at the end of this turn, before any writer is flushed. */
export function settleAtTurnEnd(s: Settleable): void {
  settles.push(s);
  schedule();
}

/** Flushes `f` at the end of this turn (once, however often it is asked). */
export function flushAtTurnEnd(f: Flushable): void {
  flushes.add(f);
  schedule();
}
