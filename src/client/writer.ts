/**
 * Per-connection outbound queue. Everything queued during one turn of the
 * event loop goes to the transport together at the end of the turn (replies
 * of a command batch, a burst of publications; one WebSocket frame), so a
 * busy connection costs one write per turn rather than one per message.
 *
 * A queue that holds nothing but one shared frame (a channel's batch of the
 * turn, which most subscribers take whole) writes that frame as it is, framed
 * once for every connection that sends it; anything more is joined here.
 */
import type { SharedFrame } from '../protocol/prepared-push';
import type { Transport } from '../transport/transport';
import { type Flushable, flushAtTurnEnd } from '../turn';

export class Writer implements Flushable {
  /** Messages queued this turn, when they are more than one shared frame. Reused from turn to turn. */
  private parts: Buffer[] = [];
  /** Their summed length. */
  private bytes = 0;
  /** Set while the queue holds exactly one shared frame (and `parts` is empty). */
  private shared: SharedFrame | null = null;
  private queued = false;
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly maxQueueBytes: number,
    private readonly onOverflow: () => void,
  ) {}

  /** Queues one message of this connection's own. */
  enqueue(data: Buffer): void {
    if (this.closed) return;
    if (this.shared) this.spill();
    this.parts.push(data);
    this.added(data.length);
  }

  /** Queues a frame shared with other connections (one message, or several joined). */
  enqueueShared(frame: SharedFrame): void {
    if (this.closed) return;
    if (this.shared === null && this.parts.length === 0) this.shared = frame;
    else {
      if (this.shared) this.spill();
      this.push(frame);
    }
    this.added(frame.messageBytes);
  }

  private push(frame: SharedFrame): void {
    if (frame.messages) for (const m of frame.messages) this.parts.push(m);
    else this.parts.push(frame.data);
  }

  /** The queued shared frame becomes ordinary parts: something else follows it this turn. */
  private spill(): void {
    const frame = this.shared!;
    this.shared = null;
    this.push(frame);
  }

  /**
   * Only this queue's bytes are checked here; the socket's own backlog is
   * checked once per flush, since reading it costs more than the enqueue.
   */
  private added(n: number): void {
    this.bytes += n;
    if (this.bytes > this.maxQueueBytes) {
      this.overflow();
      return;
    }
    if (!this.queued) {
      this.queued = true;
      flushAtTurnEnd(this);
    }
  }

  private overflow(): void {
    this.closed = true;
    this.parts = [];
    this.shared = null;
    this.onOverflow();
  }

  /** Writes whatever is queued as one frame, unless the peer is too far behind (then: slow, 3008). */
  flush(): void {
    this.queued = false;
    const shared = this.shared;
    if (shared === null && this.parts.length === 0) return;
    if (this.bytes + this.transport.bufferedAmount() > this.maxQueueBytes) {
      this.overflow();
      return;
    }
    const bytes = this.bytes;
    this.bytes = 0;
    if (shared) {
      this.shared = null;
      this.transport.writeShared(shared);
      return;
    }
    const parts = this.parts;
    if (parts.length === 1) this.transport.write(parts[0]!);
    else this.transport.writeMany(parts, bytes);
    // Transports read the array during the call and keep nothing of it.
    parts.length = 0;
  }

  /** Flushes what is queued and refuses anything later (the connection is closing). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
