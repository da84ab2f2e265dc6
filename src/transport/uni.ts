/**
 * Unidirectional transports, for clients without an SDK: `uni_websocket`
 * (the connect request as the first message), `uni_sse` (in the `cf_connect`
 * URL parameter, so a browser's plain EventSource works, or as a POST body)
 * and `uni_http_stream` (the POST body, so curl works). The connect request is
 * Centrifugo's ConnectRequest as JSON (`token`, `data`, `name`, `version`,
 * `subs` with recovery positions); the client sends nothing after it.
 *
 * What goes down is Centrifugo's push format: bare Push objects, the first one
 * `{"connect": {...}}`, then `{"channel": …, "pub": …}` and the rest. The
 * client state machine writes replies as usual; these transports rewrite each
 * one: a push is unwrapped (a slice of its bytes, no re-encoding), the connect
 * reply becomes a connect push; a refused connect ends with one disconnect push
 * (client.ts `failConnect`, disconnect.ts `refusedConnect`). Pings are
 * `{}` (`null` on uni_http_stream, as Centrifugo sends) and need no answer.
 */
import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import { type Disconnect, endsSilently } from '../disconnect';
import { BodyTooLarge, readBody } from '../http/body';
import type { RequestHandler } from '../http/router';
import { isObject } from '../protocol/json-values';
import type { SharedFrame } from '../protocol/prepared-push';
import type { ProtocolName } from '../protocol/types';
import { MAX_EMULATION_BODY } from './emulation';
import { disconnectPush, ResponseTransport, serve, type StreamEndpointOptions } from './http-stream';
import type { TransportSink } from './transport';
import { WebSocketTransport } from './websocket';

const PUSH_PREFIX = Buffer.from('{"push":');
const PING = Buffer.from('{}');
const NULL = Buffer.from('null');
const NEWLINE = Buffer.from('\n');
const SSE_PREFIX = Buffer.from('data: ');
const SSE_SUFFIX = Buffer.from('\n\n');

/** The JSON command the client state machine expects for a unidirectional connect request; null when it is not a JSON object. */
export function connectCommand(request: Buffer): Buffer | null {
  let v: unknown = {};
  if (request.length > 0) {
    try {
      v = JSON.parse(request.toString('utf8'));
    } catch {
      return null;
    }
  }
  if (!isObject(v)) return null;
  return Buffer.from(JSON.stringify({ id: 1, connect: v }));
}

/**
 * One encoded JSON reply as a unidirectional client receives it. Besides
 * pushes and pings it is only ever sent the connect reply (a refused connect
 * reaches it as a disconnect push, through `close`).
 */
export function toPush(message: Buffer, ping: Buffer = PING): Buffer {
  if (message.subarray(0, PUSH_PREFIX.length).equals(PUSH_PREFIX)) return message.subarray(PUSH_PREFIX.length, message.length - 1);
  if (message.equals(PING)) return ping;
  // The connect reply: once per connection, so parsed and rewritten.
  const reply = JSON.parse(message.toString('utf8')) as { connect?: unknown };
  return reply.connect === undefined ? message : Buffer.from(JSON.stringify({ connect: reply.connect }));
}

/** uni_websocket: the first message is the connect request; one WebSocket message per push. */
export class UniWebSocketTransport extends WebSocketTransport {
  override readonly name = 'uni_websocket';
  override readonly unidirectional = true;

  constructor(ws: WebSocket) {
    super(ws, 'json');
  }

  override attach(sink: TransportSink): void {
    let first = true;
    this.ws.on('message', (data: Buffer) => {
      if (!first) return; // a unidirectional client has nothing more to say
      first = false;
      const command = connectCommand(data);
      if (command) sink.handleFrame(command);
      else this.ws.close(3501, 'bad request');
    });
    this.ws.on('close', () => sink.handleTransportClosed());
    this.ws.on('error', () => {});
  }

  override write(message: Buffer): void {
    super.write(toPush(message));
  }

  override writeMany(messages: Buffer[]): void {
    for (const m of messages) this.write(m);
  }

  override writeShared(frame: SharedFrame): void {
    for (const m of frame.messages ?? [frame.data]) this.write(m);
  }

  /** The disconnect push, as on the other unidirectional transports, then the close frame with the same code. */
  override close(d: Disconnect): void {
    if (!endsSilently(d)) this.write(disconnectPush('json', d));
    super.close(d);
  }
}

class UniHttpStreamTransport extends ResponseTransport {
  constructor(res: ServerResponse) {
    super('uni_http_stream', 'json', res, true);
  }

  frameMessages(messages: readonly Buffer[]): Buffer {
    const parts: Buffer[] = [];
    for (const m of messages) parts.push(toPush(m, NULL), NEWLINE);
    return Buffer.concat(parts);
  }
}

class UniSseTransport extends ResponseTransport {
  constructor(res: ServerResponse) {
    super('uni_sse', 'json', res, true);
  }

  frameMessages(messages: readonly Buffer[]): Buffer {
    const parts: Buffer[] = [];
    for (const m of messages) parts.push(SSE_PREFIX, toPush(m), SSE_SUFFIX);
    return Buffer.concat(parts);
  }
}

/** `POST /connection/uni_http_stream` with the connect request as the body (empty: `{}`). */
export function uniHttpStreamEndpoint(o: StreamEndpointOptions): RequestHandler {
  return (req, res) =>
    void serve(req, res, o, ['POST'], async () => {
      const command = connectCommand(await readBody(req, MAX_EMULATION_BODY));
      return command && { frame: command, make: () => new UniHttpStreamTransport(res), type: 'application/json' };
    });
}

/** `GET /connection/uni_sse?cf_connect=<connect request JSON>` (EventSource), or POST with it as the body. */
export function uniSseEndpoint(o: StreamEndpointOptions): RequestHandler {
  return (req, res) =>
    void serve(req, res, o, ['GET', 'POST'], async () => {
      const request = req.method === 'GET' ? Buffer.from(new URL(req.url ?? '/', 'http://x').searchParams.get('cf_connect') ?? '') : await readBody(req, MAX_EMULATION_BODY);
      if (request.length > MAX_EMULATION_BODY) throw new BodyTooLarge(MAX_EMULATION_BODY);
      const command = connectCommand(request);
      return command && { frame: command, make: () => new UniSseTransport(res), type: 'text/event-stream; charset=utf-8' };
    });
}

/** The transport factory of /connection/uni_websocket (JSON only). */
export function makeUniWebSocket(ws: WebSocket, _protocol: ProtocolName): WebSocketTransport {
  return new UniWebSocketTransport(ws);
}
