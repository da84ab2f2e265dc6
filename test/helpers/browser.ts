/**
 * Headless Chromium (Debian's, driven by playwright-core) and the local HTTP
 * servers that play the web pages a browser test opens, each on its own port
 * (its own origin).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { freePort } from './server';

const modules = path.resolve(__dirname, '../../../node_modules');

/** The browser bundles a page may load, by the path the page servers answer them on. */
export const BUNDLES: Record<string, string> = {
  '/centrifuge.js': path.join(modules, 'centrifuge/dist/centrifuge.js'),
  '/sockjs.min.js': path.join(modules, 'sockjs-client/dist/sockjs.min.js'),
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface PageServer {
  server: http.Server;
  /** http://127.0.0.1:<port> */
  origin: string;
}

/**
 * A Gyre for a page served from `pageOrigin`: the Redis engine with two workers (so SockJS requests are
 * routed between them), the page's origin allowed, sockjs-client for the iframe transports from the page's
 * server; `extra` is merged over it.
 */
export function browserServerConfig(redisUrl: string, pageOrigin: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { engine: 'redis', workers: 2, redis: { url: redisUrl }, client: { allowed_origins: [pageOrigin] }, sockjs: { url: `${pageOrigin}/sockjs.min.js` }, ...extra };
}

/** Serves the bundles, `extra` (path → [content type, body]) and `html` for every other path. */
export async function servePage(html: string, extra: Record<string, [string, string]> = {}): Promise<PageServer> {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const bundle = BUNDLES[req.url ?? ''];
    const other = extra[req.url ?? ''];
    if (bundle) {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      res.end(fs.readFileSync(bundle));
    } else if (other) {
      res.writeHead(200, { 'content-type': other[0] });
      res.end(other[1]);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${port}` };
}
