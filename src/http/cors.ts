/**
 * The browser-facing side of the HTTP transports (HTTP-streaming, SSE, the
 * emulation endpoint): the Origin check of `client.allowed_origins`, and CORS
 * answers for allowed origins on every response, errors and preflights
 * included, so a refused request shows its real status in DevTools instead
 * of a CORS error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorJson } from './router';

export type OriginCheck = (req: IncomingMessage) => boolean;

/** CORS headers for an allowed cross-origin request (none for same-origin or non-browser requests). */
export function corsHeaders(req: IncomingMessage, allowed: OriginCheck): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowed(req)) return {};
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

/**
 * The common front of an HTTP transport route: answers a preflight (204), a
 * refused origin (403) or a wrong method (405) and returns false; true when
 * the request should be served. `cors` holds the headers every answer carries.
 */
export function admit(req: IncomingMessage, res: ServerResponse, allowed: OriginCheck, methods: string[]): { ok: boolean; cors: Record<string, string> } {
  const cors = corsHeaders(req, allowed);
  if (!allowed(req)) {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(errorJson(103, 'permission denied: origin not allowed (client.allowed_origins)'));
    return { ok: false, cors };
  }
  if (req.method === 'OPTIONS') {
    const requested = req.headers['access-control-request-headers'];
    res.writeHead(204, {
      ...cors,
      'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
      ...(typeof requested === 'string' ? { 'access-control-allow-headers': requested } : {}),
      'access-control-max-age': '300',
    });
    res.end();
    return { ok: false, cors };
  }
  if (!methods.includes(req.method ?? '')) {
    res.writeHead(405, { ...cors, 'content-type': 'application/json', allow: [...methods, 'OPTIONS'].join(', ') });
    res.end(errorJson(104, `method not allowed: use ${methods.join(' or ')}`));
    return { ok: false, cors };
  }
  return { ok: true, cors };
}

/** A JSON error answer with the route's CORS headers. */
export function fail(res: ServerResponse, cors: Record<string, string>, status: number, code: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...cors, 'content-type': 'application/json' });
  res.end(errorJson(code, message));
}

/** Headers that keep proxies and browsers from caching or buffering a stream. */
export const STREAM_HEADERS = {
  'cache-control': 'private, no-cache, no-store, must-revalidate, max-age=0',
  pragma: 'no-cache',
  expires: '0',
  'x-accel-buffering': 'no',
} as const;
