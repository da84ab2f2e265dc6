/**
 * WebSocket transport at /connection/websocket. JSON goes in text frames,
 * protobuf in binary frames; protobuf is chosen by the `centrifuge-protobuf`
 * subprotocol (which must be echoed, or browsers fail the handshake) or by
 * `?cf_protocol=protobuf` / `?format=protobuf`. Messages queued together go
 * out as one frame, joined the way the codec's stream format joins them.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { type Disconnect, endsSilently } from '../disconnect';
import { refuseUpgrade, type UpgradeHandler } from '../http/router';
import type { Codec } from '../protocol/codec';
import { codecs } from '../protocol/codecs';
import type { SharedFrame } from '../protocol/prepared-push';
import type { ProtocolName } from '../protocol/types';
import type { Transport, TransportSink } from './transport';

export const PROTOBUF_SUBPROTOCOL = 'centrifuge-protobuf';
const JSON_SUBPROTOCOL = 'centrifuge-json';
const OPCODE_TEXT = 1;
const OPCODE_BINARY = 2;
/** ws's Sender state when nothing is queued inside it (no compression in flight). */
const SENDER_IDLE = 0;
/**
 * Shared frames up to this size are kept as one buffer, header and payload together: ws writes a
 * header+payload pair corked, as one writev, which costs each connection more than one write of a
 * single buffer (a quarter of a ping's CPU); the copy is made once for all connections.
 */
const JOIN_SHARED_BELOW = 16 * 1024;

/** ws exports its frame builder at runtime but not in its typings. */
const Sender = (WebSocket as unknown as { Sender: { frame(data: Buffer, opts: object): Buffer[] } }).Sender;

interface SenderInternals {
  _state: number;
  sendFrame(list: Buffer[], cb?: () => void): void;
}

export class WebSocketTransport implements Transport {
  readonly name: string = 'websocket';
  readonly unidirectional: boolean = false;
  readonly emulated = false;
  readonly serverPings = true;
  private readonly opcode: number;
  private readonly codec: Codec;

  constructor(
    protected readonly ws: WebSocket,
    readonly protocol: ProtocolName,
  ) {
    this.opcode = protocol === 'protobuf' ? OPCODE_BINARY : OPCODE_TEXT;
    this.codec = codecs[protocol];
  }

  attach(sink: TransportSink): void {
    this.ws.on('message', (data: Buffer) => sink.handleFrame(data));
    this.ws.on('close', () => sink.handleTransportClosed());
    // 'close' follows every error; nothing to do here but keep ws from throwing.
    this.ws.on('error', () => {});
  }

  write(message: Buffer): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(message, { binary: this.opcode === OPCODE_BINARY });
  }

  writeMany(messages: Buffer[], totalBytes: number): void {
    this.write(this.codec.joinFrame(messages, totalBytes));
  }

  /**
   * A broadcast frame is framed once and the same header+payload buffers go to
   * every socket. This uses ws's Sender.frame/sendFrame, as socket.io does;
   * with permessage-deflate off the sender is idle between writes, and when it
   * is not we fall back to a normal send.
   */
  writeShared(frame: SharedFrame): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const sender = (this.ws as unknown as { _sender?: SenderInternals })._sender;
    if (!sender || sender._state !== SENDER_IDLE || typeof sender.sendFrame !== 'function') {
      this.write(frame.data);
      return;
    }
    frame.wsFrame ??= joinSmall(Sender.frame(frame.data, { fin: true, rsv1: false, opcode: this.opcode, mask: false, readOnly: true }));
    sender.sendFrame(frame.wsFrame);
  }

  bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** A close frame with the code and reason; `connectionClosed` (never sent) drops the socket without one, as Centrifugo does. */
  close(d: Disconnect): void {
    if (this.ws.readyState === WebSocket.OPEN && !endsSilently(d)) this.ws.close(d.code, d.reason);
    else if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

/** `?cf_protocol=protobuf` or `?format=protobuf`; most URLs have no query, and parsing one costs more than the rest of the upgrade callback. */
function queryAsksProtobuf(url: string | undefined): boolean {
  if (!url || !url.includes('?')) return false;
  const query = new URL(url, 'http://x').searchParams;
  return query.get('cf_protocol') === 'protobuf' || query.get('format') === 'protobuf';
}

function joinSmall(framed: Buffer[]): Buffer[] {
  return framed.length === 2 && framed[1]!.length < JOIN_SHARED_BELOW ? [Buffer.concat(framed)] : framed;
}

export interface WebSocketEndpointOptions {
  /** websocket.message_size_limit: a larger inbound message closes the connection with 1009. */
  maxPayload: number;
  /** Whether the request's Origin may connect (client.allowed_origins). */
  originAllowed(req: IncomingMessage): boolean;
  /** Why this process cannot take connections now, or null when it can. */
  unavailable(): string | null;
  /** A new connection, ready to be attached to its client. */
  onConnection(transport: WebSocketTransport, req: IncomingMessage): void;
  /** Makes the transport of an accepted socket (default: the bidirectional WebSocket transport). */
  make?(ws: WebSocket, protocol: ProtocolName): WebSocketTransport;
  onRefused(req: IncomingMessage, why: string): void;
}

/** The upgrade handler of /connection/websocket, for the HttpRouter. */
export function websocketEndpoint(opts: WebSocketEndpointOptions): UpgradeHandler {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has(PROTOBUF_SUBPROTOCOL) ? PROTOBUF_SUBPROTOCOL : protocols.has(JSON_SUBPROTOCOL) ? JSON_SUBPROTOCOL : false),
  });
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!opts.originAllowed(req)) {
      opts.onRefused(req, 'origin not allowed');
      return refuseUpgrade(socket, 403, 'Forbidden', 103, 'permission denied: origin not allowed (client.allowed_origins)');
    }
    const reason = opts.unavailable();
    if (reason) return refuseUpgrade(socket, 503, 'Service Unavailable', 100, `unavailable: ${reason}`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const protobuf = ws.protocol === PROTOBUF_SUBPROTOCOL || queryAsksProtobuf(req.url);
      const protocol = protobuf ? 'protobuf' : 'json';
      opts.onConnection(opts.make ? opts.make(ws, protocol) : new WebSocketTransport(ws, protocol), req);
    });
  };
}
