/**
 * Broker: pub/sub between nodes plus each channel's history stream. Saving a
 * publication to history and delivering it is one atomic step per channel, so
 * the offset a subscriber sees always matches the stream (lua/broker_publish.lua).
 */
import type { ClientInfo, Publication, StreamPosition } from '../protocol/types';

export interface PublishOptions {
  /** Keep at most this many publications; 0 = no history. */
  historySize: number;
  /** Seconds the history lives after the last publication; 0 = no history. */
  historyTtl: number;
  /** Seconds the stream's offset and epoch live after the last use. */
  historyMetaTtl: number;
  /** A repeated publish with the same key (within 5 minutes) is not applied again and returns the first result. */
  idempotencyKey?: string;
}

/** Whether a publish goes into history: the node sets both a size and a lifetime, or neither. */
export function keepsHistory(opts: PublishOptions): boolean {
  return opts.historySize > 0 && opts.historyTtl > 0;
}

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

export interface PublishResult {
  /** Set when the publication went into history. */
  position?: StreamPosition;
}

export interface HistoryQuery {
  /** Publications after this offset (before it, with reverse). */
  since?: StreamPosition;
  /** 0 = none (only the stream top), -1 = all, otherwise at most this many. */
  limit: number;
  reverse: boolean;
  historyMetaTtl: number;
}

export interface HistoryResult {
  publications: Publication[];
  /** The stream top: offset of the latest publication and the current epoch. */
  position: StreamPosition;
}

/** Receives what the broker delivers; the node implements it and fans out locally. */
export interface BrokerEventHandler {
  /** `position` is set for channels with history; offsets then arrive in order per channel. */
  handlePublication(channel: string, pub: Publication, position: StreamPosition | undefined): void;
  handleJoin(channel: string, info: ClientInfo): void;
  handleLeave(channel: string, info: ClientInfo): void;
}

/** One publish of a run of queue items (see Broker.applyQueued). */
export interface QueuedPublish {
  channel: string;
  pub: Publication;
  opts: PublishOptions;
}

export interface Broker {
  /**
   * Optional: applies a run of consecutive queue items and acknowledges them,
   * in order, in one atomic step (see lua/ingest_run.lua). Throws
   * LeaseLostError or StaleCursorError when it changed nothing. Brokers
   * without queues (memory) leave it out.
   */
  applyQueued?(items: QueuedItem[], cursor: QueueCursor): Promise<QueuedRunResult>;
  /** Starts delivery to the handler. Called once, before anything else. */
  start(handler: BrokerEventHandler): Promise<void>;
  /** Starts delivering the channel's traffic to this node. */
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  publish(channel: string, pub: Publication, opts: PublishOptions): Promise<PublishResult>;
  publishJoin(channel: string, info: ClientInfo): Promise<void>;
  publishLeave(channel: string, info: ClientInfo): Promise<void>;
  history(channel: string, query: HistoryQuery): Promise<HistoryResult>;
  /** Drops the stored publications; the offset and epoch stay, so recovering clients learn they missed something. */
  removeHistory(channel: string): Promise<void>;
  /** Whether the broker can serve now (false while its backing store is unreachable). */
  healthy(): boolean;
  close(): Promise<void>;
}
