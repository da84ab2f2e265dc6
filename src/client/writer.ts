/**
 * Per-connection outbound queue. Everything queued during one turn of the
 * event loop goes to the transport together (replies of a command batch, a
 * burst of publications; one WebSocket frame), so a busy connection costs one
 * write per turn rather than one per message. One shared setImmediate flushes every dirty writer.
 */
import type { SharedFrame } from '../protocol/prepared-push';
import type { Transport } from '../transport/transport';

const dirty = new Set<Writer>();
let scheduled = false;

function flushAll(): void {
  scheduled = false;
  const writers = [...dirty];
  dirty.clear();
  for (const w of writers) w.flush();
}

export class Writer {
  private parts: Buffer[] = [];
  private bytes = 0;
  /** Set while the queue holds exactly one message that came from a broadcast. */
  private shared: SharedFrame | null = null;
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly maxQueueBytes: number,
    private readonly onOverflow: () => void,
  ) {}

  /**
   * Queues one encoded message; `shared` is its broadcast form when it has one.
   * Only this queue's bytes are checked here; the socket's own backlog is
   * checked once per flush, since reading it costs more than the enqueue.
   */
  enqueue(data: Buffer, shared?: SharedFrame): void {
    if (this.closed) return;
    this.shared = this.parts.length === 0 && shared ? shared : null;
    this.parts.push(data);
    this.bytes += data.length;
    if (this.bytes > this.maxQueueBytes) {
      this.overflow();
      return;
    }
    dirty.add(this);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushAll);
    }
  }

  private overflow(): void {
    this.closed = true;
    this.parts = [];
    this.onOverflow();
  }

  /** Writes whatever is queued as one frame, unless the peer is too far behind (then: slow, 3008). */
  flush(): void {
    if (this.parts.length === 0) return;
    if (this.bytes + this.transport.bufferedAmount() > this.maxQueueBytes) {
      this.overflow();
      return;
    }
    const parts = this.parts;
    const bytes = this.bytes;
    const shared = this.shared;
    this.parts = [];
    this.bytes = 0;
    this.shared = null;
    dirty.delete(this);
    if (shared && parts.length === 1) this.transport.writeShared(shared);
    else if (parts.length === 1) this.transport.write(parts[0]!);
    else this.transport.writeMany(parts, bytes);
  }

  /** Flushes what is queued and refuses anything later (the connection is closing). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
