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

export interface Broker {
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
