/**
 * Which browser origins may open connections (`client.allowed_origins`).
 * Requests without an Origin (servers, mobile apps, Node clients) always
 * pass. With no allowed origins configured only the server's own origin
 * passes; entries may use `*` as a wildcard (`https://*.example.com`, `*`).
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
