/**
 * Controller: node-to-node control, kept apart from the Broker. An API call
 * that acts on a user's connections (disconnect, unsubscribe, subscribe,
 * refresh) is applied by the node that received it and broadcast to every
 * other node, since the connections may live anywhere. Nodes also announce
 * themselves, which is what the `info` API lists.
 */
import type { StreamPosition } from '../protocol/types';
import type { ShardState } from './redis/shards';

export type ControlCommand =
  | { type: 'disconnect'; user: string; client?: string; whitelist: string[]; code: number; reason: string }
  | { type: 'unsubscribe'; user: string; client?: string; channel: string }
  | { type: 'subscribe'; user: string; client?: string; channel: string; info?: string; data?: string; since?: StreamPosition }
  | { type: 'refresh'; user: string; client?: string; expired?: boolean; expireAt?: number; info?: string }
  /** Commands for an emulated session (base64 frame), sent to the one node that holds it. */
  | { type: 'emulation'; session: string; data: string };

/** What a node announces about itself (the `info` API's node entry). */
export interface NodeInfo {
  uid: string;
  name: string;
  version: string;
  num_clients: number;
  num_users: number;
  num_channels: number;
  num_subs: number;
  uptime: number;
  /** Redis queues and streams this node consumes: depth, lag, applied/s, dead letters. */
  ingest?: unknown[];
  /** With the Redis engine: each shard as this node sees it (reachable, masters), so the admin sees every node's view. */
  redis_shards?: ShardState[];
}

/** Implemented by the node. */
export interface ControlHandler {
  readonly uid: string;
  /** Applies a command; for a command sent to this node alone, the answer says whether it found what it names. */
  handleControl(cmd: ControlCommand): boolean | void;
  info(): NodeInfo;
  /** Channel → local subscriber count, answered to other nodes' surveys. */
  localChannels(): Map<string, number>;
}

export interface Controller {
  start(handler: ControlHandler): Promise<void>;
  /** Delivers a command to every other node (at most once; a node that is down misses it). */
  broadcast(cmd: ControlCommand): Promise<void>;
  /** Whether a node of that uid has announced itself lately. */
  knows(uid: string): boolean;
  /** Sends a command to one other node and resolves with its handler's answer; null when it does not answer in time. */
  request(uid: string, cmd: ControlCommand, timeoutMs: number): Promise<boolean | null>;
  /** The other live nodes, as last announced. */
  nodes(): NodeInfo[];
  /** Asks every other node for its channels; answers that do not arrive in time are left out. */
  surveyChannels(timeoutMs: number): Promise<Map<string, number>[]>;
  close(): Promise<void>;
}

/** The controller of a single-process engine: there are no other nodes. */
export class LocalController implements Controller {
  async start(): Promise<void> {}
  async broadcast(): Promise<void> {}
  knows(): boolean {
    return false;
  }
  async request(): Promise<boolean | null> {
    return null;
  }
  nodes(): NodeInfo[] {
    return [];
  }
  async surveyChannels(): Promise<Map<string, number>[]> {
    return [];
  }
  async close(): Promise<void> {}
}
