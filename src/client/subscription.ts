import type { ChannelOptions } from '../config/channel-options';
import type { PreparedPush } from '../protocol/prepared-push';
import type { Publication, StreamPosition } from '../protocol/types';
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
  buffer: { pub: Publication; position: StreamPosition | undefined; prepared: PreparedPush }[];
  chanInfo?: Buffer;
  /** Unix seconds when the subscription token expires; undefined = never. */
  expireAt?: number;
  /** Its expiry check (subscribe.ts), made when it first expires. */
  expiry: WheelEntry | undefined;
}
