/**
 * What connections and the server API may do with channels, as one contract:
 * the node implements it, and it is the only road from a client to the broker
 * and presence. Every method maps infrastructure failures to error 100
 * (temporary, logged once) and bad input to its documented code, so callers
 * never repeat that mapping.
 */
import type { HistoryQuery, HistoryResult, PublishResult } from '../engine/broker';
import type { PresenceStats } from '../engine/presence';
import type { ClientInfo, StreamPosition } from '../protocol/types';

export interface PublishParams {
  info?: ClientInfo;
  tags?: Record<string, string>;
  idempotencyKey?: string;
  skipHistory?: boolean;
}

export interface HistoryParams {
  /** 0 = only the stream top, negative = everything (up to `cap`), else at most this many. */
  limit: number;
  /** Most publications returned, whatever the limit (client commands: history_max_publication_limit); absent = no cap. */
  cap?: number;
  since?: StreamPosition;
  reverse: boolean;
}

export interface ChannelService {
  /** Publishes, into history when the namespace keeps one. 102/107 for a bad channel or data. */
  publish(channel: string, data: Buffer, p?: PublishParams): Promise<PublishResult>;
  /** A channel's history (108 when it keeps none, 112 when `since` names another epoch). */
  history(channel: string, p: HistoryParams): Promise<HistoryResult>;
  /**
   * The stream itself, for positioning and recovery of a subscription whose namespace keeps history. `subscriber`:
   * the caller is in the hub for the channel, so it may share a read already on its way (Node.readStream).
   */
  readStream(channel: string, query: Omit<HistoryQuery, 'historyMetaTtl'>, subscriber?: boolean): Promise<HistoryResult>;
  /** 108 when the namespace keeps no presence. */
  presence(channel: string): Promise<Record<string, ClientInfo>>;
  presenceStats(channel: string): Promise<PresenceStats>;
  /** Starts delivery of the channel to this node (its first local subscriber). */
  listen(channel: string): Promise<void>;
  /**
   * Resolves when the start of the channel's delivery in progress is done (at once when none is), or rejects
   * as it did. Later subscribers wait for it too: one that read the stream before this node heard the channel
   * would miss, until the next publication showed the gap, whatever was published in between.
   */
  listening(channel: string): Promise<void>;
  /** Stops it (the last local subscriber left); failures are logged, not thrown. */
  unlisten(channel: string): void;
  /** Records a subscriber in presence, or refreshes it; failures are logged. */
  addPresence(channel: string, clientId: string, info: ClientInfo): void;
  removePresence(channel: string, clientId: string, user: string): void;
  /** Announces a join or leave to the channel's subscribers; failures are logged. */
  announce(channel: string, kind: 'join' | 'leave', info: ClientInfo): void;
}
