/**
 * Where queued API commands come from: a list queue (`LPUSH gyre.api '{"method",…}'`)
 * or a stream (`XADD gyre.api.stream * method … payload …`). A source reads
 * items in push order without taking them, and names the cursor that says
 * how far it has been applied (see lua/ingest_lib.lua): an item leaves the
 * queue only in the script that applies it. The engine implements sources
 * (IngestStore); how their entries become items is here.
 */

export interface Item {
  /** The cursor once this item is acknowledged: its position (list) or entry ID (stream). Stable across consumers. */
  pos: string;
  /** The stream entry ID ('' for list items). */
  id: string;
  /** The list item's text, or the stream entry's payload field (null when missing): dead letters quote it. */
  text: string | null;
  method: unknown;
  params: unknown;
  /** Set when the item could not be read at all. */
  malformed?: string;
}

export interface Source {
  /** The queue or stream key, as in dead letters and stats. */
  readonly name: string;
  readonly kind: 'list' | 'stream';
  readonly leaseKey: string;
  /** The list's count of acknowledged items; '' for a stream, whose group holds its cursor. */
  readonly cursorKey: string;
  /** The stream's consumer group ('' for a list). */
  readonly group: string;
  /** Prepares the source (creates the consumer group); safe to repeat. */
  init(): Promise<void>;
  /** The cursor as Redis has it now: where reading starts after a takeover or a failure. */
  cursor(): Promise<string>;
  /** Up to `max` items in push order after position `after` (a cursor or an item's `pos`). */
  read(after: string, max: number): Promise<Item[]>;
  /** Items waiting, and the age of the oldest in ms. */
  depth(): Promise<{ depth: number; lagMs: number | null }>;
  /** The item as the backend wrote it, for its dead letter. */
  raw(item: Item): unknown;
}

/** A list item from its position and text. */
export function listItem(pos: string, text: string): Item {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { pos, id: '', text, method: undefined, params: undefined, malformed: 'item is not valid JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { pos, id: '', text, method: undefined, params: undefined, malformed: 'item is not a JSON object' };
  const o = v as Record<string, unknown>;
  return { pos, id: '', text, method: o['method'], params: o['params'] };
}

/** A stream entry from its ID and its `method` and `payload` fields (null when missing). */
export function streamItem(id: string, method: string | null, payload: string | null): Item {
  if (method === null) return { pos: id, id, text: payload, method: undefined, params: undefined, malformed: 'entry has no method field' };
  if (payload === null) return { pos: id, id, text: payload, method, params: {} };
  try {
    return { pos: id, id, text: payload, method, params: JSON.parse(payload) };
  } catch {
    return { pos: id, id, text: payload, method, params: undefined, malformed: 'payload is not valid JSON' };
  }
}

/** A list item as the backend wrote it, for its dead letter: the parsed item when it is JSON, else its text. */
export function listRaw(item: Item): unknown {
  try {
    return JSON.parse(item.text ?? '');
  } catch {
    return item.text;
  }
}

/** A stream entry as the backend wrote it, for its dead letter. */
export function streamRaw(item: Item): unknown {
  return { method: item.method, payload: item.text ?? undefined };
}
