/**
 * HTTP-streaming (`/connection/http_stream`, JSON or protobuf) and SSE
 * (`/connection/sse`, JSON): the client's connect command comes with the
 * request, the replies and pushes go down its response for as long as the
 * connection lives, and the client's later commands arrive through
 * `/emulation` (emulation.ts), which may reach any worker of any server: the
 * connect reply names the session and the node (worker) that holds it.
 *
 * Framing: HTTP-streaming writes JSON replies each followed by a newline and
 * protobuf replies length-delimited, one write per batch (the protobuf client
 * cannot decode a reply split across reads); SSE writes one `data:` event per
 * reply.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Disconnect, endsSilently } from '../disconnect';
import { BodyTooLarge, readBody } from '../http/body';
import { admit, fail, type OriginCheck, STREAM_HEADERS } from '../http/cors';
import type { RequestHandler } from '../http/router';
import { codecs } from '../protocol/codecs';
import type { SharedFrame } from '../protocol/prepared-push';
import type { ProtocolName } from '../protocol/types';
import { type EmulationSessions, MAX_EMULATION_BODY } from './emulation';
import type { Transport, TransportSink } from './transport';

const NEWLINE = Buffer.from('\n');
const SSE_PREFIX = Buffer.from('data: ');
const SSE_SUFFIX = Buffer.from('\n\n');

/** A Disconnect push, encoded: how transports without close codes tell a client why they end. */
export function disconnectPush(protocol: ProtocolName, d: Disconnect): Buffer {
  return codecs[protocol].encodeReply({ push: { disconnect: { code: d.code, reason: d.reason, reconnect: d.reconnect } } });
}

export abstract class ResponseTransport implements Transport {
  readonly unidirectional: boolean;
  /** Bidirectional ones are: their commands come through /emulation. */
  readonly emulated: boolean;
  readonly serverPings = true;
  /** Names this connection in /emulation requests; unguessable, unlike the client id other users see. */
  readonly session = randomUUID();
  private sink: TransportSink | null = null;
  private ended = false;

  constructor(
    readonly name: string,
    readonly protocol: ProtocolName,
    private readonly res: ServerResponse,
    unidirectional = false,
  ) {
    this.unidirectional = unidirectional;
    this.emulated = !unidirectional;
  }

  attach(sink: TransportSink): void {
    this.sink = sink;
    this.res.on('close', () => {
      this.ended = true;
      sink.handleTransportClosed();
    });
  }

  /** Commands for this connection, from the stream request or /emulation. */
  receive(frame: Buffer): void {
    if (!this.ended) this.sink?.handleFrame(frame);
  }

  write(message: Buffer): void {
    this.send(this.frameMessages([message]));
  }

  writeMany(messages: Buffer[]): void {
    this.send(this.frameMessages(messages));
  }

  /** Framed once per transport kind for every connection of that kind that sends it. */
  writeShared(frame: SharedFrame): void {
    this.send(frame.framedBy(this));
  }

  bufferedAmount(): number {
    return this.res.writableLength;
  }

  /**
   * The client learns why (a disconnect push: its code says whether to reconnect), then the response ends;
   * `connectionClosed` ends it without a push (a refused connect's error reply was the answer).
   */
  close(d: Disconnect): void {
    if (this.ended) return;
    if (!endsSilently(d)) this.send(this.frameMessages([disconnectPush(this.protocol, d)]));
    this.ended = true;
    this.res.end();
  }

  private send(bytes: Buffer): void {
    if (!this.ended && !this.res.destroyed) this.res.write(bytes);
  }

  /** This kind's framing of messages: the same for every connection of this name and codec (SharedFrame keeps it). */
  abstract frameMessages(messages: readonly Buffer[]): Buffer;
}

export class HttpStreamTransport extends ResponseTransport {
  constructor(res: ServerResponse, protocol: ProtocolName) {
    super('http_stream', protocol, res);
  }

  frameMessages(messages: readonly Buffer[]): Buffer {
    if (this.protocol === 'protobuf') return messages.length === 1 ? messages[0]! : Buffer.concat(messages);
    const parts: Buffer[] = [];
    for (const m of messages) parts.push(m, NEWLINE);
    return Buffer.concat(parts);
  }
}

export class SseTransport extends ResponseTransport {
  constructor(res: ServerResponse) {
    super('sse', 'json', res);
  }

  frameMessages(messages: readonly Buffer[]): Buffer {
    const parts: Buffer[] = [];
    for (const m of messages) parts.push(SSE_PREFIX, m, SSE_SUFFIX);
    return Buffer.concat(parts);
  }
}

export interface StreamEndpointOptions {
  originAllowed: OriginCheck;
  /** Why this process cannot take connections now, or null when it can. */
  unavailable(): string | null;
  sessions: EmulationSessions;
  /** A new connection: the caller makes its Client, which attaches to it. */
  onConnection(transport: ResponseTransport, req: IncomingMessage): void;
}

/** `POST /connection/http_stream`: the body is the connect command; JSON, or protobuf with `application/octet-stream`. */
export function httpStreamEndpoint(o: StreamEndpointOptions): RequestHandler {
  return (req, res) =>
    void serve(req, res, o, ['POST'], async () => {
      const body = await readBody(req, MAX_EMULATION_BODY);
      const protobuf = (req.headers['content-type'] ?? '').includes('application/octet-stream');
      return { frame: body, make: () => new HttpStreamTransport(res, protobuf ? 'protobuf' : 'json'), type: protobuf ? 'application/octet-stream' : 'application/json' };
    });
}

/** `GET /connection/sse?cf_connect=<connect command JSON>` (what EventSource sends), or POST with the command as the body. */
export function sseEndpoint(o: StreamEndpointOptions): RequestHandler {
  return (req, res) =>
    void serve(req, res, o, ['GET', 'POST'], async () => {
      let frame: Buffer;
      if (req.method === 'GET') {
        const connect = new URL(req.url ?? '/', 'http://x').searchParams.get('cf_connect');
        if (connect === null) return null;
        frame = Buffer.from(connect);
        if (frame.length > MAX_EMULATION_BODY) throw new BodyTooLarge(MAX_EMULATION_BODY);
      } else {
        frame = await readBody(req, MAX_EMULATION_BODY);
      }
      return { frame, make: () => new SseTransport(res), type: 'text/event-stream; charset=utf-8' };
    });
}

/** The common part of the streaming endpoints: admission, the first command, the response head, the connection. */
export async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  o: StreamEndpointOptions,
  methods: string[],
  read: () => Promise<{ frame: Buffer; make: () => ResponseTransport; type: string } | null>,
): Promise<void> {
  const { ok, cors } = admit(req, res, o.originAllowed, methods);
  if (!ok) return;
  const reason = o.unavailable();
  if (reason) return fail(res, cors, 503, 100, `unavailable: ${reason}`);
  let got;
  try {
    got = await read();
  } catch (err) {
    if (err instanceof BodyTooLarge) return fail(res, cors, 413, 107, `bad request: ${err.message}`);
    return; // the request broke off
  }
  if (!got || got.frame.length === 0) return fail(res, cors, 400, 107, 'bad request: no connect command');
  res.writeHead(200, { ...cors, ...STREAM_HEADERS, 'content-type': got.type });
  const transport = got.make();
  // SSE: a first line at once, so browsers and proxies see the stream open before the connect reply.
  if (got.type.startsWith('text/event-stream')) res.write('\r\n');
  if (transport.emulated) {
    o.sessions.add(transport);
    res.on('close', () => o.sessions.remove(transport));
  }
  o.onConnection(transport, req);
  transport.receive(got.frame);
}
