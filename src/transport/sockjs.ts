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
import { randomInt } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type Duplex, Readable } from 'node:stream';
import sockjs from 'sockjs';
import type { Disconnect } from '../disconnect';
import { BodyTooLarge, readBody } from '../http/body';
import { frameAncestors } from '../http/origin';
import { corsHeaders } from '../http/cors';
import { pathOf, refuseUpgrade, sendError } from '../http/router';
import type { SharedFrame } from '../protocol/prepared-push';
import type { Transport, TransportSink } from './transport';

export const SOCKJS_PREFIX = '/connection/sockjs';

/** The `<server>/<session>` segments sockjs-client puts in the URL of every request of a session. */
const SESSION_PATH = new RegExp(`^${SOCKJS_PREFIX}/([^/.]+)/([^/.]+)/`);

/** The `<server>/<session>` a SockJS URL names, or null when it names none (info, the iframe page, the raw websocket). */
export function sessionOf(url: string): string | null {
  const m = SESSION_PATH.exec(url);
  return m ? `${m[1]}/${m[2]}` : null;
}

/**
 * The sockjs routes that read a request body (xhr_send, jsonp_send, chunking_test: webjs.js expect_xhr,
 * expect_form), which sockjs would gather whole whatever its size.
 */
const READS_BODY = /\/(?:xhr_send|jsonp_send|chunking_test)\/?$/;

/** What sockjs reads of a request whose body it expects: the URL, method and headers, and the body as 'data' then 'end'. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  return Object.assign(Readable.from(body.length ? [body] : []), { url: req.url, method: req.method, headers: req.headers }) as unknown as IncomingMessage;
}

const INFO = new RegExp(`^${SOCKJS_PREFIX}/info/?$`);

/** GET <prefix>/iframe.html (or iframe-<anything>.html, as sockjs-client may name it): the iframe transports' page. */
const IFRAME_PAGE = new RegExp(`^${SOCKJS_PREFIX}/iframe[0-9a-z_.-]*\\.html/?$`);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside an HTML attribute value or element. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * sockjs's iframe page (iframe.js), written here because sockjs puts sockjs.url into it as is: the script
 * it loads is the one URL in it, escaped.
 */
function iframePage(clientUrl: string): string {
  return `<!DOCTYPE html>
<html>
<head>
  <meta http-equiv="X-UA-Compatible" content="IE=edge" />
  <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
  <script src="${escapeHtml(clientUrl)}"></script>
  <script>
    document.domain = document.domain;
    SockJS.bootstrap_iframe();
  </script>
</head>
<body>
  <h2>Don't panic!</h2>
  <p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>
</body>
</html>`;
}

/**
 * What sockjs exposes of a session beyond its typings: the messages not yet taken by the client, and for a
 * WebSocket the socket it runs on (trans-websocket.js: WebSocketReceiver.connection, and the raw
 * receiver's recv.connection).
 */
interface SessionInternals {
  _session?: { send_buffer?: string[]; recv?: { connection?: object | null } | null };
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

  writeMany(messages: readonly Buffer[]): void {
    this.conn.write(messages.map((m) => m.toString('utf8')).join('\n'));
  }

  writeShared(frame: SharedFrame): void {
    if (frame.messages) this.writeMany(frame.messages);
    else this.write(frame.data);
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
  /**
   * websocket.message_size_limit: the largest message a client may send, on every transport — a WebSocket
   * frame (SockJS's framing included) or the body of a send.
   */
  messageSizeLimit: number;
  /** client.allowed_origins: the pages that may frame the iframe transports' page, and what /info names. */
  allowedOrigins: string[];
  originAllowed(req: IncomingMessage): boolean;
  unavailable(): string | null;
  /** A session opened, with the headers of the request that opened it (the proxy forwards the allow-listed ones). */
  onConnection(transport: SockJsTransport, headers: IncomingHttpHeaders | undefined): void;
}

/** sockjs's handler for requests and upgrades under /connection/sockjs, behind the origin and health checks. */
export function sockjsEndpoint(o: SockJsEndpointOptions): {
  request(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
} {
  // faye_server_options is a sockjs option its typings leave out (sockjs.js, trans-websocket.js).
  const options: sockjs.ServerOptions & { faye_server_options: { maxLength: number } } = {
    prefix: SOCKJS_PREFIX,
    // faye-websocket fails a frame whose header announces more than this (1009) before reading its payload;
    // without it, it gathers up to 64 MiB of one message.
    faye_server_options: { maxLength: o.messageSizeLimit },
    // sockjs logs every request at info through console.log; Gyre logs what matters itself.
    log: () => {},
  };
  const server = sockjs.createServer(options);
  // The headers of the request that opened each session, which sockjs does not keep (it copies a few onto
  // a connection, never Cookie): a WebSocket's by its socket until it opens; an HTTP session's by its
  // <server>/<session> for the one tick in which sockjs opens it (it announces the connection on the next
  // tick, before anything else runs) — on the worker that holds the session, routed requests included.
  const upgrades = new WeakMap<object, IncomingHttpHeaders>();
  const opening = new Map<string, IncomingHttpHeaders>();
  const openedBy = (conn: sockjs.Connection): IncomingHttpHeaders | undefined => {
    if (conn.protocol.startsWith('websocket')) {
      const socket = (conn as unknown as SessionInternals)._session?.recv?.connection;
      const headers = socket ? upgrades.get(socket) : undefined;
      if (socket) upgrades.delete(socket);
      return headers;
    }
    const session = sessionOf(conn.pathname);
    return session ? opening.get(session) : undefined;
  };
  server.on('connection', (conn: sockjs.Connection | null) => {
    // sockjs emits null for a connection closed before it opened.
    if (conn) o.onConnection(new SockJsTransport(conn), openedBy(conn));
  });
  const handler = (server as unknown as { listener(opts?: object): { getHandler(): (a: unknown, b: unknown, c?: unknown) => boolean } }).listener().getHandler();
  const refusal = (req: IncomingMessage): [number, string, number, string] | null => {
    if (!o.originAllowed(req)) return [403, 'Forbidden', 103, 'permission denied: origin not allowed (client.allowed_origins)'];
    const reason = o.unavailable();
    return reason ? [503, 'Service Unavailable', 100, `unavailable: ${reason}`] : null;
  };
  const page = iframePage(o.clientUrl);
  // The iframe page opens sessions in Gyre's own origin and takes orders from its parent by postMessage:
  // only the pages that may connect may frame it (X-Frame-Options for browsers older than frame-ancestors).
  const ancestors = frameAncestors(o.allowedOrigins);
  const pageHeaders = {
    'content-type': 'text/html; charset=UTF-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': `frame-ancestors ${ancestors}`,
    ...(ancestors === "'self'" ? { 'x-frame-options': 'SAMEORIGIN' } : {}),
  };
  const limit = o.messageSizeLimit;
  const tooLarge = (res: ServerResponse) => sendError(res, 413, 107, `bad request: body larger than ${limit} bytes (websocket.message_size_limit)`);
  return {
    request(req, res) {
      const refused = refusal(req);
      if (refused) return sendError(res, refused[0], refused[2], refused[3]);
      const path = pathOf(req);
      if (req.method === 'GET' && IFRAME_PAGE.test(path)) {
        res.writeHead(200, pageHeaders);
        res.end(page);
        return;
      }
      if (req.method === 'GET' && INFO.test(path)) {
        // sockjs's /info claims every origin (["*:*"]); this one names those client.allowed_origins lets in.
        const info = { websocket: true, origins: o.allowedOrigins, cookie_needed: false, entropy: randomInt(2 ** 32 - 1) };
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'no-store, no-cache, no-transform, must-revalidate, max-age=0', ...corsHeaders(req, o.originAllowed) });
        res.end(JSON.stringify(info));
        return;
      }
      if (req.method !== 'POST' || !READS_BODY.test(path)) {
        const session = sessionOf(path);
        if (session) opening.set(session, req.headers);
        handler(req, res);
        if (session) process.nextTick(() => opening.delete(session));
        return;
      }
      // A send is read here, within the limit, and handed to sockjs only once complete and small enough; one
      // past it is refused as every body is (http/body.ts), read on briefly so the client still sees the 413.
      readBody(req, limit).then(
        (body) => handler(withBody(req, body), res),
        (err) => (err instanceof BodyTooLarge ? tooLarge(res) : res.destroy()),
      );
    },
    upgrade(req, socket, head) {
      const refused = refusal(req);
      if (refused) return refuseUpgrade(socket, ...refused);
      upgrades.set(socket, req.headers);
      handler(req, socket, head);
    },
  };
}
