/**
 * Reading a request body with a size limit: a body over the limit is refused
 * (413) as soon as it passes it, and the rest is dropped, not buffered.
 * `readChunks` hands the body on as it arrives, so a caller can refuse it
 * part-way (the legacy /api refuses at its command cap without reading on).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** The body, whole; BodyTooLarge past `limit` bytes (answered while the client may still be sending: see `readChunks`). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  await readChunks(req, limit, (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
  });
  return Buffer.concat(chunks, size);
}

/** After a refusal, this much more of the body is read and dropped, so a client that sends its whole body before reading the answer (many do) still gets it. */
const LINGER_BYTES = 1024 * 1024;
/** ...and the connection is closed this long after the refusal unless the body ended by then: a client still sending has had time to read the answer. */
const LINGER_MS = 2000;

/**
 * The body, chunk by chunk as it arrives, to `take`; resolves at its end.
 * Rejects with BodyTooLarge past `limit` bytes, or with what `take` throws:
 * nothing more is handed on, and the request lingers (see `linger`) while the
 * caller sends its answer.
 */
export function readChunks(req: IncomingMessage, limit: number, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const stop = (err: unknown) => {
      req.off('data', onData);
      reject(err);
      linger(req);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(new BodyTooLarge(limit));
      try {
        take(chunk);
      } catch (err) {
        stop(err);
      }
    };
    req.on('data', onData);
    req.on('end', resolve);
    req.on('error', reject);
  });
}

/**
 * What happens to a request refused before its body was read: the answer
 * must reach the client, and closing the connection at once would reset it
 * (a client still writing fails on its write before it reads the answer, and
 * a socket closed with unread data may drop the answer unsent). So the rest
 * is read and dropped up to LINGER_BYTES, then no longer read, and the
 * connection is closed LINGER_MS later unless the body ended meanwhile (then
 * it stays open for the next request, as HTTP keep-alive wants).
 */
function linger(req: IncomingMessage): void {
  let dropped = 0;
  const drop = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) {
      req.off('data', drop);
      req.pause();
    }
  };
  req.on('data', drop);
  const timer = closeLater(req.socket);
  req.once('end', () => clearTimeout(timer));
}

/** Closes a connection LINGER_MS from now, unless it closed before: the client has had time to read the answer it was sent. */
export function closeLater(socket: Duplex): NodeJS.Timeout {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('close', () => clearTimeout(timer));
  return timer;
}

/** Splits a body into lines (on `\n`; a UTF-8 byte that never occurs inside a character) as its chunks arrive. */
export class LineSplitter {
  private partial: Buffer[] = [];

  constructor(private readonly onLine: (line: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      this.partial.push(chunk.subarray(start, i));
      this.emit();
      start = i + 1;
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
  }

  /** The body has ended: its last line, when it has no trailing newline. */
  end(): void {
    if (this.partial.length) this.emit();
  }

  private emit(): void {
    const line = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial);
    this.partial = [];
    this.onLine(line);
  }
}
