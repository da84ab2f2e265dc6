/**
 * Pushes and results in their protocol shapes, made once and shared: a
 * publication broadcast to many connections is encoded at most once per
 * codec, and its WebSocket framing is built once (SharedFrame), however many
 * subscribers get it.
 */
import { shareJsonText } from './codec-json';
import { codecs } from './codecs';
import type { ProtocolName, Publication, Push } from './types';

/** A transport that frames messages in its own way, the same for every connection of its name and codec. */
export interface MessageFramer {
  readonly name: string;
  frameMessages(messages: readonly Buffer[]): Buffer;
}

/**
 * Encoded bytes that many connections send unchanged, with room for a
 * transport's own framing of them: one message, or several joined the way the
 * codec joins a frame (`messages` then lists them, for transports that frame
 * each message on its own).
 */
export class SharedFrame {
  /** The WebSocket frame (header + payload), built by the first WebSocket that sends it. */
  wsFrame: Buffer[] | undefined = undefined;
  /** The bytes as other transports frame them (SSE events, HTTP-streaming lines), by transport name. */
  private framings: Map<string, Buffer> | undefined = undefined;
  constructor(
    readonly data: Buffer,
    readonly messages?: readonly Buffer[],
    /** The summed length of the messages, without what joins them. */
    readonly messageBytes = data.length,
  ) {}

  /** How a kind of transport frames these messages, built by the first connection of that kind that sends them. */
  framedBy(transport: MessageFramer): Buffer {
    let bytes = this.framings?.get(transport.name);
    if (!bytes) (this.framings ??= new Map()).set(transport.name, (bytes = transport.frameMessages(this.messages ?? [this.data])));
    return bytes;
  }
}

/** A push encoded lazily, once per codec, shared by every recipient. */
export class PreparedPush {
  private readonly frames: Partial<Record<ProtocolName, SharedFrame>> = {};
  /** What it carries, for the sent-messages metric. */
  readonly kind: 'publication' | 'join' | 'leave' | 'push';
  constructor(private readonly push: Push) {
    this.kind = push.pub ? 'publication' : push.join ? 'join' : push.leave ? 'leave' : 'push';
  }

  frame(protocol: ProtocolName): SharedFrame {
    let f = this.frames[protocol];
    if (!f) this.frames[protocol] = f = new SharedFrame(codecs[protocol].encodeReply({ push: this.push }));
    return f;
  }
}

type ProtoPublication = NonNullable<Push['pub']>;

export function toProtoPublication(pub: Publication): ProtoPublication {
  return { data: pub.data, info: pub.info, offset: pub.offset || undefined, tags: pub.tags, time: pub.time };
}

/** One protocol form per list of publications read once and shared by its readers (Node.readStream). */
const sharedLists = new WeakMap<readonly Publication[], ProtoPublication[]>();

/** Where a publication an engine keeps (the memory engine's history) carries its protocol form once made. */
const PROTO = Symbol('protocol form');
type WithProto = Publication & { [PROTO]?: ProtoPublication };

/**
 * A publication's protocol form, made once and kept on it (not enumerable: a spread copy must not carry it) for
 * the next reader: the memory engine returns the very objects it stores, so after a storm every subscriber of a
 * channel recovering from one offset, whatever turn its read ran in, gets the same objects, serialized once.
 * Publications are never changed once made.
 */
function protoOf(pub: Publication): ProtoPublication {
  let proto = (pub as WithProto)[PROTO];
  if (!proto) {
    proto = shareJsonText(toProtoPublication(pub));
    Object.defineProperty(pub, PROTO, { value: proto });
  }
  return proto;
}

/**
 * The protocol form of a stream read's publications, for replies to clients:
 * every reader of one read (after a storm, all the subscribers of a channel
 * recovering from one offset) gets the same list, each publication made and
 * serialized once for all of them. The list and its items are read-only.
 */
export function sharedProtoPublications(pubs: readonly Publication[]): ProtoPublication[] {
  let list = sharedLists.get(pubs);
  if (!list) sharedLists.set(pubs, (list = pubs.map(protoOf)));
  return list;
}

/** A history result as both the client command and the server API answer it. */
export function historyResult(r: { publications: Publication[]; position: { offset: number; epoch: string } }, pub?: (p: Publication) => object) {
  return { publications: pub ? r.publications.map(pub) : sharedProtoPublications(r.publications), epoch: r.position.epoch, offset: r.position.offset };
}

/** Presence stats as both the client command and the server API answer them. */
export function presenceStatsResult(s: { numClients: number; numUsers: number }): { num_clients: number; num_users: number } {
  return { num_clients: s.numClients, num_users: s.numUsers };
}
