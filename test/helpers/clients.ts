/**
 * Real clients for tests: the `centrifuge` npm package in its JSON and
 * protobuf builds over `ws`, tokens signed like a backend would, and a raw
 * WebSocket for what no well-behaved SDK sends.
 */
import { Centrifuge as CentrifugeJson } from 'centrifuge';
import { Centrifuge as CentrifugeProtobuf } from 'centrifuge/build/protobuf';
import { EventSource } from 'eventsource';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { SECRET, within } from './server';

export type CodecName = 'json' | 'protobuf';
export const CODECS: CodecName[] = ['json', 'protobuf'];
export type AnyCentrifuge = CentrifugeJson;

const created = new Set<AnyCentrifuge>();

export function makeClient(wsUrl: string, codec: CodecName, opts: Record<string, unknown> = {}): AnyCentrifuge {
  const Ctor = (codec === 'protobuf' ? CentrifugeProtobuf : CentrifugeJson) as unknown as typeof CentrifugeJson;
  const c = new Ctor(wsUrl, { websocket: WebSocket, minReconnectDelay: 50, maxReconnectDelay: 300, timeout: 5000, ...opts });
  created.add(c);
  return c;
}

export type HttpTransportName = 'http_stream' | 'sse';

/**
 * centrifuge-js over HTTP-streaming or SSE (the `eventsource` package stands
 * in for the browser's EventSource), its commands posted to `emulationBase`
 * (which may be another server than the stream's).
 */
export function makeHttpClient(streamBase: string, transport: HttpTransportName, codec: CodecName, emulationBase = streamBase, opts: Record<string, unknown> = {}): AnyCentrifuge {
  const Ctor = (codec === 'protobuf' ? CentrifugeProtobuf : CentrifugeJson) as unknown as typeof CentrifugeJson;
  const c = new Ctor([{ transport, endpoint: `${streamBase}/connection/${transport}` }], {
    eventsource: EventSource,
    emulationEndpoint: `${emulationBase}/emulation`,
    minReconnectDelay: 50,
    maxReconnectDelay: 300,
    timeout: 5000,
    ...opts,
  });
  created.add(c);
  return c;
}

/** Disconnects every client a test made, so none keeps reconnecting after its test failed. */
export function closeClients(): void {
  for (const c of created) c.disconnect();
  created.clear();
}

/** Payloads as each build wants them: JSON values, or bytes for protobuf. */
export function encode(codec: CodecName, v: unknown): any {
  return codec === 'protobuf' ? new TextEncoder().encode(JSON.stringify(v)) : v;
}

export function decode(codec: CodecName, v: any): unknown {
  return codec === 'protobuf' ? JSON.parse(new TextDecoder().decode(v)) : v;
}

export function token(claims: Record<string, unknown>, opts: jwt.SignOptions & { secret?: string } = {}): string {
  const { secret = SECRET, ...signOpts } = opts;
  return jwt.sign(claims, secret, { algorithm: 'HS256', ...signOpts });
}

interface Emitter {
  on(name: string, fn: (ctx: any) => void): unknown;
  removeListener(name: string, fn: (ctx: any) => void): unknown;
}

/** Resolves with the next `name` event whose context satisfies `pred`. */
export function nextEvent<T = any>(em: Emitter, name: string, ms = 5000, pred: (ctx: any) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      em.removeListener(name, h);
      reject(new Error(`timeout waiting for ${name}`));
    }, ms);
    function h(ctx: any) {
      if (!pred(ctx)) return;
      clearTimeout(t);
      em.removeListener(name, h);
      resolve(ctx);
    }
    em.on(name, h);
  });
}

/** Collects every event of a kind, for assertions at the end. */
export function collect<T = any>(em: Emitter, name: string): T[] {
  const out: T[] = [];
  em.on(name, (ctx) => out.push(ctx));
  return out;
}

export interface RawSocket {
  ws: WebSocket;
  messages: Buffer[];
  /** The close, or a rejection when it has not come `closeMs` after this is read. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The open, or a rejection when it has not come `openMs` after this is read. */
  readonly opened: Promise<void>;
  send(data: string | Buffer): void;
}

/**
 * A bare WebSocket that speaks only what the test writes. Its waits are bounded: `closeMs` is longer than any
 * close a test waits for (stale, no-pong and expiry closes come after a few seconds).
 */
export function rawSocket(wsUrl: string, protocols?: string | string[], headers?: Record<string, string>, { openMs = 10_000, closeMs = 20_000 } = {}): RawSocket {
  const ws = new WebSocket(wsUrl, protocols, { headers });
  const messages: Buffer[] = [];
  ws.on('message', (d: Buffer) => messages.push(d));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  // Bounded when read, not when made: a test may wait for the close long after opening the socket.
  return {
    ws,
    messages,
    get closed() {
      return within(closed, closeMs, `the close of ${wsUrl}`);
    },
    get opened() {
      return within(opened, openMs, `the open of ${wsUrl}`);
    },
    send: (d) => ws.send(d),
  };
}

/** Reads a streamed response line by line (what `curl -N` shows); fails when a read brings nothing for `readMs`. */
export async function* lines(res: Response, readMs = 10_000): AsyncGenerator<string> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await within(reader.read(), readMs, `the next line of ${res.url}`);
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n')) !== -1) {
        yield buf.slice(0, i);
        buf = buf.slice(i + 1);
      }
    }
  } finally {
    // Ends the request when the reading stops early (a timeout, a failed assertion on a line).
    void reader.cancel().catch(() => {});
  }
}

/** A JSON client of `user`, connected and subscribed to `channel` (resolves once the subscription is live). */
export async function subscribedClient(wsUrl: string, user: string, channel: string) {
  const client = makeClient(wsUrl, 'json', { token: token({ sub: user }) });
  const sub = client.newSubscription(channel);
  const subscribed = nextEvent(sub, 'subscribed');
  sub.subscribe();
  client.connect();
  await subscribed;
  return { client, sub };
}
