/**
 * The dead-letter list (`<prefix>.api.dead`) as operators act on it from the
 * admin UI: read it page by page, put an item back on the queue or stream it
 * came from (once the cause is fixed), or drop it. A dead letter is named by
 * its exact record, so acting on one that another admin already moved or
 * dropped changes nothing (false), and the list's order never matters.
 */
import { ClientError } from '../errors';
import { isObject } from '../protocol/json-values';
import type { IngestStore, RequeueTarget } from './store';

/** Most records one page reads. */
export const MAX_DEAD_LETTER_PAGE = 100;

export interface DeadLetterPage {
  total: number;
  /** Each record as stored (what requeue and drop take back), and its parsed form. */
  items: { record: string; dead_letter: unknown }[];
}

export class DeadLetters {
  constructor(
    private readonly store: IngestStore,
    readonly key: string,
    /** The sources this server consumes, by name: where a dead letter may go back to. */
    private readonly sources: ReadonlyMap<string, 'list' | 'stream'>,
  ) {}

  async page(offset: number, limit: number): Promise<DeadLetterPage> {
    const { total, records } = await this.store.deadLetters(this.key, offset, Math.min(limit, MAX_DEAD_LETTER_PAGE));
    return { total, items: records.map((record) => ({ record, dead_letter: parse(record) })) };
  }

  /** Back to its source; false when it was no longer in the list. 107 for a record that cannot go back. */
  requeue(record: string): Promise<boolean> {
    return this.store.requeue(this.key, record, this.target(record));
  }

  drop(record: string): Promise<boolean> {
    return this.store.dropDeadLetter(this.key, record);
  }

  private target(record: string): RequeueTarget {
    const d = parse(record);
    if (!isObject(d)) throw refused('the record is not a dead letter');
    const { item, source } = d;
    if (typeof source !== 'string') throw refused('the record names no source');
    const kind = this.sources.get(source);
    if (!kind) throw refused(`${source} is not a queue or stream this server consumes`);
    if (kind === 'list') return { kind, source, text: typeof item === 'string' ? item : JSON.stringify(item) };
    const { method, payload } = (item ?? {}) as { method?: unknown; payload?: unknown };
    if (typeof method !== 'string') throw refused('the stream entry had no method field; it cannot be requeued as it was');
    return { kind, source, method, payload: typeof payload === 'string' ? payload : undefined };
  }
}

function parse(record: string): unknown {
  try {
    return JSON.parse(record);
  } catch {
    return record;
  }
}

const refused = (why: string) => new ClientError(107, `bad request: ${why}`);
