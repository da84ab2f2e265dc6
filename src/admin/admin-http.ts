/**
 * The admin web UI and its API, on the main port when admin.enabled:
 *
 * - `GET /` and `GET /admin/static/<file>`: the UI, shipped in the package
 *   (ui/static, and ui/src compiled to dist/ui) and held in memory; no CDN.
 * - `GET /favicon.ico`: the UI's icon (an SVG, as the page links it), for
 *   browsers and tools that ask the conventional path. With the admin off
 *   nothing claims the path and it stays the router's JSON 404: the port then
 *   serves no page to put an icon on.
 * - `POST /admin/auth` `{"password"}` → `{"token","expires_at"}`; 401 for a
 *   wrong password, 429 (with Retry-After) once an address has failed too often.
 * - `POST /admin/api/<method>` with `Authorization: token <t>`: every server
 *   API method (same params and results), plus `dead_letters`,
 *   `dead_letter_requeue`, `dead_letter_drop` and `trace` (a stream of a
 *   channel's publications, joins and leaves as NDJSON lines). 401 without a
 *   valid token.
 *
 * Every answer is JSON built by the protocol serializer (keys and strings
 * escaped, foreign bytes base64), and the UI sets text, never HTML, so what a
 * publisher or client sent cannot run in the admin's page; the CSP below
 * forbids any script but the UI's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiExecutor } from '../api/methods';
import { errorBody } from '../api/methods';
import { isObject, optionalInt, requiredString } from '../api/params';
import { ClientError, Errors } from '../errors';
import { BodyTooLarge, readBody } from '../http/body';
import { sendError, sendJson } from '../http/router';
import type { InFlight } from '../http/in-flight';
import type { ProxyHeader, TrustedProxies } from '../http/trusted-proxies';
import type { EngineFailures } from '../engine/outage-log';
import type { DeadLetters } from '../ingest/dead-letters';
import type { Logger } from '../log';
import type { Node } from '../node/node';
import { serialize } from '../protocol/codec-json';
import { AdminAuth, type LoginLimiter, LoginThrottle } from './auth';
import { TraceStreams } from './trace';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
const LOGIN_BODY_LIMIT = 4096;
/** ui/static's icon, also answered at /favicon.ico. */
const FAVICON = 'favicon.svg';
/** Methods whose calls are logged with the caller's address: the ones that change something. */
const AUDITED = new Set(['publish', 'broadcast', 'subscribe', 'unsubscribe', 'disconnect', 'refresh', 'history_remove', 'dead_letter_requeue', 'dead_letter_drop']);

export interface AdminOptions {
  password: string;
  secret: string;
  /** api.max_body_size: admin API bodies are server API bodies. */
  maxBodySize: number;
  api: ApiExecutor;
  node: Node;
  /** Null without Redis ingestion (the memory engine). */
  deadLetters: DeadLetters | null;
  /** Where a dead-letter call that Redis failed is reported (the engine logs an outage once). */
  failures: EngineFailures;
  log: Logger;
  /** Shared with the server API: a drain waits for admin actions too. */
  requests: InFlight;
  /** Failed logins per address; the engine's when it shares them (Redis), else this worker's. */
  limiter?: LoginLimiter;
  /** admin.trusted_proxies and admin.proxy_header: where a request's client address comes from. */
  proxies: TrustedProxies;
  proxyHeader: ProxyHeader;
}

type Asset = { body: Buffer; type: string };

export class AdminHttp {
  private readonly auth: AdminAuth;
  private readonly throttle: LoginLimiter;
  private readonly assets: Map<string, Asset>;
  private readonly traces: TraceStreams;

  constructor(private readonly o: AdminOptions) {
    this.auth = new AdminAuth(o.password, o.secret);
    this.throttle = o.limiter ?? new LoginThrottle();
    this.assets = loadAssets();
    this.traces = new TraceStreams(o.node);
  }

  /** `GET /`: the UI's page. */
  page = (req: IncomingMessage, res: ServerResponse): void => {
    this.asset(req, res, 'index.html');
  };

  /** `GET /favicon.ico`: the icon the page links (the type says SVG; browsers go by it, not by the name). */
  favicon = (req: IncomingMessage, res: ServerResponse): void => {
    this.asset(req, res, FAVICON);
  };

  /** `/admin/...`: static files, login, the API. */
  handle = (req: IncomingMessage, res: ServerResponse, urlPath: string): void => {
    if (urlPath.startsWith('/admin/static/')) this.asset(req, res, urlPath.slice('/admin/static/'.length));
    else if (urlPath === '/admin/auth') void this.login(req, res);
    else if (urlPath.startsWith('/admin/api/')) void this.o.requests.run(() => this.call(req, res, urlPath.slice('/admin/api/'.length)));
    else sendError(res, 404, 104, 'not found');
  };

  private asset(req: IncomingMessage, res: ServerResponse, name: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 104, 'method not allowed');
    const a = this.assets.get(name);
    if (!a) return sendError(res, 404, 104, 'not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': a.type, 'content-length': a.body.length, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : a.body);
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 104, 'method not allowed: POST the password');
    const address = this.clientAddress(req);
    // The attempt is spent now, before the password is read: a burst of concurrent guesses gets BURST tries, not one each.
    const wait = await this.throttle.attempt(address);
    if (wait > 0) {
      req.resume();
      return sendError(res, 429, 111, 'too many failed logins; try again later', { 'retry-after': String(Math.ceil(wait / 1000)) });
    }
    let password: unknown;
    try {
      const body = await readBody(req, LOGIN_BODY_LIMIT);
      password = parseJson(body)?.['password'];
    } catch (err) {
      return sendError(res, err instanceof BodyTooLarge ? 413 : 400, 107, 'bad request: send {"password": "..."}');
    }
    if (typeof password !== 'string' || !this.auth.passwordMatches(password)) {
      this.o.log.warn({ address }, 'admin login refused');
      return sendError(res, 401, 101, 'unauthorized: wrong password');
    }
    await this.throttle.succeeded(address);
    this.o.log.info({ address }, 'admin logged in');
    sendJson(res, 200, serialize(this.auth.issue()));
  }

  private async call(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 104, 'method not allowed: the admin API takes POST');
    if (!this.authorized(req)) {
      req.resume();
      return sendError(res, 401, 101, 'unauthorized: log in for a token and send it as Authorization: token <token>');
    }
    let params: Record<string, unknown>;
    try {
      params = parseJson(await readBody(req, this.o.maxBodySize)) ?? {};
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, 107, `bad request: body larger than ${err.limit} bytes`);
      return sendError(res, 400, 107, 'bad request: the body must be a JSON object');
    }
    if (AUDITED.has(method)) this.o.log.info({ method, address: this.clientAddress(req), channel: params['channel'], user: params['user'] }, 'admin action');
    // A trace lasts until the admin closes it: not a request a drain should wait for.
    if (method === 'trace') return void this.trace(res, params);
    try {
      sendJson(res, 200, serialize({ result: await this.run(method, params) }));
    } catch (err) {
      if (!(err instanceof ClientError)) this.o.log.error({ err, method }, 'admin call failed');
      sendJson(res, 200, serialize({ error: errorBody(err) }));
    }
  }

  private async run(method: string, p: Record<string, unknown>): Promise<object> {
    switch (method) {
      case 'dead_letters':
        return this.dead((d) => d.page(nonNegative(p, 'offset', 0), nonNegative(p, 'limit', 20)));
      case 'dead_letter_requeue':
        return { requeued: await this.dead((d) => d.requeue(requiredString(p, 'record'))) };
      case 'dead_letter_drop':
        return { dropped: await this.dead((d) => d.drop(requiredString(p, 'record'))) };
      default:
        if (!this.o.api.has(method)) throw Errors.methodNotFound;
        return this.o.api.call(method, p);
    }
  }

  /** A dead-letter call: 108 without Redis ingestion, 100 (temporary) when Redis fails it, as the server API answers. */
  private async dead<T>(call: (d: DeadLetters) => Promise<T>): Promise<T> {
    if (!this.o.deadLetters) throw new ClientError(108, 'not available: Redis ingestion is off (engine memory, or api.redis_ingest false)');
    try {
      return await call(this.o.deadLetters);
    } catch (err) {
      if (err instanceof ClientError) throw err;
      this.o.failures.failed('dead_letters', err);
      throw Errors.internal;
    }
  }

  private async trace(res: ServerResponse, p: Record<string, unknown>): Promise<void> {
    try {
      await this.traces.open(requiredString(p, 'channel'), res);
    } catch (err) {
      if (!(err instanceof ClientError)) this.o.log.error({ err }, 'admin trace failed');
      if (!res.headersSent) sendJson(res, 200, serialize({ error: errorBody(err) }));
    }
  }

  /**
   * Whom a login attempt is counted against and an action logged under: the
   * peer, or behind a trusted proxy the client it names. Behind a proxy the
   * peer is the proxy for every visitor, and one guesser would lock them all out.
   */
  private clientAddress(req: IncomingMessage): string {
    return this.o.proxies.clientAddress(req.socket.remoteAddress, req.headers[this.o.proxyHeader], this.o.proxyHeader);
  }

  private authorized(req: IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const space = h.indexOf(' ');
    if (space === -1) return false;
    const scheme = h.slice(0, space).toLowerCase();
    return (scheme === 'token' || scheme === 'bearer') && this.auth.verify(h.slice(space + 1).trim());
  }
}

function nonNegative(p: Record<string, unknown>, name: string, fallback: number): number {
  const v = optionalInt(p, name, fallback);
  if (v < 0) throw new ClientError(107, `bad request: ${name} must be 0 or more`);
  return v;
}

function parseJson(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0) return null;
  const v: unknown = JSON.parse(body.toString('utf8'));
  if (!isObject(v)) throw new Error('not an object');
  return v;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * The UI's files by name: the page and styles from ui/static, the compiled
 * scripts from dist/ui. Read once at start; a request names a key of this
 * map, never a path, so nothing outside these folders can be served.
 */
function loadAssets(): Map<string, Asset> {
  // Compiled: dist/src/admin → the package root is three levels up.
  const root = path.resolve(__dirname, '../../..');
  const out = new Map<string, Asset>();
  const add = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) add(full, `${prefix}${entry.name}/`);
      else if (TYPES[path.extname(entry.name)]) out.set(prefix + entry.name, { body: fs.readFileSync(full), type: TYPES[path.extname(entry.name)]! });
    }
  };
  add(path.join(root, 'ui/static'), '');
  add(path.join(root, 'dist/ui'), '');
  if (!out.has('index.html') || !out.has('main.js') || !out.has(FAVICON)) throw new Error(`admin UI files missing under ${root} (run npm run build)`);
  return out;
}
