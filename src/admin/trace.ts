/**
 * The admin UI's live channel trace: one long HTTP response per open trace,
 * a JSON line per event as it reaches this worker (from whichever node
 * published it): `{"type":"publication","channel","publication":{…}}`,
 * `{"type":"join"|"leave","channel","info":{…}}`, and `{"type":"ping"}` every
 * PING_MS so proxies keep the response open. The first line,
 * `{"type":"tracing","channel"}`, says the channel is followed from then on.
 */
import type { ServerResponse } from 'node:http';
import { ClientError } from '../errors';
import type { ChannelWatcher, Node } from '../node/node';
import { serialize } from '../protocol/codec-json';
import type { ClientInfo, Publication, StreamPosition } from '../protocol/types';

/** Traces open at once on one worker. */
export const MAX_TRACES = 32;
const PING_MS = 15_000;
/** A trace whose reader falls this far behind is ended rather than buffered without bound. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export class TraceStreams {
  private count = 0;

  constructor(private readonly node: Node) {}

  /** Follows `channel` on `res` until the admin closes it; throws (before any line is written) 102 or 106. */
  async open(channel: string, res: ServerResponse): Promise<void> {
    if (this.count >= MAX_TRACES) throw new ClientError(106, `limit exceeded: at most ${MAX_TRACES} traces per worker`);
    let closed = false;
    const write = (line: object) => {
      if (closed) return;
      res.write(serialize(line) + '\n');
      if (res.writableLength > MAX_BUFFERED) {
        res.end(serialize({ type: 'error', message: 'trace reader too slow; reopen the trace' }) + '\n');
        end();
      }
    };
    const watcher: ChannelWatcher = {
      publication: (pub: Publication, position: StreamPosition | undefined) =>
        write({ type: 'publication', channel, publication: { data: pub.data, info: pub.info, tags: pub.tags, offset: position?.offset || pub.offset || undefined, time: pub.time || undefined } }),
      joinLeave: (kind: 'join' | 'leave', info: ClientInfo) => write({ type: kind, channel, info }),
    };
    this.count++;
    let stop: () => void = () => {};
    const ping = setInterval(() => write({ type: 'ping' }), PING_MS);
    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      stop();
      this.count--;
    };
    // The connection closing (the admin closed the trace or the page) ends it; a request's own 'close' only means its body was read.
    res.on('close', end);
    try {
      stop = await this.node.watch(channel, watcher);
    } catch (err) {
      end();
      throw err;
    }
    if (closed) return stop();
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    write({ type: 'tracing', channel });
  }
}
