/**
 * Running many API commands from one request (`batch`, the legacy
 * newline-delimited `/api`, `broadcast`) without letting it hold the worker.
 *
 * - The count is bounded (`api.max_batch_size`), before anything runs.
 * - Each reply is handed on as soon as it and those before it are done, so the
 *   HTTP layer can write it out and let it go: a request pins one group of
 *   replies at a time, not all of them.
 * - Between groups the loop yields to the event loop once it has worked for a
 *   few milliseconds: with the memory engine every command completes in
 *   microtasks, and without yielding a long batch would stall every other
 *   connection of the worker until it ended.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { ClientError } from '../errors';

/** Most commands (or broadcast channels) started together. */
export const GROUP_SIZE = 64;
/** Work done between two yields to the event loop. */
const SLICE_MS = 5;

/** A request over `api.max_batch_size`; the HTTP layer answers it with 400 when it is the whole request. */
export class BatchTooLarge extends ClientError {
  constructor(limit: number, what: string) {
    super(107, `bad request: at most ${limit} ${what} per request (api.max_batch_size)`);
  }
}

/** Yields to the event loop when the current slice of work has run long enough. */
export class Yielder {
  private sliceStart = performance.now();

  async maybe(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    await yieldToLoop();
    this.sliceStart = performance.now();
  }
}

/** One command of a request: a method and its params, or why it cannot run. */
export interface BatchItem {
  method: string;
  params: unknown;
  /** Set when the command is malformed: it is answered with this error, in its place. */
  refused?: ClientError;
}

export type Outcome = { ok: true; result: object } | { ok: false; error: unknown };

/**
 * Runs items and hands each outcome to `emit` in item order. In order mode
 * a run of consecutive publishes is started together (up to GROUP_SIZE): they
 * reach the broker in command order, a broker applies them in that order (one
 * pipelined Redis connection), and they share round trips; anything else waits
 * for what is before it. In parallel mode groups of GROUP_SIZE run together.
 */
export async function runItems(
  items: BatchItem[],
  parallel: boolean,
  call: (method: string, params: unknown) => Promise<object>,
  emit: (outcome: Outcome, index: number) => void | Promise<void>,
): Promise<void> {
  const one = (item: BatchItem): Promise<Outcome> =>
    item.refused
      ? Promise.resolve({ ok: false, error: item.refused })
      : call(item.method, item.params).then(
          (result): Outcome => ({ ok: true, result }),
          (error): Outcome => ({ ok: false, error }),
        );
  const yielder = new Yielder();
  let i = 0;
  while (i < items.length) {
    let end = i + 1;
    if (parallel) end = Math.min(items.length, i + GROUP_SIZE);
    else if (isPublish(items[i]!)) while (end < items.length && end - i < GROUP_SIZE && isPublish(items[end]!)) end++;
    const outcomes = await Promise.all(items.slice(i, end).map(one));
    for (let k = 0; k < outcomes.length; k++) await emit(outcomes[k]!, i + k);
    i = end;
    // Not after the last group: the caller finishes at once, and a yield there would only split
    // the fan-out writes of this request from those of the requests queued behind it.
    if (i < items.length) await yielder.maybe();
  }
}

function isPublish(item: BatchItem): boolean {
  return item.method === 'publish' && !item.refused;
}
