/**
 * Which browser origins may open connections (`client.allowed_origins`).
 * The server's own origin always passes; besides it, only the listed
 * origins, where entries may use `*` as a wildcard (`https://*.example.com`, `*`).
 *
 * A browser names the page that made a request in its Origin header, except
 * on what a page may load without one (a script tag, an iframe, a
 * navigation: SockJS's jsonp-polling and htmlfile transports): there its
 * Sec-Fetch-Site header says whether the page was of another origin, and its
 * Referer which one. A request that carries none of these (servers, mobile
 * apps, Node clients, browsers too old to send Sec-Fetch-Site) passes.
 */
import type { IncomingMessage } from 'node:http';
import { globMatch } from '../channel/glob';

export function originMatcher(allowed: string[]): (req: IncomingMessage) => boolean {
  // Matched without regular expressions: an Origin header is the client's text, and a pattern
  // with several `*` turned into `.*` backtracks polynomially on a long one.
  const patterns = allowed.map((a) => a.toLowerCase());
  return (req) => {
    const origin = pageOrigin(req);
    if (origin === undefined) return true;
    if (origin === null) return false;
    const o = origin.toLowerCase();
    // Gyre's own pages (the SockJS iframe, whose sends carry Gyre's origin) are always allowed.
    if (sameHost(o, req)) return true;
    return patterns.some((pattern) => globMatch(pattern, o));
  };
}

/**
 * The origin of the page that made a request: its Origin header or, where a browser sends none for a
 * request from another origin, its Referer's. undefined: no page of another origin made it; null: one
 * did and does not say which (`Referrer-Policy: no-referrer`, a sandboxed or local page).
 */
function pageOrigin(req: IncomingMessage): string | null | undefined {
  const origin = req.headers.origin;
  if (origin) return origin;
  const site = req.headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return undefined;
  const referer = req.headers.referer;
  if (!referer) return null;
  try {
    const o = new URL(referer).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

function sameHost(origin: string, req: IncomingMessage): boolean {
  try {
    return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*$/;
const HOST = /^[a-z0-9.-]+$/;
const PORT = /^(?:\*|[0-9]{1,5})$/;

/**
 * `client.allowed_origins` as the sources of a Content-Security-Policy `frame-ancestors` directive, after
 * `'self'`: `*`, exact origins, `scheme://*.domain` and `:*` ports are what CSP can say. Other patterns
 * (`https://app-*.example.com`, `?`) cannot be said there and are left out, so a page they match cannot
 * frame Gyre's pages (it is refused rather than a wider set let in).
 */
export function frameAncestors(allowed: string[]): string {
  const sources = ["'self'"];
  for (const pattern of allowed.map((a) => a.toLowerCase())) {
    if (pattern === '*') return '*';
    if (cspSource(pattern)) sources.push(pattern);
  }
  return sources.join(' ');
}

function cspSource(pattern: string): boolean {
  const sep = pattern.indexOf('://');
  if (sep <= 0 || !SCHEME.test(pattern.slice(0, sep))) return false;
  let host = pattern.slice(sep + 3);
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    if (!PORT.test(host.slice(colon + 1))) return false;
    host = host.slice(0, colon);
  }
  if (host.startsWith('*.')) host = host.slice(2);
  return HOST.test(host);
}
