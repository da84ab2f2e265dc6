/**
 * What travels on a channel's pub/sub: one message per publication, join or
 * leave, as bytes. The publish script writes the history form itself, so the
 * offset and epoch a subscriber sees are exactly what the stream holds.
 *
 *   `p<offset>:<epoch>:` + Publication protobuf   publication kept in history
 *   `n:` + Publication protobuf                  publication without history
 *   `j:` + ClientInfo protobuf                   join
 *   `l:` + ClientInfo protobuf                   leave
 */
import { int64 } from '../../protocol/codec-protobuf';
import { centrifugal } from '../../protocol/generated/client';
import type { ClientInfo, Publication, StreamPosition } from '../../protocol/types';

const pb = centrifugal.centrifuge.protocol;
const COLON = 0x3a;

export type PubSubMessage =
  | { kind: 'pub'; pub: Publication; position?: StreamPosition }
  | { kind: 'join' | 'leave'; info: ClientInfo };

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.length);
}

export function encodePublication(pub: Publication): Buffer {
  return toBuffer(pb.Publication.encode({ data: pub.data, info: pub.info, tags: pub.tags, time: pub.time }).finish());
}

/** A ClientInfo protobuf, as in join/leave messages and presence entries. */
export function encodeClientInfo(info: ClientInfo): Buffer {
  return toBuffer(pb.ClientInfo.encode(info).finish());
}

export function decodeClientInfo(bytes: Uint8Array): ClientInfo {
  return clientInfo(pb.ClientInfo.decode(bytes));
}

export function encodeJoinLeave(kind: 'join' | 'leave', info: ClientInfo): Buffer {
  return Buffer.concat([Buffer.from(kind === 'join' ? 'j:' : 'l:'), encodeClientInfo(info)]);
}

function clientInfo(m: { user?: string | null; client?: string | null; conn_info?: Uint8Array | null; chan_info?: Uint8Array | null }): ClientInfo {
  const info: ClientInfo = { user: m.user ?? '', client: m.client ?? '' };
  if (m.conn_info && m.conn_info.length) info.conn_info = toBuffer(m.conn_info);
  if (m.chan_info && m.chan_info.length) info.chan_info = toBuffer(m.chan_info);
  return info;
}

/** Decodes one pub/sub message; throws on anything malformed (the caller logs and drops it). */
export function decodeMessage(buf: Buffer): PubSubMessage {
  const kind = buf[0];
  if (kind === 0x6a /* j */ || kind === 0x6c /* l */) {
    return { kind: kind === 0x6a ? 'join' : 'leave', info: decodeClientInfo(buf.subarray(2)) };
  }
  let body: Buffer;
  let position: StreamPosition | undefined;
  if (kind === 0x6e /* n */) {
    body = buf.subarray(2);
  } else if (kind === 0x70 /* p */) {
    const c1 = buf.indexOf(COLON, 1);
    const c2 = buf.indexOf(COLON, c1 + 1);
    if (c1 === -1 || c2 === -1) throw new Error('malformed publication prefix');
    position = { offset: Number(buf.toString('latin1', 1, c1)), epoch: buf.toString('latin1', c1 + 1, c2) };
    body = buf.subarray(c2 + 1);
  } else {
    throw new Error('unknown pub/sub message kind');
  }
  return { kind: 'pub', pub: decodePublication(body, position?.offset), position };
}

/** A Publication protobuf (as on pub/sub and in history streams) with its offset, when it has one. */
export function decodePublication(body: Uint8Array, offset?: number): Publication {
  const m = pb.Publication.decode(body);
  const pub: Publication = { data: toBuffer(m.data ?? new Uint8Array()) };
  if (m.info) pub.info = clientInfo(m.info);
  if (m.tags && Object.keys(m.tags).length) pub.tags = { ...m.tags };
  const time = int64(m.time);
  if (time) pub.time = time;
  if (offset) pub.offset = offset;
  return pub;
}
