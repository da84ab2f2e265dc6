/**
 * What queue consumers need from the engine that holds the queues: leases,
 * the live-consumer registry, readers of list queues and streams, and the
 * apply-and-acknowledge of runs of items, each item once and in order (in
 * one script on a single Redis, lua/ingest_run.lua; on a Redis Cluster or
 * several shards applied per channel, then acknowledged, see
 * src/engine/redis/ingest-cross.ts). The Redis engine implements it
 * (src/engine/redis/ingest-store.ts); nothing in src/ingest/ talks to Redis
 * itself.
 */
import type { PublishOptions } from '../engine/broker';
import type { Publication } from '../protocol/types';
import type { Source } from './sources';

/**
 * Thrown when applying or acknowledging queue items under a lease that is no
 * longer held: nothing was changed, and the consumer must stop.
 */
export class LeaseLostError extends Error {
  constructor() {
    super('ingest lease lost');
  }
}

/**
 * Thrown when a queue's cursor is not where the consumer expected (an earlier
 * run stopped part-way, a reply was lost, or the stream's group vanished):
 * nothing was changed; the consumer reads again from the cursor.
 */
export class StaleCursorError extends Error {}

/** A queue or stream whose items a run applies, and the cursor the run starts at (see lua/ingest_lib.lua). */
export interface QueueCursor {
  lease: string;
  owner: string;
  kind: 'list' | 'stream';
  /** The list queue or the stream. */
  source: string;
  /** The list's count of acknowledged items ('' for a stream: its group's last-delivered-id is the cursor). */
  cursorKey: string;
  group: string;
  deadKey: string;
  /** The cursor before the run's first item. */
  at: string;
}

/** One item of a run: a publish, or an item refused by Gyre that leaves the queue for the dead-letter list. */
export type QueuedItem = { id: string; publish: QueuedPublish } | { id: string; deadLetter: string };

/** What a run did: its first `applied` items were applied and acknowledged; `error` stopped the next one. */
export interface QueuedRunResult {
  applied: number;
  error?: string;
}


/** One publish of a run of queue items (see IngestStore.applyRun). */
export interface QueuedPublish {
  channel: string;
  pub: Publication;
  opts: PublishOptions;
}


export interface IngestStore {
  /** Takes or renews a lease for `ttlMs` (0 releases it); true when `owner` holds it now. */
  lease(leaseKey: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Marks `owner` alive in `registry` for `ttlMs` (0 = it leaves); resolves to the number of live consumers. */
  heartbeat(registry: string, owner: string, ttlMs: number): Promise<number>;
  /** The reader of a list queue (`LPUSH`ed JSON commands). */
  list(name: string): Source;
  /** The reader of a stream (`XADD … method … payload …`) through the consumer group `gyre`. */
  stream(name: string): Source;
  /**
   * Applies a run of consecutive items and acknowledges them, in order. On a
   * single Redis that is one atomic step; elsewhere items are applied, then
   * acknowledged, and an item applied before is skipped when sent again (a
   * consumer that died in between, a lost reply). Rejects with LeaseLostError
   * or StaleCursorError having acknowledged nothing and applied nothing twice.
   */
  applyRun(items: QueuedItem[], cursor: QueueCursor): Promise<QueuedRunResult>;
  /** Acknowledges the item after the cursor (its effect is committed), first adding `deadLetter` when not empty. */
  ack(cursor: QueueCursor, id: string, deadLetter: string): Promise<void>;
  /** Up to `count` dead-letter records from index `start` (newest first), and how many there are. */
  deadLetters(deadKey: string, start: number, count: number): Promise<{ total: number; records: string[] }>;
  /** Moves a dead letter (its exact record) back to its source in one atomic step; false when it is no longer there. */
  requeue(deadKey: string, record: string, to: RequeueTarget): Promise<boolean>;
  /** Removes a dead letter (its exact record); false when it is no longer there. */
  dropDeadLetter(deadKey: string, record: string): Promise<boolean>;
}

/** Where a requeued dead letter goes and what is pushed there. */
export type RequeueTarget = { kind: 'list'; source: string; text: string } | { kind: 'stream'; source: string; method: string; payload?: string };
