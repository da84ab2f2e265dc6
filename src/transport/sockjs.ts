/**
 * SockJS at /connection/sockjs, on the `sockjs` package (the server side of
 * sockjs-client): every SockJS transport — websocket, xhr-streaming,
 * xhr-polling, eventsource, iframe-eventsource, iframe-htmlfile,
 * jsonp-polling — carrying Centrifugo's JSON protocol (one SockJS message
 * holds newline-delimited commands or replies). Heartbeats and the
 * disconnect delay are sockjs's; when a session is abandoned sockjs closes it
 * and the client's subscriptions and presence go with it.
 *
 * With several workers, every HTTP request of one SockJS session must reach
 * the worker that holds it (see sockjs-routing.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import sockjs from 'sockjs';
import type { Disconnect } from '../disconnect';
import { errorJson, refuseUpgrade } from '../http/router';
import type { SharedFrame } from '../protocol/prepared-push';
import { MAX_EMULATION_BODY } from './emulation';
import type { Transport, TransportSink } from './transport';

export const SOCKJS_PREFIX = '/connection/sockjs';

/** A send (xhr_send, jsonp_send) that declares a body over 64 KiB: 413, as /emulation. */
function tooLarge(req: IncomingMessage): [number, string, number, string] | null {
  const length = Number(req.headers['content-length'] ?? 0);
  return req.method === 'POST' && length > MAX_EMULATION_BODY ? [413, 'Payload Too Large', 107, `bad request: body larger than ${MAX_EMULATION_BODY} bytes`] : null;
}

/** What sockjs exposes of a session beyond its typings: the messages not yet taken by the client. */
interface SessionInternals {
  _session?: { send_buffer?: string[] };
}

export class SockJsTransport implements Transport {
  readonly name = 'sockjs';
  readonly protocol = 'json' as const;
  readonly unidirectional = false;
  readonly emulated = false;
  readonly serverPings = true;

  constructor(private readonly conn: sockjs.Connection) {}

  attach(sink: TransportSink): void {
    this.conn.on('data', (message: string) => sink.handleFrame(Buffer.from(message, 'utf8')));
    this.conn.on('close', () => sink.handleTransportClosed());
  }

  write(message: Buffer): void {
    this.conn.write(message.toString('utf8'));
  }

  writeMany(messages: Buffer[]): void {
    this.conn.write(messages.map((m) => m.toString('utf8')).join('\n'));
  }

  writeShared(frame: SharedFrame): void {
    this.write(frame.data);
  }

  /** What waits in the session for a polling client to fetch it: grows while the client does not come back for it. */
  bufferedAmount(): number {
    const buffer = (this.conn as unknown as SessionInternals)._session?.send_buffer;
    let n = 0;
    if (buffer) for (const s of buffer) n += s.length;
    return n;
  }

  close(d: Disconnect): void {
    this.conn.close(String(d.code), d.reason);
  }
}

export interface SockJsEndpointOptions {
  /** sockjs.url: the sockjs-client script the iframe transports' page loads. */
  clientUrl: string;
  originAllowed(req: IncomingMessage): boolean;
  unavailable(): string | null;
  onConnection(transport: SockJsTransport): void;
}

/** sockjs's handler for requests and upgrades under /connection/sockjs, behind the origin and health checks. */
export function sockjsEndpoint(o: SockJsEndpointOptions): {
  request(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
} {
  const server = sockjs.createServer({
    prefix: SOCKJS_PREFIX,
    sockjs_url: o.clientUrl,
    // sockjs logs every request at info through console.log; Gyre logs what matters itself.
    log: () => {},
  });
  server.on('connection', (conn: sockjs.Connection | null) => {
    // sockjs emits null for a connection closed before it opened.
    if (conn) o.onConnection(new SockJsTransport(conn));
  });
  const handler = (server as unknown as { listener(opts?: object): { getHandler(): (a: unknown, b: unknown, c?: unknown) => boolean } }).listener().getHandler();
  const refusal = (req: IncomingMessage): [number, string, number, string] | null => {
    if (!o.originAllowed(req)) return [403, 'Forbidden', 103, 'permission denied: origin not allowed (client.allowed_origins)'];
    const reason = o.unavailable();
    return reason ? [503, 'Service Unavailable', 100, `unavailable: ${reason}`] : null;
  };
  return {
    request(req, res) {
      const refused = refusal(req) ?? tooLarge(req);
      if (refused) {
        res.writeHead(refused[0], { 'content-type': 'application/json' });
        res.end(errorJson(refused[2], refused[3]));
        return;
      }
      // sockjs reads a send's body whole, without a limit: one that grows past it while arriving is cut off.
      if (req.method === 'POST') {
        let size = 0;
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_EMULATION_BODY) req.destroy();
        });
      }
      handler(req, res);
    },
    upgrade(req, socket, head) {
      const refused = refusal(req);
      if (refused) return refuseUpgrade(socket, ...refused);
      handler(req, socket, head);
    },
  };
}
