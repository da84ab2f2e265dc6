/**
 * Subscribers that count every delivery (fan-out, latency, ingestion, shards): N raw `ws` sockets speaking the
 * minimal client protocol (connect + subscribe in one frame, answer pings),
 * and a Tracker that counts every publication each socket receives by
 * scanning bytes — JSON lines for `"pub":`, protobuf replies by field tags —
 * checking loss, duplicates and order as it goes. The `centrifuge` SDK is not
 * used: its per-message work would dominate the measurement.
 */
import WebSocket from 'ws';
import { centrifugal } from '../../src/protocol/generated/client';
import { nowUs } from './publisher';
import { fmtCounts } from './report';
import { percentile } from './stats';

const pb = centrifugal.centrifuge.protocol;

// ---- delivery tracking ------------------------------------------------------------

const NL = 0x0a;
const PUB = Buffer.from('"pub":');
const SEQ = Buffer.from('"seq":');
const TS = Buffer.from('"ts":');

/**
 * Position of `needle` in buf[from, to), or -1. A plain loop: the needles are
 * a few bytes into each line, and Buffer#indexOf's per-call setup cost more
 * than the search itself (it was a quarter of the generator's CPU).
 */
function find(buf: Buffer, needle: Buffer, from: number, to: number): number {
  const first = needle[0]!;
  const n = needle.length;
  const last = to - n;
  outer: for (let i = from; i <= last; i++) {
    if (buf[i] !== first) continue;
    for (let j = 1; j < n; j++) if (buf[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Parses the unsigned decimal integer starting at `pos` (after optional spaces); -1 if none. */
function uintAt(buf: Buffer, pos: number, end: number): number {
  while (pos < end && buf[pos] === 0x20) pos++;
  let v = -1;
  for (; pos < end; pos++) {
    const c = buf[pos]! - 0x30;
    if (c < 0 || c > 9) break;
    v = (v < 0 ? 0 : v * 10) + c;
  }
  return v;
}

export interface Verdict {
  /** Subscribers that ended with fewer than M publications. */
  incompleteSubs: number;
  missing: number;
  duplicates: number;
  /** A publication of one /api/batch request arrived before an earlier one of the same request. */
  inBatchInversions: number;
  /** Sampled subscribers whose whole receive order differs from subscriber 0's. */
  orderMismatches: number;
  orderSampled: number;
}

export class Tracker {
  readonly counts: Int32Array;
  readonly lastSeq: Int32Array;
  readonly seen: Uint8Array;
  readonly latStride: number;
  readonly lat: Float64Array;
  latN = 0;
  readonly orderStride: number;
  readonly orders = new Map<number, Int32Array>();
  delivered = 0;
  frames = 0;
  duplicates = 0;
  outOfRange = 0;
  inBatchInversions = 0;
  lastDeliveryMs = 0;

  constructor(
    readonly n: number,
    readonly m: number,
    readonly batch: number,
  ) {
    if (n * m > 400e6) throw new Error(`N×M = ${n * m} is too large to track (400M max)`);
    this.counts = new Int32Array(n);
    this.lastSeq = new Int32Array(n).fill(-1);
    this.seen = new Uint8Array(n * m);
    this.latStride = Math.max(1, Math.floor(n / 100));
    this.lat = new Float64Array(Math.ceil(n / this.latStride) * m);
    this.orderStride = Math.max(1, Math.floor(n / 16));
    for (let i = 0; i < n; i += this.orderStride) this.orders.set(i, new Int32Array(m).fill(-1));
  }

  /** Forgets the latencies taken so far (a warm-up's); deliveries stay counted and checked. */
  restartLatency(): void {
    this.latN = 0;
  }

  /** One publication `seq` (sent at `tsUs`) reached subscriber `sub` at `nowUsec`. */
  record(sub: number, seq: number, tsUs: number, nowUsec: number): void {
    if (seq < 0 || seq >= this.m) {
      this.outOfRange++;
      return;
    }
    const k = sub * this.m + seq;
    if (this.seen[k]) {
      this.duplicates++;
      return;
    }
    this.seen[k] = 1;
    const count = this.counts[sub]!;
    const last = this.lastSeq[sub]!;
    if (seq < last && Math.floor(seq / this.batch) === Math.floor(last / this.batch)) this.inBatchInversions++;
    this.lastSeq[sub] = seq;
    const order = this.orders.get(sub);
    if (order) order[count] = seq;
    this.counts[sub] = count + 1;
    this.delivered++;
    if (sub % this.latStride === 0 && tsUs >= 0 && this.latN < this.lat.length) this.lat[this.latN++] = (nowUsec - tsUs) / 1000;
  }

  /** Loss, duplicates and order, for subscribers that should each have received every one of the m publications. */
  verdict(): Verdict {
    const v: Verdict = { incompleteSubs: 0, missing: 0, duplicates: this.duplicates + this.outOfRange, inBatchInversions: this.inBatchInversions, orderMismatches: 0, orderSampled: 0 };
    for (let i = 0; i < this.n; i++) {
      const c = this.counts[i]!;
      if (c < this.m) {
        v.incompleteSubs++;
        v.missing += this.m - c;
      }
    }
    const ref = this.orders.get(0);
    for (const [i, order] of this.orders) {
      if (!ref || i === 0) continue;
      v.orderSampled++;
      const len = Math.min(this.counts[0]!, this.counts[i]!);
      for (let k = 0; k < len; k++) {
        if (order[k] !== ref[k]) {
          v.orderMismatches++;
          break;
        }
      }
    }
    return v;
  }

  /** Publication → delivery latency over the sampled subscribers, ms. */
  latency(): { p50Ms: number; p99Ms: number; maxMs: number } {
    const lat = this.lat.slice(0, this.latN).sort();
    return { p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), maxMs: lat.length ? lat[lat.length - 1]! : NaN };
  }

  /** The publication whose data lies in buf[from, to): its `seq` and `ts` are read by scanning bytes. */
  private recordData(sub: number, buf: Buffer, from: number, to: number, now: number): void {
    const q = find(buf, SEQ, from, to);
    const seq = q !== -1 ? uintAt(buf, q + SEQ.length, to) : -1;
    const t = find(buf, TS, q === -1 ? from : q, to);
    this.record(sub, seq, t !== -1 ? uintAt(buf, t + TS.length, to) : -1, now);
  }

  /** Counts one frame; `each(now)` handles its messages, all received at `now` (µs). */
  private frame(each: (now: number) => void): void {
    this.frames++;
    const now = nowUs();
    each(now);
    this.lastDeliveryMs = now / 1000;
  }

  /** JSON frame: lines joined by "\n"; the lines that are not publications or pings (replies) go to `onOther`. */
  jsonFrame(sub: number, buf: Buffer, onPing: () => void, onOther: (line: string) => void): void {
    this.frame((now) => {
      for (let s = 0; s < buf.length; ) {
        let e = buf.indexOf(NL, s);
        if (e === -1) e = buf.length;
        if (e - s === 2 && buf[s] === 0x7b && buf[s + 1] === 0x7d) onPing();
        else if (e > s) {
          const p = find(buf, PUB, s, e);
          if (p !== -1) this.recordData(sub, buf, p, e, now);
          else onOther(buf.toString('utf8', s, e));
        }
        s = e + 1;
      }
    });
  }

  /**
   * Protobuf frame: varint-length-delimited Replies. A publication is found by
   * walking field tags only (Reply.push=4 → Push.pub=4 → Publication.data=4);
   * everything else is decoded properly by `onOther`.
   */
  protobufFrame(sub: number, buf: Buffer, onPing: () => void, onOther: (msg: Buffer) => void): void {
    this.frame((now) => {
      for (let pos = 0; pos < buf.length; ) {
        const l = readVarint(buf, pos);
        pos = vpos;
        const end = pos + l;
        if (l === 0) onPing();
        else if (buf[pos] === 0x22 && pubData(buf, pos, end)) this.recordData(sub, buf, rangeStart, rangeEnd, now);
        else onOther(buf.subarray(pos, end));
        pos = end;
      }
    });
  }

}

let vpos = 0;
/** Reads a varint at `pos`; the position after it is left in `vpos`. One-byte varints take the fast path. */
function readVarint(buf: Buffer, pos: number): number {
  const b0 = buf[pos];
  if (b0 === undefined) throw new Error('truncated varint');
  if (b0 < 0x80) {
    vpos = pos + 1;
    return b0;
  }
  let v = b0 & 0x7f;
  let mul = 0x80;
  pos++;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    v += (b & 0x7f) * mul;
    if (b < 0x80) break;
    mul *= 0x80;
  }
  vpos = pos;
  return v;
}

/** Range found by lenField / pubData (module state instead of an object per call). */
let rangeStart = 0;
let rangeEnd = 0;

/** Finds field `field` (wire type 2) in the message [pos, end); sets rangeStart/rangeEnd; false if absent. */
function lenField(buf: Buffer, pos: number, end: number, field: number): boolean {
  while (pos < end) {
    const tag = readVarint(buf, pos);
    pos = vpos;
    const wt = tag & 7;
    if (wt === 2) {
      const l = readVarint(buf, pos);
      pos = vpos;
      if (tag >>> 3 === field) {
        rangeStart = pos;
        rangeEnd = pos + l;
        return true;
      }
      pos += l;
    } else if (wt === 0) {
      readVarint(buf, pos);
      pos = vpos;
    } else if (wt === 1) pos += 8;
    else if (wt === 5) pos += 4;
    else return false;
  }
  return false;
}

/** Reply.push(4).pub(4).data(4) → rangeStart/rangeEnd; false when the reply is not a publication. */
function pubData(buf: Buffer, pos: number, end: number): boolean {
  if (!lenField(buf, pos, end, 4)) return false;
  if (!lenField(buf, rangeStart, rangeEnd, 4)) return false;
  const pubStart = rangeStart;
  if (!lenField(buf, rangeStart, rangeEnd, 4)) rangeStart = rangeEnd = pubStart; // empty data
  return true;
}

// ---- subscribers -----------------------------------------------------------------------

export type Codec = 'json' | 'protobuf';

export interface Subscribers {
  /** Each subscriber's connection, as far as ending it goes (a WebSocket, or an HTTP request). */
  sockets: { terminate(): void }[];
  closes: Map<number, number>;
  /** Subscribers closed by the server (not by us). */
  closedByServer: number;
  closing: boolean;
}

export const newSubscribers = (): Subscribers => ({ sockets: [], closes: new Map(), closedByServer: 0, closing: false });

/** Ends every subscriber (not counted as closed by the server). */
export function endAll(subs: Subscribers): void {
  subs.closing = true;
  for (const s of subs.sockets) s?.terminate();
}

/** The close codes seen, as a record for the tables. */
export const closesOf = (subs: Subscribers): Record<string, number> => Object.fromEntries([...subs.closes].map(([c, n]) => [String(c), n]));

/**
 * The end of a run with these subscribers: the server's closes become a problem of the run, the sockets end,
 * and the server stops (its last output lines becoming a note).
 */
export async function endRun(
  r: { closes: Record<string, number>; problems: string[]; notes: string[] },
  subs: Subscribers,
  server: { stop(ms: number): Promise<unknown>; output(): string } | undefined,
): Promise<void> {
  r.closes = closesOf(subs);
  if (Object.keys(r.closes).length) r.problems.push(`subscribers closed by the server: ${fmtCounts(r.closes)}`);
  endAll(subs);
  if (!server) return;
  await server.stop(4000);
  const out = server.output().trim();
  if (out) r.notes.push(`server output: ${out.split('\n').slice(-3).join(' | ').slice(0, 300)}`);
}

/** `extra`: more fields of the subscribe request (a tags filter `tf`, `delta`…), as the protocol names them. */
function connectFrame(codec: Codec, token: string, channel: string, extra: Record<string, unknown> = {}): Buffer | string {
  if (codec === 'json') return `{"id":1,"connect":{"token":${JSON.stringify(token)}}}\n{"id":2,"subscribe":${JSON.stringify({ channel, ...extra })}}`;
  return Buffer.concat([
    pb.Command.encode({ id: 1, connect: { token } }).ldelim().finish(),
    pb.Command.encode({ id: 2, subscribe: { channel, ...extra } }).ldelim().finish(),
  ]);
}

const PONG_JSON = '{}';
const PONG_PB = Buffer.from([0]);

/**
 * Settles an opening subscriber once: with its first error, on its subscribe
 * reply, or after 15 s without one. `settled` says whether it has.
 */
export function settleOnce(idx: number, resolve: () => void, reject: (err: Error) => void): ((err?: Error) => void) & { settled: boolean } {
  const timer = setTimeout(() => done(new Error(`subscriber ${idx}: no subscribe reply in 15 s`)), 15_000);
  const done = Object.assign(
    (err?: Error): void => {
      if (done.settled) return;
      done.settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    },
    { settled: false },
  );
  return done;
}

/**
 * What takes a subscriber's frames: a Tracker, or another counter with the same two entry points (one that counts
 * publications whose data it cannot read, e.g. fossil deltas).
 */
export type FrameSink = Pick<Tracker, 'jsonFrame' | 'protobufFrame'>;

function openSubscriber(idx: number, url: string, codec: Codec, hello: Buffer | string, tracker: FrameSink, subs: Subscribers): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, codec === 'protobuf' ? 'centrifuge-protobuf' : undefined, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    subs.sockets[idx] = ws;
    const done = settleOnce(idx, resolve, reject);
    const onReply = (r: { id?: number | null; error?: { code?: number | null; message?: string | null } | null; subscribe?: unknown }) => {
      if (r.error) done(new Error(`subscriber ${idx}: reply ${r.id ?? ''} error ${r.error.code} ${r.error.message}`));
      else if (r.id === 2 && r.subscribe) done();
    };
    const ping = () => ws.send(codec === 'json' ? PONG_JSON : PONG_PB);
    ws.on('open', () => ws.send(hello));
    ws.on('error', (err) => done(err));
    ws.on('close', (code) => {
      if (!subs.closing) {
        subs.closes.set(code, (subs.closes.get(code) ?? 0) + 1);
        subs.closedByServer++;
      }
      done(new Error(`subscriber ${idx}: closed with ${code} before subscribing`));
    });
    if (codec === 'json') {
      ws.on('message', (data: Buffer) =>
        tracker.jsonFrame(idx, data, ping, (line) => {
          try {
            onReply(JSON.parse(line) as Parameters<typeof onReply>[0]);
          } catch {
            /* not JSON: ignore */
          }
        }),
      );
    } else {
      ws.on('message', (data: Buffer) => tracker.protobufFrame(idx, data, ping, (msg) => onReply(pb.Reply.decode(msg))));
    }
  });
}

export interface OpenOptions {
  n: number;
  /** Connections being opened at once. */
  concurrency: number;
  url: string;
  codec: Codec;
  /** Connection token (JWT) sent in `connect`. */
  token: string;
  channel: string;
  /** The channel of subscriber `i` when they differ (e.g. one sampled channel each); `channel` otherwise. */
  channelOf?: (i: number) => string;
  /** More fields of subscriber `i`'s subscribe request (a tags filter, delta), when it sends any. */
  subscribeOf?: (i: number) => Record<string, unknown>;
}

/**
 * Runs `open(i)` for i in 0..n-1, `concurrency` at a time; throws the first failure, or when the deadline (a
 * performance.now() time) passes before all are open. Resolves with n.
 */
export async function openConcurrently(n: number, concurrency: number, deadlineMs: number, open: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  let ok = 0;
  let firstErr: Error | undefined;
  const worker = async () => {
    while (next < n && performance.now() < deadlineMs && !firstErr) {
      const i = next++;
      try {
        await open(i);
        ok++;
      } catch (err) {
        firstErr ??= err as Error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (firstErr) throw firstErr;
  if (ok < n) throw new Error(`only ${ok}/${n} subscribers connected before the deadline`);
  return ok;
}

/** Opens `o.n` WebSocket subscribers, `o.concurrency` at a time; throws on the first failure or when the deadline passes first. */
export function openAll(o: OpenOptions, tracker: FrameSink, subs: Subscribers, deadlineMs: number): Promise<number> {
  const shared = connectFrame(o.codec, o.token, o.channel);
  return openConcurrently(o.n, o.concurrency, deadlineMs, (i) => {
    const hello = o.channelOf || o.subscribeOf ? connectFrame(o.codec, o.token, o.channelOf?.(i) ?? o.channel, o.subscribeOf?.(i)) : shared;
    return openSubscriber(i, o.url, o.codec, hello, tracker, subs);
  });
}

/** Size of a typical push (mid-run seq, current clock) as the codec puts it on the wire. */
export function pushBytes(codec: Codec, channel: string, filler: string, m: number): number {
  const data = JSON.stringify({ seq: Math.floor(m / 2), ts: nowUs(), payload: filler });
  if (codec === 'json') return Buffer.byteLength(`{"push":{"channel":${JSON.stringify(channel)},"pub":{"data":${data}}}}`);
  return pb.Reply.encode({ push: { channel, pub: { data: Buffer.from(data) } } }).ldelim().finish().length;
}

/**
 * Waits for every one of `expected` deliveries, for the server to have closed every subscriber, for `idleMs` without a
 * delivery once `publishingDone()`, or for the deadline (a performance.now() time), whichever comes first. Returns
 * what ended the wait when it was not every delivery, and whether the deadline did.
 */
export async function waitDeliveries(
  tracker: Pick<Tracker, 'delivered' | 'n'>,
  subs: Subscribers,
  expected: number,
  o: { publishingDone: () => boolean; idleMs: number; deadlineMs: number },
): Promise<{ note?: string; timedOut: boolean }> {
  let lastProgress = performance.now();
  let lastDelivered = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const now = performance.now();
    if (tracker.delivered !== lastDelivered) {
      lastDelivered = tracker.delivered;
      lastProgress = now;
    }
    if (tracker.delivered >= expected) return { timedOut: false };
    if (subs.closedByServer >= tracker.n) return { note: 'every subscriber was closed by the server', timedOut: false };
    if (o.publishingDone() && now - lastProgress > o.idleMs) return { note: `no delivery for ${o.idleMs} ms after publishing ended`, timedOut: false };
    if (now > o.deadlineMs) return { note: 'hard timeout hit; partial results', timedOut: true };
  }
}
