/**
 * The ceiling Gyre is compared against: a bare `ws` server with no auth, no
 * protocol state machine, no per-client queue and no slow-client limit. It
 * speaks just enough of the protocol for the benchmark's load generator:
 *
 * - GET /health → 200.
 * - WebSocket /connection/websocket: the first frame a client sends (connect +
 *   subscribe) is answered with `{"id":1,"connect":{...}}\n{"id":2,"subscribe":{}}`
 *   without checking the token, and the socket joins the subscribed channel.
 * - POST /api/batch and POST /api/publish take the same bodies as Gyre's API
 *   (and need the same X-API-Key), so the publish side costs the same HTTP +
 *   JSON work. Each publication becomes the line
 *   `{"push":{"channel":C,"pub":{"data":D}}}` — byte for byte what Gyre's JSON
 *   codec sends — so the subscribers parse the same bytes.
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
 * Run: node dist/bench/ws-baseline.js --port P --api-key K [--frame per-turn|per-post|per-message]
 */
import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { parseFlags } from './lib';

const OPCODE_TEXT = 1;
const SENDER_IDLE = 0;

/** ws exports its frame builder at runtime but not in its typings. */
const Sender = (WebSocket as unknown as { Sender: { frame(data: Buffer, opts: object): Buffer[] } }).Sender;
interface SenderInternals {
  _state: number;
  sendFrame(list: Buffer[], cb?: () => void): void;
}

export type FrameMode = 'per-turn' | 'per-post' | 'per-message';
export const FRAME_MODES: FrameMode[] = ['per-turn', 'per-post', 'per-message'];

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const port = Number(flags.get('port') ?? 0);
  const apiKey = flags.get('api-key') ?? '';
  const mode = (flags.get('frame') ?? 'per-turn') as FrameMode;
  if (!Number.isInteger(port) || port <= 0) throw new Error('--port is required');
  if (!FRAME_MODES.includes(mode)) throw new Error(`--frame must be one of ${FRAME_MODES.join(', ')}`);

  const channels = new Map<string, Set<WebSocket>>();
  let clientSeq = 0;
  let framesSent = 0;
  let fallbackSends = 0;

  const broadcast = (channel: string, payload: Buffer): void => {
    const subs = channels.get(channel);
    if (!subs || subs.size === 0) return;
    const list = Sender.frame(payload, { fin: true, rsv1: false, opcode: OPCODE_TEXT, mask: false, readOnly: true });
    for (const ws of subs) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      const sender = (ws as unknown as { _sender?: SenderInternals })._sender;
      if (sender && sender._state === SENDER_IDLE) sender.sendFrame(list);
      else {
        fallbackSends++;
        ws.send(payload);
      }
      framesSent++;
    }
  };

  const pushLine = (channel: string, data: unknown): string =>
    `{"push":{"channel":${JSON.stringify(channel)},"pub":{"data":${JSON.stringify(data)}}}}`;

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
    const lines = mode === 'per-turn' ? pending : new Map<string, string[]>();
    for (const p of pubs) {
      if (typeof p.channel !== 'string' || p.channel === '' || p.data === undefined) {
        replies.push({ error: { code: 107, message: 'bad request' } });
        continue;
      }
      replies.push({ publish: {} });
      const line = pushLine(p.channel, p.data);
      if (mode === 'per-message') broadcast(p.channel, Buffer.from(line));
      else {
        let l = lines.get(p.channel);
        if (!l) lines.set(p.channel, (l = []));
        l.push(line);
      }
    }
    if (mode === 'per-post') for (const [ch, l] of lines) broadcast(ch, Buffer.from(l.join('\n')));
    else if (mode === 'per-turn' && pending.size > 0 && !flushScheduled) {
      flushScheduled = true;
      setImmediate(flushPending);
    }
    return replies;
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    if (req.method === 'GET' && url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ framesSent, fallbackSends, mode }));
      return;
    }
    if (req.method !== 'POST' || (url !== '/api/batch' && url !== '/api/publish')) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (req.headers['x-api-key'] !== apiKey) {
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
      let out: object;
      if (url === '/api/publish') {
        const r = publish([{ channel: body['channel'], data: body['data'] }])[0]!;
        out = 'error' in r ? r : { result: {} };
      } else {
        const commands = Array.isArray(body['commands']) ? (body['commands'] as Record<string, unknown>[]) : [];
        const pubs = commands.map((c) => {
          const p = (c?.['publish'] ?? {}) as Record<string, unknown>;
          return { channel: p['channel'], data: p['data'] };
        });
        out = { result: { replies: publish(pubs) } };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });

  const wss = new WebSocketServer({ server, path: '/connection/websocket', perMessageDeflate: false, clientTracking: false, maxPayload: 65536 });
  wss.on('connection', (ws: WebSocket) => {
    let joined: string | null = null;
    ws.on('error', () => {});
    ws.on('close', () => {
      if (joined) channels.get(joined)?.delete(ws);
    });
    ws.on('message', (data: Buffer) => {
      if (joined) return; // pongs and anything else: ignored
      let channel = '';
      for (const line of data.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const cmd = JSON.parse(line) as { subscribe?: { channel?: unknown } };
          if (typeof cmd.subscribe?.channel === 'string') channel = cmd.subscribe.channel;
        } catch {
          /* ignore */
        }
      }
      if (!channel) {
        ws.close(3501, 'bad request');
        return;
      }
      joined = channel;
      let subs = channels.get(channel);
      if (!subs) channels.set(channel, (subs = new Set()));
      subs.add(ws);
      ws.send(`{"id":1,"connect":{"client":"b${++clientSeq}","version":"baseline"}}\n{"id":2,"subscribe":{}}`);
    });
  });

  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();
