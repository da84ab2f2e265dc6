/**
 * WebSocket transport at /connection/websocket. JSON goes in text frames,
 * protobuf in binary frames; protobuf is chosen by the `centrifuge-protobuf`
 * subprotocol (which must be echoed, or browsers fail the handshake) or by
 * `?cf_protocol=protobuf` / `?format=protobuf`.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import type { ProtocolName } from '../protocol/types';
import type { SharedFrame, Transport } from './transport';

export const PROTOBUF_SUBPROTOCOL = 'centrifuge-protobuf';
const JSON_SUBPROTOCOL = 'centrifuge-json';
const OPCODE_TEXT = 1;
const OPCODE_BINARY = 2;
/** ws's Sender state when nothing is queued inside it (no compression in flight). */
const SENDER_IDLE = 0;

/** ws exports its frame builder at runtime but not in its typings. */
const Sender = (WebSocket as unknown as { Sender: { frame(data: Buffer, opts: object): Buffer[] } }).Sender;

interface SenderInternals {
  _state: number;
  sendFrame(list: Buffer[], cb?: () => void): void;
}

export class WebSocketTransport implements Transport {
  readonly name = 'websocket';
  private readonly opcode: number;

  constructor(
    private readonly ws: WebSocket,
    readonly protocol: ProtocolName,
  ) {
    this.opcode = protocol === 'protobuf' ? OPCODE_BINARY : OPCODE_TEXT;
  }

  write(frame: Buffer): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(frame, { binary: this.opcode === OPCODE_BINARY });
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
    frame.wsFrame ??= Sender.frame(frame.data, { fin: true, rsv1: false, opcode: this.opcode, mask: false, readOnly: true });
    sender.sendFrame(frame.wsFrame);
  }

  bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    else if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

export interface WebSocketAcceptorOptions {
  maxPayload: number;
  onConnection(transport: WebSocketTransport, ws: WebSocket, req: IncomingMessage): void;
}

/** Creates the ws server (no own HTTP server: the HTTP router hands it upgrades). */
export function createWebSocketServer(opts: WebSocketAcceptorOptions): WebSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has(PROTOBUF_SUBPROTOCOL) ? PROTOBUF_SUBPROTOCOL : protocols.has(JSON_SUBPROTOCOL) ? JSON_SUBPROTOCOL : false),
  });
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const protobuf =
      ws.protocol === PROTOBUF_SUBPROTOCOL || query.get('cf_protocol') === 'protobuf' || query.get('format') === 'protobuf';
    opts.onConnection(new WebSocketTransport(ws, protobuf ? 'protobuf' : 'json'), ws, req);
  });
  return wss;
}
