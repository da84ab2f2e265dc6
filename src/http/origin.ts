/**
 * Which browser origins may open connections (`client.allowed_origins`).
 * Requests without an Origin (servers, mobile apps, Node clients) always
 * pass, and so does the server's own origin; besides those, only the listed
 * origins, where entries may use `*` as a wildcard (`https://*.example.com`, `*`).
 */
import type { IncomingMessage } from 'node:http';
import { globMatch } from '../channel/glob';

export function originMatcher(allowed: string[]): (req: IncomingMessage) => boolean {
  // Matched without regular expressions: an Origin header is the client's text, and a pattern
  // with several `*` turned into `.*` backtracks polynomially on a long one.
  const patterns = allowed.map((a) => a.toLowerCase());
  return (req) => {
    const origin = req.headers.origin;
    if (!origin) return true;
    const o = origin.toLowerCase();
    // Gyre's own pages (the SockJS iframe, whose sends carry Gyre's origin) are always allowed.
    if (sameHost(o, req)) return true;
    return patterns.some((pattern) => globMatch(pattern, o));
  };
}

function sameHost(origin: string, req: IncomingMessage): boolean {
  try {
    return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
