/**
 * PresenceManager: who is subscribed to a channel, across every node. Entries
 * expire unless refreshed, so a node that dies without cleaning up does not
 * leave ghosts behind.
 */
import type { ClientInfo } from '../protocol/types';

export interface PresenceStats {
  numClients: number;
  numUsers: number;
}

export interface PresenceManager {
  /** Client id → info of every connection present in the channel. */
  presence(channel: string): Promise<Record<string, ClientInfo>>;
  presenceStats(channel: string): Promise<PresenceStats>;
  /** Adds or refreshes one connection's entry. */
  addPresence(channel: string, clientId: string, info: ClientInfo): Promise<void>;
  removePresence(channel: string, clientId: string, user: string): Promise<void>;
  close(): Promise<void>;
}
