/**
 * A publication on its way to this worker's subscribers, with every form a
 * subscriber may need made at most once, whatever the number of subscribers:
 *
 * - the plain push, once per codec (PreparedPush);
 * - whether it passes a tags filter, once per distinct filter;
 * - for subscriptions that negotiated fossil delta: the delta against the
 *   channel's previous publication (computed once, for both codecs) and the
 *   pushes carrying it, or the whole payload in the form a delta subscription
 *   takes it (in JSON, publication data is then a JSON string: PROTOCOL, §5.10
 *   of Centrifugo's client protocol, and centrifuge-js's JSON codec).
 *
 * `prev` is the payload of the publication one offset before, in the same
 * epoch, when this worker saw it: a subscriber whose position continues from
 * there holds exactly that payload, so the delta decodes on its side.
 */
import { isUtf8 } from 'node:buffer';
import fossil from 'fossil-delta';
import type { TagsFilter } from '../channel/tags-filter';
import { PreparedPush, type SharedFrame, toProtoPublication } from './prepared-push';
import type { ProtocolName, ProtoPublication, Publication, StreamPosition } from './types';

export class LivePublication {
  private filtered: Map<string, boolean> | undefined = undefined;
  /** undefined: not computed yet; null: no delta worth sending. */
  private delta: Buffer | null | undefined = undefined;
  private readonly deltaPushes: Partial<Record<ProtocolName, PreparedPush | null>> = {};
  private fullJson: PreparedPush | undefined = undefined;

  constructor(
    readonly channel: string,
    readonly pub: Publication,
    readonly position: StreamPosition | undefined,
    readonly prepared: PreparedPush,
    readonly prev: Buffer | undefined,
  ) {}

  static of(channel: string, pub: Publication, position: StreamPosition | undefined, prev?: Buffer): LivePublication {
    return new LivePublication(channel, pub, position, new PreparedPush({ channel, pub: toProtoPublication(pub) }), prev);
  }

  /** Whether the publication passes `filter`; evaluated once per distinct filter. */
  passes(filter: TagsFilter): boolean {
    const cache = (this.filtered ??= new Map());
    let ok = cache.get(filter.key);
    if (ok === undefined) cache.set(filter.key, (ok = filter.matches(this.pub.tags)));
    return ok;
  }

  /** The push of a delta subscription holding the previous payload: a delta, or null when none is worth sending. */
  deltaFrame(protocol: ProtocolName): SharedFrame | null {
    let push = this.deltaPushes[protocol];
    if (push === undefined) {
      const delta = this.rawDelta(protocol);
      push = delta ? new PreparedPush({ channel: this.channel, pub: { ...toProtoPublication(this.pub), data: protocol === 'json' ? jsonString(delta) : delta, delta: true } }) : null;
      this.deltaPushes[protocol] = push;
    }
    return push ? push.frame(protocol) : null;
  }

  /** The whole payload as a delta subscription takes it. */
  fullFrame(protocol: ProtocolName): SharedFrame {
    if (protocol !== 'json') return this.prepared.frame(protocol);
    this.fullJson ??= new PreparedPush({ channel: this.channel, pub: deltaWhole(this.pub) });
    return this.fullJson.frame(protocol);
  }

  private rawDelta(protocol: ProtocolName): Buffer | null {
    if (this.delta === undefined) this.delta = this.prev ? fossilDelta(this.prev, this.pub.data) : null;
    // A JSON frame carries the delta as a string: bytes that are not UTF-8 (a literal run cut inside a character) cannot go.
    if (this.delta && protocol === 'json' && !isUtf8(this.delta)) return null;
    return this.delta;
  }
}

/** A fossil delta turning `prev` into `next`, or null when it is not smaller than `next` itself (Centrifugo sends the whole payload then). */
export function fossilDelta(prev: Buffer, next: Buffer): Buffer | null {
  const delta = Buffer.from(fossil.create(prev, next));
  return delta.length < next.length ? delta : null;
}

/** Bytes as a JSON string literal, for the raw `data` field of a JSON frame. */
function jsonString(bytes: Buffer): Buffer {
  return Buffer.from(JSON.stringify(bytes.toString('utf8')), 'utf8');
}

/** A publication's protocol form with the whole payload as a delta subscription takes it in JSON: a string. */
export function deltaWhole(pub: Publication): ProtoPublication {
  return { ...toProtoPublication(pub), data: jsonString(pub.data) };
}

/**
 * Recovered publications for a delta subscription, in `protocol`'s form: the
 * first whole, each later one a delta against the one before it when that is
 * smaller (Centrifugo does the same), so the client's chain starts from what
 * the reply gave it.
 */
export function deltaRecovered(pubs: readonly Publication[], protocol: ProtocolName): ProtoPublication[] {
  // A read is shared by the subscribers recovering from one position (Node.readStream): its deltas are made once.
  let byCodec = recoveredForms.get(pubs);
  if (!byCodec) recoveredForms.set(pubs, (byCodec = {}));
  return (byCodec[protocol] ??= recoveredChain(pubs, protocol));
}

const recoveredForms = new WeakMap<readonly Publication[], Partial<Record<ProtocolName, ProtoPublication[]>>>();

function recoveredChain(pubs: readonly Publication[], protocol: ProtocolName): ProtoPublication[] {
  return pubs.map((pub, i) => {
    const whole = protocol === 'json' ? deltaWhole(pub) : toProtoPublication(pub);
    if (i === 0) return whole;
    const delta = fossilDelta(pubs[i - 1]!.data, pub.data);
    if (!delta || (protocol === 'json' && !isUtf8(delta))) return whole;
    return { ...toProtoPublication(pub), data: protocol === 'json' ? jsonString(delta) : delta, delta: true };
  });
}
