/**
 * A channel's publications of one event-loop turn, as its subscribers receive
 * them: most subscribers of a channel take the whole batch unchanged, so it is
 * joined into one frame once per codec and that frame (and its WebSocket
 * header) is shared by all of them. A subscriber whose position does not
 * continue exactly into the batch (a duplicate, a gap, a subscription still
 * being set up) takes its publications one by one instead.
 */
import type { TagsFilter } from '../channel/tags-filter';
import { codecs } from './codecs';
import type { LivePublication } from './live-publication';
import { SharedFrame } from './prepared-push';
import type { ProtocolName } from './types';

export type BatchItem = LivePublication;

/** The batch as subscribers of one tags filter take it: the publications that pass, joined; null when none does. */
interface FilteredFrame {
  frame: SharedFrame | null;
  count: number;
}

export class PublicationBatch {
  readonly items: BatchItem[] = [];
  /** Every publication has a position, all of one epoch, each offset one past the previous. */
  private contiguous = true;
  private epoch = '';
  private firstOffset = 0;
  /** The offset of the last publication (meaningful when contiguous). */
  lastOffset = 0;
  private readonly frames: Partial<Record<ProtocolName, SharedFrame>> = {};
  /** The batch for delta subscriptions holding the payload before it, per codec. */
  private readonly deltaFrames: Partial<Record<ProtocolName, SharedFrame>> = {};
  /** Per tags filter (its key), then per codec. */
  private filteredFrames: Map<string, Partial<Record<ProtocolName, FilteredFrame>>> | undefined = undefined;

  constructor(readonly channel: string) {}

  add(item: BatchItem): void {
    const pos = item.position;
    if (this.items.length === 0) {
      if (pos) {
        this.epoch = pos.epoch;
        this.firstOffset = this.lastOffset = pos.offset;
      } else this.contiguous = false;
    } else if (this.contiguous && (!pos || pos.epoch !== this.epoch || pos.offset !== this.lastOffset + 1)) {
      this.contiguous = false;
    } else if (pos) this.lastOffset = pos.offset;
    this.items.push(item);
  }

  /** Whether a positioned subscription now at (epoch, offset) takes the whole batch: no duplicate, no gap. */
  follows(epoch: string, offset: number): boolean {
    return this.contiguous && epoch === this.epoch && offset + 1 === this.firstOffset;
  }

  /** The batch as one frame of `protocol`, built on first use (after the turn, when the batch is complete). */
  frame(protocol: ProtocolName): SharedFrame {
    let f = this.frames[protocol];
    if (f) return f;
    f = this.frames[protocol] = joined(this.items, protocol);
    return f;
  }

  /**
   * The batch as delta subscriptions take it when their position continues
   * into it and they hold the payload before it (`follows`): each publication
   * a delta against the one before (the first against the channel's previous
   * one), or whole where no delta is worth sending, joined once for all of them.
   */
  deltaFrame(protocol: ProtocolName): SharedFrame {
    let f = this.deltaFrames[protocol];
    if (!f) f = this.deltaFrames[protocol] = joinFrames(this.items.map((it) => it.deltaFrame(protocol) ?? it.fullFrame(protocol)), protocol);
    return f;
  }

  /**
   * The publications that pass `filter`, as one frame of `protocol`: every
   * subscriber with the same filter shares the evaluation and the frame.
   */
  filteredFrame(protocol: ProtocolName, filter: TagsFilter): FilteredFrame {
    let byCodec = (this.filteredFrames ??= new Map()).get(filter.key);
    if (!byCodec) this.filteredFrames.set(filter.key, (byCodec = {}));
    let f = byCodec[protocol];
    if (f) return f;
    const items = this.items.filter((it) => it.passes(filter));
    f = byCodec[protocol] = { frame: items.length === 0 ? null : items.length === this.items.length ? this.frame(protocol) : joined(items, protocol), count: items.length };
    return f;
  }
}

function joined(items: readonly LivePublication[], protocol: ProtocolName): SharedFrame {
  return joinFrames(items.map((it) => it.prepared.frame(protocol)), protocol);
}

function joinFrames(frames: readonly SharedFrame[], protocol: ProtocolName): SharedFrame {
  if (frames.length === 1) return frames[0]!;
  const messages = frames.map((f) => f.data);
  let bytes = 0;
  for (const m of messages) bytes += m.length;
  return new SharedFrame(codecs[protocol].joinFrame(messages, bytes), messages, bytes);
}
