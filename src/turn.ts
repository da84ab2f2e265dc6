/**
 * The end of an event-loop turn, when output goes out. Work queued during a
 * turn (a burst of publications, the replies of a command batch) is written
 * from one shared setImmediate, in two phases: first every channel's batch of
 * publications is handed to its subscribers (each subscriber takes a whole
 * batch at once, see hub.ts), then every connection with queued bytes writes
 * them as one frame (client/writer.ts). One timer per turn for the whole
 * process, not one per connection or channel.
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

function endTurn(): void {
  scheduled = false;
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
  if (scheduled) return;
  scheduled = true;
  setImmediate(endTurn);
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
