/**
 * One HTTP server per worker, on the configured port: WebSocket upgrades at
 * /connection/websocket, the server API under /api, and /health. Browser
 * connections are checked against `client.allowed_origins`.
 */
import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { HttpApi } from './api/http-api';
import { globMatch } from './channel/glob';
import type { Config } from './config/schema';
import type { Logger } from './log';

export interface HttpServerDeps {
  config: Config;
  api: HttpApi;
  wss: WebSocketServer;
  log: Logger;
  /** Why this process cannot serve now, or null when it can. */
  unhealthyReason(): string | null;
}

export function createHttpServer(d: HttpServerDeps): http.Server {
  const origins = originMatcher(d.config.client.allowed_origins);
  const server = http.createServer((req, res) => {
    const path = pathOf(req);
    if (path === '/api' || path.startsWith('/api/')) {
      void d.api.handle(req, res, path);
    } else if (path === '/health') {
      const reason = d.unhealthyReason();
      res.writeHead(reason ? 503 : 200, { 'content-type': 'application/json' });
      res.end(reason ? JSON.stringify({ error: reason }) : '{}');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(errorJson(104, 'not found'));
    }
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = pathOf(req);
    if (path !== '/connection/websocket') return reject(socket, 404, 'Not Found', errorJson(104, 'not found'));
    if (!origins(req)) {
      d.log.info({ origin: req.headers.origin }, 'origin not allowed');
      return reject(socket, 403, 'Forbidden', errorJson(103, 'permission denied: origin not allowed (client.allowed_origins)'));
    }
    const reason = d.unhealthyReason();
    if (reason) return reject(socket, 503, 'Service Unavailable', errorJson(100, `unavailable: ${reason}`));
    d.wss.handleUpgrade(req, socket, head, (ws) => d.wss.emit('connection', ws, req));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** An `{"error":{code, message}}` body: every refusal says why, in a form any client parses. */
function errorJson(code: number, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

function reject(socket: Duplex, status: number, text: string, body: string): void {
  const head = `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  socket.end(head + body);
}

/**
 * Requests without an Origin (servers, mobile apps, Node clients) always
 * pass. With no allowed origins configured only the server's own origin
 * passes; entries may use `*` as a wildcard (`https://*.example.com`, `*`).
 */
export function originMatcher(allowed: string[]): (req: IncomingMessage) => boolean {
  // Matched without regular expressions: an Origin header is the client's text, and a pattern
  // with several `*` turned into `.*` backtracks polynomially on a long one.
  const patterns = allowed.map((a) => a.toLowerCase());
  return (req) => {
    const origin = req.headers.origin;
    if (!origin) return true;
    const o = origin.toLowerCase();
    if (patterns.length === 0) {
      try {
        return new URL(o).host === (req.headers.host ?? '').toLowerCase();
      } catch {
        return false;
      }
    }
    return patterns.some((pattern) => globMatch(pattern, o));
  };
}
