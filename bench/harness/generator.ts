/**
 * A client-generator process (forked by generators.ts): up to ~18,000 minimal
 * raw `ws` clients speaking Centrifugo's JSON protocol — `{"id":1,"connect":
 * {"token":…}}`, optionally `{"id":2,"subscribe":{"channel":…}}` in the same
 * frame (with `recover`, `offset` and `epoch` when reconnecting), `{}` in
 * answer to every server ping (an empty `{}` message) — bound to their own
 * loopback source address when given one. A process of its own: this machine
 * allows 20,000 open files per process, and the clients' work must not
 * disturb what the parent times.
 *
 * Commands over IPC (each answered when done; progress every second):
 * - open: connect clients [from, from+n) of a token list, `concurrency` at a time; keep them or leave at once
 *   (`keep`), subscribe each to its channel; with `recover`, from the position each had. With `expect` (channel →
 *   top offset), also wait until every client's position reached its channel's top with no gap in between.
 * - drop: end every client's TCP connection at once (no close handshake), keeping their positions.
 * - close: close every client (close handshake) and wait until all are gone.
 * - stats: pings answered, publications, gaps (a publication whose offset is not the last one's + 1), closes.
 */
import fs from 'node:fs';
import WebSocket from 'ws';

interface Conn {
  ws: WebSocket | null;
  channel: string;
  epoch: string;
  /** The last publication offset seen on the channel (0: none yet). */
  offset: number;
  /** The position has reached the expected top offset. */
  complete: boolean;
}

export interface OpenCommand {
  type: 'open';
  url: string;
  from: number;
  n: number;
  concurrency: number;
  localAddress?: string;
  /** A file of tokens, one a line (client i uses line i), or one token for all. */
  tokenFile?: string;
  token?: string;
  /** Client i subscribes to channels[i % length]; none: connect only. */
  channels?: string[];
  keep: boolean;
  /** Subscribe with recover: true from the position the client had (after a drop). */
  recover?: boolean;
  /** Channel → top offset every client of it must reach (checked through the subscribe reply and pushes). */
  expect?: Record<string, number>;
  /** How long to wait for `expect` at most. */
  expectMs?: number;
}

export interface Opened {
  type: 'opened';
  ok: number;
  failed: number;
  firstError?: string;
  /** From the command to the last reply. */
  ms: number;
  /** With `expect`: clients that reached their channel's top, the time until the last did, and what went wrong. */
  complete: number;
  completeMs: number;
  notRecovered: number;
  gaps: number;
}

export interface Stats {
  type: 'stats';
  open: number;
  pings: number;
  pubs: number;
  gaps: number;
  closes: Record<string, number>;
}

const conns = new Map<number, Conn>();
const stats: Stats = { type: 'stats', open: 0, pings: 0, pubs: 0, gaps: 0, closes: {} };
let closing = false;
let expectation: { top: Record<string, number>; left: number; onDone: () => void } | null = null;
let notRecovered = 0;

const send = (m: object) => process.send!(m);

/** A publication at `offset` reached client `c`: positions must advance one by one. */
function advance(c: Conn, offset: number): void {
  if (offset <= 0) return;
  if (c.offset > 0 && offset !== c.offset + 1) stats.gaps++;
  c.offset = Math.max(c.offset, offset);
  reached(c);
}

/** Counts `c` complete once its position is its channel's expected top. */
function reached(c: Conn): void {
  if (expectation && !c.complete && c.offset >= (expectation.top[c.channel] ?? Infinity)) {
    c.complete = true;
    if (--expectation.left === 0) expectation.onDone();
  }
}

interface Reply {
  id?: number;
  error?: { code: number; message: string };
  connect?: object;
  subscribe?: { epoch?: string; offset?: number; recovered?: boolean; publications?: { offset?: number }[] };
  push?: { channel?: string; pub?: { offset?: number } };
}

/** Opens client `i`; resolves once it got its last reply (connect, or subscribe when it subscribes). */
function openOne(i: number, cmd: OpenCommand, tokenOf: (i: number) => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c: Conn = conns.get(i) ?? { ws: null, channel: cmd.channels?.[i % cmd.channels.length] ?? '', epoch: '', offset: 0, complete: false };
    conns.set(i, c);
    c.complete = false;
    const ws = new WebSocket(cmd.url, { perMessageDeflate: false, localAddress: cmd.localAddress, handshakeTimeout: 30_000 });
    c.ws = ws;
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) {
        ws.terminate();
        reject(err);
        return;
      }
      if (!cmd.keep) ws.terminate();
      resolve();
    };
    const waitFor = c.channel ? 2 : 1;
    ws.on('open', () => {
      stats.open++;
      let hello = `{"id":1,"connect":{"token":${JSON.stringify(tokenOf(i))}}}`;
      if (c.channel) {
        const position = cmd.recover ? `,"recover":true,"offset":${c.offset},"epoch":${JSON.stringify(c.epoch)}` : '';
        hello += `\n{"id":2,"subscribe":{"channel":${JSON.stringify(c.channel)}${position}}}`;
      }
      ws.send(hello);
    });
    ws.on('message', (data: Buffer) => {
      for (const line of data.toString('utf8').split('\n')) {
        if (line === '{}') {
          stats.pings++;
          ws.send('{}');
          continue;
        }
        let r: Reply;
        try {
          r = JSON.parse(line) as Reply;
        } catch {
          continue;
        }
        if (r.push?.pub) {
          stats.pubs++;
          advance(c, r.push.pub.offset ?? 0);
        } else if (r.error) settle(new Error(`reply ${r.id}: error ${r.error.code} ${r.error.message}`));
        else if (r.id === 2 && r.subscribe) {
          const s = r.subscribe;
          if (cmd.recover && s.recovered !== true && s.epoch !== undefined) notRecovered++;
          c.epoch = s.epoch ?? c.epoch;
          // A recovering reply names the position it recovers from and carries what came after it.
          if (!cmd.recover) c.offset = s.offset ?? 0;
          for (const p of s.publications ?? []) {
            stats.pubs++;
            advance(c, p.offset ?? 0);
          }
          // Recovered with nothing missed: the position stays; it may already be the top.
          if (cmd.recover && s.recovered) reached(c);
          settle();
        } else if (r.id === waitFor && r.connect) settle();
      }
    });
    ws.on('error', (err) => settle(err));
    ws.on('close', (code) => {
      stats.open--;
      if (!closing && cmd.keep && settled) stats.closes[code] = (stats.closes[code] ?? 0) + 1;
      settle(new Error(`closed with ${code} before its reply`));
    });
  });
}

async function open(cmd: OpenCommand): Promise<void> {
  closing = false;
  notRecovered = 0;
  const t0 = performance.now();
  const tokens = cmd.tokenFile ? fs.readFileSync(cmd.tokenFile, 'utf8').split('\n') : [];
  const tokenOf = (i: number) => (cmd.tokenFile ? tokens[i]! : cmd.token!);
  let completeMs = NaN;
  const allComplete = cmd.expect
    ? new Promise<void>((resolve) => {
        expectation = { top: cmd.expect!, left: cmd.n, onDone: resolve };
        setTimeout(resolve, cmd.expectMs ?? 60_000);
      }).then(() => (completeMs = performance.now() - t0))
    : Promise.resolve();
  let next = cmd.from;
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const ticker = setInterval(() => send({ type: 'progress', done: ok + failed }), 1000);
  const worker = async () => {
    while (next < cmd.from + cmd.n) {
      const i = next++;
      try {
        await openOne(i, cmd, tokenOf);
        ok++;
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cmd.concurrency, cmd.n) }, worker));
  const ms = performance.now() - t0;
  // Clients that failed never complete: stop waiting for them.
  if (expectation) {
    expectation.left -= failed;
    if (expectation.left <= 0) expectation.onDone();
  }
  await allComplete;
  clearInterval(ticker);
  const complete = [...conns.values()].filter((c) => c.complete).length;
  expectation = null;
  const answer: Opened = { type: 'opened', ok, failed, firstError, ms, complete, completeMs, notRecovered, gaps: stats.gaps };
  send(answer);
}

/** Ends every client: `drop` cuts the TCP connections, `close` closes them properly and waits until all are gone. */
async function end(how: 'drop' | 'close'): Promise<void> {
  closing = true;
  const t0 = performance.now();
  const gone = [...conns.values()].map((c) => {
    const ws = c.ws;
    c.ws = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      if (how === 'drop') ws.terminate();
      else ws.close(1000);
    });
  });
  await Promise.all(gone);
  if (how === 'close') conns.clear();
  send({ type: how === 'drop' ? 'dropped' : 'closed', ms: performance.now() - t0 });
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'open') void open(m as OpenCommand);
  else if (m.type === 'drop' || m.type === 'close') void end(m.type);
  else if (m.type === 'stats') send(stats);
});
send({ type: 'ready' });
