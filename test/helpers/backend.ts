/**
 * A real HTTP backend for the proxy tests: `POST /<event>` is answered by
 * the test's handler for that event (`{}` when it has none), every call is
 * recorded with its body and headers, and the calls in flight are counted.
 * A handler answers a JSON value, or 'down' (500) or 'garbage' (200 that is
 * not JSON).
 */
import http from 'node:http';
import { freePort } from './server';

export type Handler = (body: any, headers: http.IncomingHttpHeaders) => unknown | Promise<unknown>;

export interface BackendCall {
  event: string;
  body: any;
  headers: http.IncomingHttpHeaders;
  /** When the call arrived (Date.now()). */
  at: number;
}

export class TestBackend {
  readonly calls: BackendCall[] = [];
  readonly handlers: Record<string, Handler> = {};
  inFlight = 0;
  /** The most calls in flight at once since the test last set it to 0. */
  maxInFlight = 0;
  /** `http://127.0.0.1:<port>`, once listening. */
  url = '';
  private server: http.Server | null = null;

  async listen(): Promise<void> {
    const port = await freePort();
    this.server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (d) => (text += d));
      req.on('end', () => void this.answer((req.url ?? '/').slice(1), JSON.parse(text), req.headers, res));
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${port}`;
  }

  /** The proxy endpoints of every event, for the server's `proxy` config. */
  endpoints(): Record<string, string> {
    const events = ['connect', 'refresh', 'subscribe', 'publish', 'sub_refresh', 'rpc'];
    return Object.fromEntries(events.map((e) => [`${e}_endpoint`, `${this.url}/${e}`]));
  }

  eventsOf(event: string): BackendCall[] {
    return this.calls.filter((c) => c.event === event);
  }

  close(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }

  private async answer(event: string, body: any, headers: http.IncomingHttpHeaders, res: http.ServerResponse): Promise<void> {
    this.calls.push({ event, body, headers, at: Date.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const answer = await (this.handlers[event] ?? (() => ({})))(body, headers);
      if (answer === 'down') {
        res.writeHead(500);
        res.end('oops');
      } else if (answer === 'garbage') {
        res.writeHead(200);
        res.end('{not json');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      }
    } finally {
      this.inFlight--;
    }
  }
}
