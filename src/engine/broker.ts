/**
 * Broker: pub/sub between nodes plus each channel's history stream. Saving a
 * publication to history and delivering it is one atomic step per channel, so
 * the offset a subscriber sees always matches the stream (REDIS.md §1).
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
  /** Acknowledge a Redis queue item in the same atomic step (Redis engine only; see src/ingest). */
  ack?: IngestAck;
}

/**
 * Thrown by a publish with `ack` when the lease named in it is no longer held:
 * nothing was published or acknowledged, and the consumer must stop.
 */
export class LeaseLostError extends Error {
  constructor() {
    super('ingest lease lost');
  }
}

/** Which queue item a publish acknowledges, and under whose lease. */
export interface IngestAck {
  lease: string;
  /** The processing list (kind list) or the source stream (kind stream). */
  key: string;
  owner: string;
  kind: 'list' | 'stream';
  /** The processing-list entry, or the stream entry ID. */
  item: string;
  group: string;
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

/** One publish of a run of queue items (see Broker.publishQueued). */
export interface QueuedPublish {
  channel: string;
  pub: Publication;
  opts: PublishOptions;
  /** The processing-list entry or stream entry ID this publish acknowledges. */
  ackItem: string;
}

export interface Broker {
  /**
   * Optional: publishes a run of queue items in one atomic step, in order, each
   * acknowledging its item (skipped when no longer pending). Brokers without
   * queues (memory) leave it out.
   */
  publishQueued?(run: QueuedPublish[], ack: Omit<IngestAck, 'item'>): Promise<PublishResult[]>;
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
