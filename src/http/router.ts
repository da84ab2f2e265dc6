/**
 * Routes of a node and the server that answers them. Everything that answers
 * registers in a router: the server API, /health, each transport's
 * endpoints and upgrade handlers, /metrics, /emulation, SockJS, the admin
 * UI. Exact paths win over prefixes. On Gyre's own server a request no route
 * claims is a JSON 404, and so is an upgrade no route claims; one Node's
 * parser refuses (headers over its limit: 431, malformed: 400) gets a JSON
 * error as well. On an application's server (src/library/gyre.ts) what no
 * route claims is the application's.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeLater } from './body';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export class HttpRouter {
  private readonly exact = new Map<string, RequestHandler>();
  private readonly prefixes: [string, RequestHandler][] = [];
  private readonly upgrades = new Map<string, UpgradeHandler>();
  private readonly upgradePrefixes: [string, UpgradeHandler][] = [];

  /** Requests to exactly this path (query string aside). */
  route(path: string, handler: RequestHandler): this {
    this.exact.set(path, handler);
    return this;
  }

  /** Requests to this path and everything below it (`/api` takes `/api` and `/api/...`). */
  routePrefix(prefix: string, handler: RequestHandler): this {
    this.prefixes.push([prefix, handler]);
    return this;
  }

  /** Upgrade requests (WebSocket) to exactly this path, or to everything below it with `prefix`. */
  upgrade(path: string, handler: UpgradeHandler, opts: { prefix?: boolean } = {}): this {
    if (opts.prefix) this.upgradePrefixes.push([path, handler]);
    else this.upgrades.set(path, handler);
    return this;
  }

  /** Answers the request when a route claims it; false leaves it to someone else. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = pathOf(req);
    const handler = this.exact.get(path) ?? this.prefixes.find(([p]) => under(path, p))?.[1];
    if (!handler) return false;
    handler(req, res, path);
    return true;
  }

  /** Takes the upgrade when a route claims it; false leaves it to someone else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(req);
    const handler = this.upgrades.get(path) ?? this.upgradePrefixes.find(([p]) => under(path, p))?.[1];
    if (!handler) return false;
    handler(req, socket, head);
    return true;
  }
}

/**
 * A server of Gyre's own answering with these routers, first claim wins: a
 * request or upgrade none claims is a JSON 404, and one Node's parser
 * refuses gets a JSON error too.
 */
export function createServer(routers: readonly HttpRouter[]): http.Server {
  const server = http.createServer((req, res) => {
    if (!routers.some((r) => r.handle(req, res))) sendError(res, 404, 104, 'not found');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!routers.some((r) => r.handleUpgrade(req, socket, head))) refuseUpgrade(socket, 404, 'Not Found', 104, 'not found');
  });
  server.on('clientError', answerClientError);
  return server;
}

export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** An `{"error":{code, message}}` body: every refusal says why, in a form any client parses. */
export function errorJson(code: number, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

export function sendError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, errorJson(code, message), headers);
}

/** A JSON answer that no cache keeps. */
export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** A whole HTTP answer with a JSON error, for a socket no ServerResponse writes to; the connection closes after it. */
function rawAnswer(status: number, text: string, code: number, message: string): string {
  const body = errorJson(code, message);
  return `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Answers an upgrade request with an HTTP error instead of switching protocols. */
export function refuseUpgrade(socket: Duplex, status: number, text: string, code: number, message: string): void {
  socket.end(rawAnswer(status, text, code, message));
}

/** What Node's HTTP parser refusals are answered with (its own answers have no body). */
function clientErrorAnswer(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      // Node counts the request line in the header limit: a long URL (a large cf_connect) lands here too.
      return [431, 'Request Header Fields Too Large', `bad request: the URL and headers exceed ${http.maxHeaderSize} bytes`];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'Payload Too Large', 'bad request: chunk extensions too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request Timeout', 'bad request: the request did not arrive in time'];
    default:
      return [400, 'Bad Request', 'bad request: malformed HTTP request'];
  }
}

/** Sockets answered by answerClientError: a later error on one (its client still sending) must not cut it before the answer is read. */
const answered = new WeakSet<Duplex>();

/**
 * A request Node's parser refused (headers over its limit, a malformed
 * request line, a timeout) gets Gyre's JSON error, once, unless an answer is
 * already under way on the socket (a stream, a pipelined request): writing
 * into it would corrupt it, so that socket is cut instead, as Node's own
 * handler does. The answer ends the connection, which closes once the client
 * has closed its side, or LINGER_MS later.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (answered.has(socket)) return;
  // Node's own check (socketOnError in _http_server.js): the response in flight on this socket, if any.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  const [status, text, message] = clientErrorAnswer(err.code);
  socket.end(rawAnswer(status, text, 107, message));
  closeLater(socket);
}
