/**
 * A channel's publications of one event-loop turn, as its subscribers receive
 * them: most subscribers of a channel take the whole batch unchanged, so it is
 * joined into one frame once per codec and that frame (and its WebSocket
 * header) is shared by all of them. A subscriber whose position does not
 * continue exactly into the batch (a duplicate, a gap, a subscription still
 * being set up) takes its publications one by one instead.
 */
import { codecs } from './codecs';
import { type PreparedPush, SharedFrame } from './prepared-push';
import type { ProtocolName, Publication, StreamPosition } from './types';

export interface BatchItem {
  pub: Publication;
  position: StreamPosition | undefined;
  prepared: PreparedPush;
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
    if (this.items.length === 1) f = this.items[0]!.prepared.frame(protocol);
    else {
      const messages = this.items.map((it) => it.prepared.frame(protocol).data);
      let bytes = 0;
      for (const m of messages) bytes += m.length;
      f = new SharedFrame(codecs[protocol].joinFrame(messages, bytes), messages, bytes);
    }
    this.frames[protocol] = f;
    return f;
  }
}
