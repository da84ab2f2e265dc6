/**
 * The peer Gyre is compared against: a bare `ws` server with no auth, no
 * protocol state machine, no per-client queue and no slow-client limit. It
 * speaks just enough of the client protocol for the benchmarks' clients:
 *
 * - GET /health → 200; GET /stats → frames sent.
 * - WebSocket /connection/websocket: every command line with an id is answered
 *   at once, without checking anything: `connect` with `{"id":N,"connect":{…}}`,
 *   `subscribe` with `{"id":N,"subscribe":{}}` (the socket joins the channel;
 *   there is no history, so nothing is recovered), any other method with an
 *   empty result of its name. An empty `{}` is a pong.
 * - POST /api/batch and POST /api/publish take the same bodies as Gyre's API
 *   (and need the same X-API-Key), so the publish side costs the same HTTP +
 *   JSON work. Each publication becomes the line
 *   `{"push":{"channel":C,"pub":{"data":D}}}` — byte for byte what Gyre's JSON
 *   codec sends — so the subscribers parse the same bytes.
 * - `--ping S` (S > 0): every S seconds each connection gets `{}` (the first at a
 *   random point of the first interval, as Gyre spreads them), and one that did
 *   not answer the previous ping is closed with 3012 — the least a server that
 *   notices dead peers does, one timer per connection.
 * - `--history N` (N > 0): each channel keeps its last N publications in an
 *   array, with offsets from 1 (epoch "peer"); pushes carry the offset, a
 *   subscribe reply the channel's top offset, and a subscribe with `recover`
 *   from an offset of epoch "peer" gets every publication after it in the
 *   reply — the least a server with recovery does, as Gyre's JSON codec writes it.
 * - It listens with Gyre's backlog (the system's somaxconn, see
 *   src/http/backlog.ts), so that a storm compares the servers, not how many
 *   connections the kernel queues for them.
 * - `--workers N` (N > 1): N processes (node cluster) share the port, the
 *   primary handing connections round-robin. There is no broker: a publication
 *   reaches the connections of the worker that took it only.
 *
 * Every broadcast buffer is framed ONCE with `WebSocket.Sender.frame` and the
 * same header+payload Buffers are written to every socket with
 * `ws._sender.sendFrame` (no per-socket copy; `ws.send` only as a fallback
 * when a sender is busy, which does not happen without compression). What
 * goes into one buffer (`--frame`):
 * - `per-turn` (default): every publication of one event-loop turn (one or
 *   more POSTs), lines joined by "\n", flushed from one setImmediate — the
 *   same coalescing rule as Gyre's writer, minus Gyre's per-client copy.
 * - `per-post`: the publications of one POST.
 * - `per-message`: one frame per publication.
 *
 * Run: node dist/bench/harness/ws-peer.js --port P --api-key K [--frame per-turn|per-post|per-message] [--workers N] [--ping S] [--history N]
 */
import cluster from 'node:cluster';
import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { listenBacklog } from '../../src/http/backlog';
import { parseFlags } from './cli';

/**
 * What ws has at runtime but not in its typings: the frame builder, and each socket's sender (idle: state 0, when
 * nothing is queued inside it) — the technique Gyre's WebSocket transport uses too.
 */
type Internals = { Sender: { frame(data: Buffer, opts: object): Buffer[] } };
type WithSender = { _sender?: { _state: number; sendFrame(list: Buffer[]): void } };
const textFrame = (payload: Buffer) => (WebSocket as unknown as Internals).Sender.frame(payload, { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: true });

export type FrameMode = 'per-turn' | 'per-post' | 'per-message';
export const FRAME_MODES: FrameMode[] = ['per-turn', 'per-post', 'per-message'];

interface PeerOptions {
  port: number;
  apiKey: string;
  mode: FrameMode;
  pingMs: number;
  history: number;
}

/** A channel's recent publications (--history), as the JSON text of each `pub`. */
interface History {
  top: number;
  /** Offsets top - pubs.length + 1 … top. */
  pubs: string[];
}
const EPOCH = 'peer';

function serve(o: PeerOptions): void {
  const channels = new Map<string, Set<WebSocket>>();
  let clientSeq = 0;
  let framesSent = 0;
  let fallbackSends = 0;

  const broadcast = (channel: string, payload: Buffer): void => {
    const subs = channels.get(channel);
    if (!subs || subs.size === 0) return;
    const list = textFrame(payload);
    for (const ws of subs) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      const sender = (ws as unknown as WithSender)._sender;
      if (sender?._state === 0) sender.sendFrame(list);
      else {
        fallbackSends++;
        ws.send(payload);
      }
      framesSent++;
    }
  };

  const histories = new Map<string, History>();
  /** The `pub` object of a publication; with --history, numbered and kept. */
  const pubText = (channel: string, data: unknown): string => {
    if (o.history <= 0) return `{"data":${JSON.stringify(data)}}`;
    let h = histories.get(channel);
    if (!h) histories.set(channel, (h = { top: 0, pubs: [] }));
    const text = `{"data":${JSON.stringify(data)},"offset":${++h.top}}`;
    h.pubs.push(text);
    if (h.pubs.length > o.history) h.pubs.shift();
    return text;
  };
  const pushLine = (channel: string, data: unknown): string => `{"push":{"channel":${JSON.stringify(channel)},"pub":${pubText(channel, data)}}}`;
  /** A subscribe reply's body: nothing without --history; else the position, and what came after the client's. */
  const subscribeResult = (channel: string, req: { recover?: unknown; offset?: unknown; epoch?: unknown }): string => {
    if (o.history <= 0) return '{}';
    const h = histories.get(channel) ?? { top: 0, pubs: [] };
    const position = `"recoverable":true,"epoch":"${EPOCH}","offset":${h.top}`;
    if (req.recover !== true) return `{${position}}`;
    const from = typeof req.offset === 'number' ? req.offset : 0;
    const oldest = h.top - h.pubs.length + 1;
    const recovered = req.epoch === EPOCH && from >= oldest - 1;
    const pubs = recovered ? h.pubs.slice(from - oldest + 1) : [];
    return `{${position},"recovered":${recovered},"publications":[${pubs.join(',')}]}`;
  };

  /** Lines waiting for the end of this event-loop turn (per-turn mode). */
  const pending = new Map<string, string[]>();
  let flushScheduled = false;
  const flushPending = () => {
    flushScheduled = false;
    for (const [ch, l] of pending) broadcast(ch, Buffer.from(l.join('\n')));
    pending.clear();
  };

  /** Publishes a list of {channel, data}; returns one reply per publication. */
  const publish = (pubs: { channel: unknown; data: unknown }[]): object[] => {
    const replies: object[] = [];
    const lines = o.mode === 'per-turn' ? pending : new Map<string, string[]>();
    for (const p of pubs) {
      if (typeof p.channel !== 'string' || p.channel === '' || p.data === undefined) {
        replies.push({ error: { code: 107, message: 'bad request' } });
        continue;
      }
      replies.push({ publish: {} });
      const line = pushLine(p.channel, p.data);
      if (o.mode === 'per-message') broadcast(p.channel, Buffer.from(line));
      else {
        let l = lines.get(p.channel);
        if (!l) lines.set(p.channel, (l = []));
        l.push(line);
      }
    }
    if (o.mode === 'per-post') for (const [ch, l] of lines) broadcast(ch, Buffer.from(l.join('\n')));
    else if (o.mode === 'per-turn' && pending.size > 0 && !flushScheduled) {
      flushScheduled = true;
      setImmediate(flushPending);
    }
    return replies;
  };

  const apiAnswer = (url: string, body: Record<string, unknown>): object => {
    if (url === '/api/publish') {
      const r = publish([{ channel: body['channel'], data: body['data'] }])[0]!;
      return 'error' in r ? r : { result: {} };
    }
    const commands = Array.isArray(body['commands']) ? (body['commands'] as Record<string, unknown>[]) : [];
    const pubs = commands.map((c) => {
      const p = (c?.['publish'] ?? {}) as Record<string, unknown>;
      return { channel: p['channel'], data: p['data'] };
    });
    return { result: { replies: publish(pubs) } };
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && (url === '/health' || url === '/stats')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(url === '/health' ? '{}' : JSON.stringify({ framesSent, fallbackSends, mode: o.mode }));
      return;
    }
    if (req.method !== 'POST' || (url !== '/api/batch' && url !== '/api/publish')) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (req.headers['x-api-key'] !== o.apiKey) {
      res.writeHead(401);
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(apiAnswer(url, body)));
    });
  });

  /** The replies to one frame of commands; joins the socket to the channels it subscribes to. */
  const answer = (ws: WebSocket, joined: Set<string>, data: Buffer): string[] => {
    const replies: string[] = [];
    for (const line of data.toString('utf8').split('\n')) {
      if (line.length <= 2) continue; // {} is a pong
      let cmd: Record<string, unknown> & { id?: number };
      try {
        cmd = JSON.parse(line) as typeof cmd;
      } catch {
        continue;
      }
      const method = Object.keys(cmd).find((k) => k !== 'id');
      if (!method || typeof cmd.id !== 'number') continue;
      if (method === 'connect') replies.push(`{"id":${cmd.id},"connect":{"client":"b${++clientSeq}","version":"peer"}}`);
      else {
        const params = (cmd[method] ?? {}) as { channel?: unknown; recover?: unknown; offset?: unknown; epoch?: unknown };
        const channel = params.channel;
        if (method === 'subscribe' && typeof channel === 'string') {
          joined.add(channel);
          let subs = channels.get(channel);
          if (!subs) channels.set(channel, (subs = new Set()));
          subs.add(ws);
          replies.push(`{"id":${cmd.id},"subscribe":${subscribeResult(channel, params)}}`);
        } else replies.push(`{"id":${cmd.id},"${method}":{}}`);
      }
    }
    return replies;
  };

  const wss = new WebSocketServer({ server, path: '/connection/websocket', perMessageDeflate: false, clientTracking: false, maxPayload: 65536 });
  wss.on('connection', (ws: WebSocket) => {
    const joined = new Set<string>();
    let ponged = true;
    let timer: NodeJS.Timeout | undefined;
    if (o.pingMs > 0) {
      const ping = () => {
        if (!ponged) return ws.close(3012, 'no pong');
        ponged = false;
        ws.send('{}');
        timer = setTimeout(ping, o.pingMs);
      };
      timer = setTimeout(ping, o.pingMs / 2 + Math.random() * (o.pingMs / 2));
    }
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(timer);
      for (const ch of joined) channels.get(ch)?.delete(ws);
    });
    ws.on('message', (data: Buffer) => {
      if (data.length === 2) {
        ponged = true;
        return;
      }
      const replies = answer(ws, joined, data);
      if (replies.length) ws.send(replies.join('\n'));
    });
  });

  server.listen({ port: o.port, host: '127.0.0.1', backlog: listenBacklog() });
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const o: PeerOptions = {
    port: Number(flags.get('port') ?? 0),
    apiKey: flags.get('api-key') ?? '',
    mode: (flags.get('frame') ?? 'per-turn') as FrameMode,
    pingMs: Number(flags.get('ping') ?? 0) * 1000,
    history: Number(flags.get('history') ?? 0),
  };
  const workers = Number(flags.get('workers') ?? 1);
  if (!Number.isInteger(o.port) || o.port <= 0) throw new Error('--port is required');
  if (!FRAME_MODES.includes(o.mode)) throw new Error(`--frame must be one of ${FRAME_MODES.join(', ')}`);
  if (workers > 1 && cluster.isPrimary) {
    for (let i = 0; i < workers; i++) cluster.fork();
    // SIGTERM: the workers' own handlers end them; the primary follows once they are gone.
    process.on('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
    });
    return;
  }
  serve(o);
}

if (require.main === module) main();
