/**
 * Shapes of protocol messages as Gyre handles them internally. They mirror
 * proto/client.proto field for field (snake_case), so the protobuf codec can
 * encode them directly; every `bytes` field is a Buffer, which the JSON codec
 * embeds as raw JSON text.
 */
import { centrifugal } from './generated/client';

type P = typeof centrifugal.centrifuge.protocol;
export type Command = centrifugal.centrifuge.protocol.Command.$Properties;
export type Reply = centrifugal.centrifuge.protocol.Reply.$Properties;
export type Push = centrifugal.centrifuge.protocol.Push.$Properties;
export type ConnectRequest = centrifugal.centrifuge.protocol.ConnectRequest.$Properties;
export type ConnectResult = centrifugal.centrifuge.protocol.ConnectResult.$Properties;
export type SubscribeRequest = centrifugal.centrifuge.protocol.SubscribeRequest.$Properties;
export type SubscribeResult = centrifugal.centrifuge.protocol.SubscribeResult.$Properties;
export type HistoryRequest = centrifugal.centrifuge.protocol.HistoryRequest.$Properties;
export type ProtoPublication = centrifugal.centrifuge.protocol.Publication.$Properties;
export type ProtoClientInfo = centrifugal.centrifuge.protocol.ClientInfo.$Properties;
export type ProtocolTypes = P;

/** Who published, joined or left: carried in publications, join/leave pushes and presence. */
export interface ClientInfo {
  user: string;
  client: string;
  conn_info?: Buffer;
  chan_info?: Buffer;
}

/** A publication inside Gyre. `data` holds the raw payload bytes (JSON text for JSON publishers). */
export interface Publication {
  data: Buffer;
  info?: ClientInfo;
  /** Position in the channel stream; 0 or absent when the channel keeps no history. */
  offset?: number;
  tags?: Record<string, string>;
  /** Unix milliseconds, when known. */
  time?: number;
}

/** A place in a channel's stream: the epoch names one incarnation of the stream. */
export interface StreamPosition {
  offset: number;
  epoch: string;
}

export type ProtocolName = 'json' | 'protobuf';
