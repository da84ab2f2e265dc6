import type { TagsFilter } from '../channel/tags-filter';
import type { ChannelOptions } from '../config/channel-options';
import type { LivePublication } from '../protocol/live-publication';
import type { WheelEntry } from '../timer-wheel';

/** One subscription of a connection: what it knows about the channel and where it is in its stream. */
export interface Subscription {
  channel: string;
  /**
   * `subscribing` while the subscribe reply is being built: publications that
   * arrive meanwhile are buffered and merged by offset once the reply is out,
   * so none is lost or sent twice and none precedes the reply.
   */
  state: 'subscribing' | 'subscribed';
  /** Created by the server (token `channels`, API subscribe) rather than by a subscribe command. */
  serverSide: boolean;
  options: ChannelOptions;
  /** Offsets are checked for continuity; a gap makes the client resubscribe and recover. */
  positioned: boolean;
  recoverable: boolean;
  /** This subscriber receives join/leave pushes. */
  pushJoinLeave: boolean;
  /** This subscription is recorded in presence. */
  presence: boolean;
  /** Joining and leaving this channel is announced to its subscribers. */
  announce: boolean;
  offset: number;
  epoch: string;
  /** When the position was last compared with the stream top (unix ms). */
  checkedAt: number;
  buffer: LivePublication[];
  /** The subscriber's tags filter: publications that do not pass are not sent (their offsets still count). */
  filter: TagsFilter | undefined;
  /** Fossil delta negotiated: publication data goes as deltas (or, in JSON, as strings). */
  delta: boolean;
  /** The client holds the payload at `offset`, so the next publication may go as a delta against it. */
  deltaReady: boolean;
  chanInfo?: Buffer;
  /** Unix seconds when the subscription token expires; undefined = never. */
  expireAt?: number;
  /** Its expiry check (subscribe.ts), made when it first expires. */
  expiry: WheelEntry | undefined;
}
