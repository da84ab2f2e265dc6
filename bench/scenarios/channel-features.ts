/**
 * Channel features: what tags filters cost the fan-out, and what fossil deltas
 * save on the wire and cost the server. Real Gyre processes (memory engine,
 * 1 worker), raw `ws` subscribers speaking the protocol, publications through
 * `/api/batch`; each variant against its own no-feature variant in the same run.
 *
 * - tags: N subscribers of one channel of a namespace with allow_tags_filter;
 *   every publication carries the same two tags in every variant (`kind`
 *   keep/drop alternately, `shard` s0…s9 in turn), so that only the filters
 *   differ: none; one filter passing everything (the filter's own cost on the
 *   same deliveries); the same `kind eq keep` for all (half the publications
 *   reach anyone); 10 distinct filters, each `shard in` five of the ten shards
 *   (every subscriber gets half, each group another half, so the server builds
 *   10 frames per batch). Every delivery is checked against the subscriber's
 *   filter: missing, leaked, duplicated.
 * - delta: a ~2 KB scoreboard (50 teams) in a recoverable channel allowing
 *   fossil deltas; each publication changes one or two scores. Subscribers
 *   without and with `delta: "fossil"`; the bytes their sockets receive per
 *   publication (the raw sockets cannot decode deltas, they count), and one
 *   centrifuge-js client per run checks that every publication it decodes is
 *   byte for byte what was published.
 */
import { Centrifuge } from 'centrifuge';
import { Centrifuge as CentrifugeProtobuf } from 'centrifuge/build/protobuf';
import WebSocket from 'ws';
import { deepMerge, sleep } from '../../test/helpers/server';
import { int, json, listOf, type Options, words } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU, treeCpuSeconds } from '../harness/cpu';
import { newStats, publish, seqData } from '../harness/publisher';
import { fmt1, fmt2, fmtCounts, fmtInt, fmtRatio, type Column, cpuColumns, percentileColumns } from '../harness/report';
import { errorProblem, type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { type Server, startGyre, token } from '../harness/servers';
import { type Codec, endRun, type FrameSink, newSubscribers, openAll, type Subscribers, Tracker, waitDeliveries } from '../harness/subscribers';

const TAGS_CHANNEL = 'feed:bench';
const DELTA_CHANNEL = 'board:scores';

const VARIANTS = [
  'tags-none-json',
  'tags-pass-json',
  'tags-same-json',
  'tags-ten-json',
  'tags-none-protobuf',
  'tags-pass-protobuf',
  'tags-same-protobuf',
  'tags-ten-protobuf',
  'delta-off-json',
  'delta-on-json',
  'delta-off-protobuf',
  'delta-on-protobuf',
] as const;
type Variant = (typeof VARIANTS)[number];
type TagMode = 'none' | 'pass' | 'same' | 'ten';
const DEFAULT_VARIANTS: Variant[] = ['tags-none-json', 'tags-pass-json', 'tags-same-json', 'tags-ten-json', 'delta-off-json', 'delta-on-json', 'delta-off-protobuf', 'delta-on-protobuf'];

const partOf = (v: Variant) => (v.startsWith('tags') ? 'tags' : 'delta');
const modeOf = (v: Variant) => v.split('-')[1]!;
const codecOf = (v: Variant): Codec => (v.endsWith('protobuf') ? 'protobuf' : 'json');
/** The variant each one is compared with: the same codec without the feature. */
const peerOf = (v: Variant) => (partOf(v) === 'tags' ? `tags-none-${codecOf(v)}` : `delta-off-${codecOf(v)}`);

const options = {
  ...common({ runs: 2, retries: 1 }),
  variants: listOf(VARIANTS, [], 'what runs; by default the four tags variants in JSON and the four delta variants'),
  n: int(1000, 'subscribers of the tags variants', { quick: 100 }),
  m: int(5000, 'publications of the tags variants', { quick: 200 }),
  payload: int(100, 'bytes of filler in every publication of the tags variants'),
  filters: int(10, 'distinct filters of the tags-ten variants, an even number: each passes half the shards', { min: 2 }),
  deltaN: int(200, 'raw subscribers of the delta variants (one centrifuge-js client more checks the data)', { quick: 20 }),
  deltaM: int(2000, 'publications of the delta variants', { quick: 100 }),
  teams: int(50, 'teams on the scoreboard, about 45 B each'),
  batch: int(50, 'publications per /api/batch request'),
  inflight: int(4, 'requests in flight, tags variants (the delta variants send one at a time, so that each publication follows the one it changes)'),
  timeout: int(60, 'seconds a run may take at most', { quick: 20 }),
  gyreConfig: json({}, 'Gyre configuration merged over the bench\'s'),
  serverNodeArgs: words('node flags of the server processes, e.g. "--cpu-prof --cpu-prof-dir=DIR"'),
};
type O = Options<typeof options>;

interface Result extends Outcome {
  n: number;
  m: number;
  expected: number;
  delivered: number;
  windowS: number;
  frames: number;
  cpu: CpuUse;
  /** Server CPU per delivered publication, µs. */
  srvUsPerDelivery: number;
  /** Server CPU per publication published, µs: what filtering saves in all. */
  srvUsPerPub: number;
  closes: Record<string, number>;
  // tags
  filters: number;
  missing: number;
  /** Deliveries the subscriber's filter should have kept from it. */
  leaked: number;
  duplicates: number;
  inversions: number;
  p50Ms: number;
  p99Ms: number;
  // delta
  /** Mean publication data size, bytes. */
  dataBytes: number;
  /** Bytes the subscribers' sockets received per delivered publication (WebSocket framing included). */
  wireBytes: number;
  /** WebSocket message bytes per delivered publication. */
  msgBytes: number;
  sdkReceived: number;
  sdkMismatched: number;
  sdkDelta: number;
  sdkFull: number;
  /** centrifuge-js deltaStats: bytes received per publication, and decoded. */
  sdkBytesReceived: number;
  sdkBytesDecoded: number;
}

function emptyResult(o: O, v: Variant): Result {
  const tags = partOf(v) === 'tags';
  return {
    ...outcome(),
    n: tags ? o.n : o.deltaN,
    m: tags ? o.m : o.deltaM,
    expected: 0,
    delivered: 0,
    windowS: NaN,
    frames: 0,
    cpu: NO_CPU,
    srvUsPerDelivery: NaN,
    srvUsPerPub: NaN,
    closes: {},
    filters: 0,
    missing: 0,
    leaked: 0,
    duplicates: 0,
    inversions: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    dataBytes: NaN,
    wireBytes: NaN,
    msgBytes: NaN,
    sdkReceived: 0,
    sdkMismatched: 0,
    sdkDelta: 0,
    sdkFull: 0,
    sdkBytesReceived: NaN,
    sdkBytesDecoded: NaN,
  };
}

/** Both namespaces in every server: the tags channel without history, the scoreboard recoverable with deltas allowed. */
function gyreConfig(o: O): Record<string, unknown> {
  const namespaces = [
    { name: 'feed', allow_subscribe_for_client: true, allow_tags_filter: true },
    { name: 'board', allow_subscribe_for_client: true, history_size: 100, history_ttl: 300, force_recovery: true, allowed_delta_types: ['fossil'] },
  ];
  return deepMerge({ channel: { namespaces } }, o.gyreConfig);
}

// ---- tags ------------------------------------------------------------------------------------------

/** Publication `seq`'s tags, the same in every tags variant. */
const tagsOf = (seq: number, o: O) => ({ kind: seq % 2 === 0 ? 'keep' : 'drop', shard: `s${seq % o.filters}` });

/** The shards filter group `g` of the tags-ten variant passes: half of them, starting at its own. */
const shardsOf = (g: number, o: O) => Array.from({ length: o.filters / 2 }, (_, k) => (g + k) % o.filters);

/** Subscriber `i`'s filter (the protocol's FilterNode), or undefined for none. */
function filterOf(mode: TagMode, i: number, o: O): Record<string, unknown> | undefined {
  switch (mode) {
    case 'none':
      return undefined;
    case 'pass':
      return { key: 'kind', cmp: 'in', vals: ['keep', 'drop'] };
    case 'same':
      return { key: 'kind', cmp: 'eq', val: 'keep' };
    case 'ten':
      return { key: 'shard', cmp: 'in', vals: shardsOf(i % o.filters, o).map((s) => `s${s}`) };
  }
}

/** Whether subscriber `i` should receive publication `seq`: the filters above, evaluated here on their own. */
function wants(mode: TagMode, i: number, seq: number, o: O): boolean {
  if (mode === 'none' || mode === 'pass') return true;
  if (mode === 'same') return seq % 2 === 0;
  return shardsOf(i % o.filters, o).includes(seq % o.filters);
}

async function runTags(v: Variant, o: O): Promise<Result> {
  const codec = codecOf(v);
  const mode = modeOf(v) as TagMode;
  const deadline = performance.now() + o.timeout * 1000;
  const filler = 'x'.repeat(o.payload);
  const tracker = new Tracker(o.n, o.m, o.batch);
  const subs = newSubscribers();
  const r = emptyResult(o, v);
  r.filters = mode === 'none' ? 0 : mode === 'ten' ? o.filters : 1;
  // What each subscriber should get, from the filters as this bench reads them.
  const want = new Uint8Array(o.n * o.m);
  for (let i = 0; i < o.n; i++) for (let s = 0; s < o.m; s++) if (wants(mode, i, s, o)) want[i * o.m + s] = 1;
  r.expected = want.reduce((a, b) => a + b, 0);
  let server: Server | undefined;
  try {
    server = await startGyre({ nodeArgs: o.serverNodeArgs, config: gyreConfig(o) });
    const subscribeOf = mode === 'none' ? undefined : (i: number) => ({ tf: filterOf(mode, i, o) });
    await openAll({ n: o.n, concurrency: 50, url: server.wsUrl, codec, token: token('u1'), channel: TAGS_CHANNEL, subscribeOf }, tracker, subs, deadline);
    await sleep(200); // let the server settle after the connection storm

    const srv = server;
    const w = cpuWindow({ parts: { server: () => treeCpuSeconds(srv.pid) } });
    const frames0 = tracker.frames;
    const stats = newStats();
    let aborted = false;
    const publishing = publish(
      { port: server.port, mode: 'batch', channel: () => TAGS_CHANNEL, data: (s) => seqData(s, filler), tags: (s) => tagsOf(s, o), batch: o.batch, inflight: o.inflight, total: o.m, stopped: () => aborted },
      stats,
    );
    let pubDone = false;
    void publishing.then(() => (pubDone = true));
    // Leaked deliveries would end the wait early; the check below finds them.
    const end = await waitDeliveries(tracker, subs, r.expected, { publishingDone: () => pubDone, idleMs: 3000, deadlineMs: deadline });
    r.cpu = w.end();
    aborted = true;
    if (end.note) r.notes.push(end.note);
    if (end.timedOut) r.problems.push(`timed out after ${o.timeout} s`);
    await Promise.race([publishing, sleep(5000)]);
    if (stats.failed) r.problems.push(`${stats.failed} publications failed (${stats.firstError})`);

    // A late leak shows too: give stragglers a moment before the check.
    await sleep(100);
    for (let k = 0; k < want.length; k++) {
      if (want[k] && !tracker.seen[k]) r.missing++;
      else if (!want[k] && tracker.seen[k]) r.leaked++;
    }
    r.duplicates = tracker.duplicates + tracker.outOfRange;
    r.inversions = tracker.inBatchInversions;
    r.delivered = tracker.delivered;
    r.frames = tracker.frames - frames0;
    r.windowS = ((tracker.delivered > 0 ? tracker.lastDeliveryMs : performance.now()) - stats.startMs) / 1000;
    Object.assign(r, tracker.latency());
    perDelivery(r, r.delivered, o.m);
    if (r.missing) r.problems.push(`${r.missing} deliveries missing`);
    if (r.leaked) r.problems.push(`${r.leaked} deliveries the filter should have kept out`);
    if (r.duplicates) r.problems.push(`${r.duplicates} duplicated or unparseable deliveries`);
    if (r.inversions) r.problems.push(`${r.inversions} in-batch order inversions`);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    await finish(r, subs, server);
  }
  return r;
}

// ---- delta -------------------------------------------------------------------------------------------

/**
 * The scoreboard's states, one per publication: `{seq, teams: [{id, name, pts}]}`, one or two teams scoring
 * 1–3 points each time. A fixed seed: every run of every variant publishes the very same texts.
 */
function scoreboard(m: number, teams: number): string[] {
  let x = 0x2545f491;
  const rnd = (k: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % k;
  };
  const names = Array.from({ length: teams }, (_, i) => `Team ${String(i + 1).padStart(2, '0')}`);
  const pts = names.map(() => 1000 + rnd(500));
  const out: string[] = [];
  for (let seq = 0; seq < m; seq++) {
    const changes = 1 + rnd(2);
    for (let c = 0; c < changes; c++) pts[rnd(teams)]! += 1 + rnd(3);
    out.push(JSON.stringify({ seq, teams: names.map((name, i) => ({ id: i + 1, name, pts: pts[i] })) }));
  }
  return out;
}

const NL = 0x0a;
const PUSH = Buffer.from('{"push":');
const PUB = Buffer.from('"pub":');

/**
 * Counts the publications and bytes each raw subscriber receives without reading their data, which a delta
 * subscriber could not anyway: a JSON line that is a push with a `pub`, a protobuf Reply whose first field is
 * `push` (the only pushes of the channel here are publications). Everything else goes to the subscriber's reply
 * handling, as with the Tracker.
 */
class WireCounter implements FrameSink {
  readonly counts: Int32Array;
  delivered = 0;
  frames = 0;
  bytes = 0;

  constructor(readonly n: number) {
    this.counts = new Int32Array(n);
  }

  private add(sub: number, bytes: number, pubs: number): void {
    this.frames++;
    this.bytes += bytes;
    this.counts[sub]! += pubs;
    this.delivered += pubs;
  }

  jsonFrame(sub: number, buf: Buffer, onPing: () => void, onOther: (line: string) => void): void {
    let pubs = 0;
    for (let s = 0; s < buf.length; ) {
      let e = buf.indexOf(NL, s);
      if (e === -1) e = buf.length;
      if (e - s === 2 && buf[s] === 0x7b && buf[s + 1] === 0x7d) onPing();
      else if (e > s) {
        const p = buf.compare(PUSH, 0, PUSH.length, s, s + PUSH.length) === 0 ? buf.indexOf(PUB, s) : -1;
        if (p !== -1 && p < e) pubs++;
        else onOther(buf.toString('utf8', s, e));
      }
      s = e + 1;
    }
    this.add(sub, buf.length, pubs);
  }

  protobufFrame(sub: number, buf: Buffer, onPing: () => void, onOther: (msg: Buffer) => void): void {
    let pubs = 0;
    for (let pos = 0; pos < buf.length; ) {
      // The varint length of the next Reply.
      let len = 0;
      let mul = 1;
      for (;;) {
        const b = buf[pos++];
        if (b === undefined) throw new Error('truncated varint');
        len += (b & 0x7f) * mul;
        if (b < 0x80) break;
        mul *= 0x80;
      }
      if (len === 0) onPing();
      else if (buf[pos] === 0x22) pubs++; // field 4 (push), length-delimited
      else onOther(buf.subarray(pos, pos + len));
      pos += len;
    }
    this.add(sub, buf.length, pubs);
  }
}

/** Bytes the subscribers' TCP sockets have read so far: ws offers no counter of its own, its net.Socket does. */
function socketBytesRead(subs: Subscribers): number {
  let n = 0;
  for (const s of subs.sockets) n += (s as unknown as { _socket?: { bytesRead: number } | null })._socket?.bytesRead ?? 0;
  return n;
}

interface SdkCheck {
  /** Resolves once `m` publications arrived or `ms` passed. */
  complete(m: number, ms: number): Promise<void>;
  received(): number;
  /** Decoded publications that differ from what was published, offsets out of turn, and the SDK's errors. */
  verdict(): { mismatched: number; problems: string[]; stats: { numDeltaPayloads: number; numFullPayloads: number; bytesReceived: number; bytesDecoded: number } };
  close(): void;
}

/**
 * One real centrifuge-js client (the variant's codec, with or without delta) subscribed before publishing starts:
 * the proof that what the deltas carry decodes to exactly what was published. Resolves once it is subscribed.
 */
async function sdkCheck(url: string, codec: Codec, delta: boolean, published: string[]): Promise<SdkCheck> {
  const Ctor = codec === 'protobuf' ? (CentrifugeProtobuf as unknown as typeof Centrifuge) : Centrifuge;
  const c = new Ctor(url, { websocket: WebSocket, token: token('sdk'), timeout: 10_000, minReconnectDelay: 200 });
  const sub = c.newSubscription(DELTA_CHANNEL, delta ? { delta: 'fossil' } : {});
  const problems: string[] = [];
  const got: { offset: number; text: string }[] = [];
  let subscribed = 0;
  sub.on('publication', (ctx) => {
    const text = codec === 'json' ? JSON.stringify(ctx.data) : Buffer.from(ctx.data as Uint8Array).toString('utf8');
    got.push({ offset: ctx.offset ?? -1, text });
  });
  sub.on('subscribed', () => subscribed++);
  sub.on('error', (ctx) => problems.push(`SDK subscription error: ${ctx.error.code} ${ctx.error.message}`));
  c.on('error', (ctx) => problems.push(`SDK client error: ${ctx.type} ${ctx.error.message}`));
  c.on('disconnected', (ctx) => problems.push(`SDK disconnected: ${ctx.code} ${ctx.reason}`));
  sub.subscribe();
  c.connect();
  await sub.ready(15_000);
  return {
    async complete(m, ms) {
      const until = performance.now() + ms;
      while (got.length < m && performance.now() < until) await sleep(20);
    },
    received: () => got.length,
    verdict() {
      let mismatched = 0;
      let outOfTurn = 0;
      for (let k = 0; k < got.length; k++) {
        const g = got[k]!;
        if (k > 0 && g.offset !== got[k - 1]!.offset + 1) outOfTurn++;
        let seq = -1;
        try {
          seq = (JSON.parse(g.text) as { seq?: number }).seq ?? -1;
        } catch {
          /* not JSON: counted as a mismatch */
        }
        if (published[seq] !== g.text) mismatched++;
      }
      const p = [...problems];
      if (outOfTurn) p.push(`SDK: ${outOfTurn} publications not one offset after the one before`);
      if (subscribed > 1) p.push(`SDK subscribed ${subscribed} times (resubscribed)`);
      const s = sub.deltaStats();
      return { mismatched, problems: p, stats: { numDeltaPayloads: s.numDeltaPayloads, numFullPayloads: s.numFullPayloads, bytesReceived: s.bytesReceived, bytesDecoded: s.bytesDecoded } };
    },
    close: () => c.disconnect(),
  };
}

let boardCache: { key: string; texts: string[] } | undefined;

async function runDelta(v: Variant, o: O): Promise<Result> {
  const codec = codecOf(v);
  const on = modeOf(v) === 'on';
  const deadline = performance.now() + o.timeout * 1000;
  const key = `${o.deltaM}/${o.teams}`;
  if (boardCache?.key !== key) boardCache = { key, texts: scoreboard(o.deltaM, o.teams) };
  const published = boardCache.texts;
  const counter = new WireCounter(o.deltaN);
  const subs = newSubscribers();
  const r = emptyResult(o, v);
  r.expected = o.deltaN * o.deltaM;
  r.dataBytes = published.reduce((a, t) => a + t.length, 0) / published.length;
  let server: Server | undefined;
  let sdk: SdkCheck | undefined;
  try {
    server = await startGyre({ nodeArgs: o.serverNodeArgs, config: gyreConfig(o) });
    const subscribeOf = on ? () => ({ delta: 'fossil' }) : undefined;
    await openAll({ n: o.deltaN, concurrency: 50, url: server.wsUrl, codec, token: token('u1'), channel: DELTA_CHANNEL, subscribeOf }, counter, subs, deadline);
    sdk = await sdkCheck(server.wsUrl, codec, on, published);
    await sleep(200);

    const srv = server;
    const sock0 = socketBytesRead(subs);
    const bytes0 = counter.bytes;
    const frames0 = counter.frames;
    const w = cpuWindow({ parts: { server: () => treeCpuSeconds(srv.pid) } });
    const stats = newStats();
    let aborted = false;
    // One request at a time: publications reach the channel in seq order, each one or two scores off the one before.
    const publishing = publish(
      { port: server.port, mode: 'batch', channel: () => DELTA_CHANNEL, data: (s) => published[s]!, batch: o.batch, inflight: 1, total: o.deltaM, stopped: () => aborted },
      stats,
    );
    let pubDone = false;
    void publishing.then(() => (pubDone = true));
    const end = await waitDeliveries(counter, subs, r.expected, { publishingDone: () => pubDone, idleMs: 3000, deadlineMs: deadline });
    r.cpu = w.end();
    const lastMs = performance.now();
    aborted = true;
    if (end.note) r.notes.push(end.note);
    if (end.timedOut) r.problems.push(`timed out after ${o.timeout} s`);
    await Promise.race([publishing, sleep(5000)]);
    if (stats.failed) r.problems.push(`${stats.failed} publications failed (${stats.firstError})`);

    r.delivered = counter.delivered;
    r.frames = counter.frames - frames0;
    r.windowS = (lastMs - stats.startMs) / 1000;
    r.wireBytes = (socketBytesRead(subs) - sock0) / r.delivered;
    r.msgBytes = (counter.bytes - bytes0) / r.delivered;
    // The SDK client is one subscriber more the server delivered to within the window.
    perDelivery(r, r.delivered + sdk.received(), o.deltaM);
    r.missing = r.expected - r.delivered;
    if (r.missing > 0) r.problems.push(`${r.missing} deliveries missing`);
    if (r.missing < 0) r.problems.push(`${-r.missing} deliveries more than published`);

    await sdk.complete(o.deltaM, 10_000);
    const check = sdk.verdict();
    r.sdkReceived = sdk.received();
    r.sdkMismatched = check.mismatched;
    r.sdkDelta = check.stats.numDeltaPayloads;
    r.sdkFull = check.stats.numFullPayloads;
    r.sdkBytesReceived = check.stats.bytesReceived / Math.max(1, r.sdkReceived);
    r.sdkBytesDecoded = check.stats.bytesDecoded / Math.max(1, r.sdkReceived);
    r.problems.push(...check.problems);
    if (r.sdkReceived !== o.deltaM) r.problems.push(`SDK received ${r.sdkReceived} of ${o.deltaM} publications`);
    if (r.sdkMismatched) r.problems.push(`SDK: ${r.sdkMismatched} decoded publications differ from what was published`);
    if (on && r.sdkDelta === 0) r.problems.push('SDK: no publication came as a delta');
    if (!on && r.sdkDelta > 0) r.problems.push(`SDK: ${r.sdkDelta} deltas without asking for them`);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    sdk?.close();
    await finish(r, subs, server);
  }
  return r;
}

// ---- shared --------------------------------------------------------------------------------------------

function perDelivery(r: Result, deliveries: number, publications: number): void {
  const srvS = ((r.cpu.pct['server'] ?? NaN) / 100) * r.cpu.wallS;
  r.otherPct = r.cpu.other;
  r.srvUsPerDelivery = deliveries > 0 ? (srvS * 1e6) / deliveries : NaN;
  r.srvUsPerPub = (srvS * 1e6) / publications;
}

async function finish(r: Result, subs: Subscribers, server: Server | undefined): Promise<void> {
  await endRun(r, subs, server);
}

function variants(o: O): Variant[] {
  if (o.filters % 2) throw new Error('--filters must be even: each filter passes half the shards');
  return o.variants.length ? o.variants : DEFAULT_VARIANTS;
}

type R = Row<Variant, Result>;

function tagsColumns(): Column<R>[] {
  return [
    ['variant', (x) => x.label],
    runColumn(),
    ['N', (x) => String(x.r.n)],
    ['M', (x) => String(x.r.m)],
    ['filters', (x) => String(x.r.filters)],
    ['delivered', (x) => `${x.r.delivered}/${x.r.expected}`],
    ['window s', (x) => fmt2(x.r.windowS)],
    ['msgs/frame', (x) => fmt1(x.r.frames ? x.r.delivered / x.r.frames : NaN)],
    ...percentileColumns<R>('', (x) => x.r),
    ...cpuColumns<R>((x) => x.r.cpu, { 'srv CPU %': 'server' }),
    ['srv µs/delivery', (x) => fmt2(x.r.srvUsPerDelivery)],
    ['srv µs/pub', (x) => fmt1(x.r.srvUsPerPub)],
    ['lost', (x) => String(x.r.missing)],
    ['leaked', (x) => String(x.r.leaked)],
    ['dup', (x) => String(x.r.duplicates)],
    ['closes', (x) => fmtCounts(x.r.closes)],
  ];
}

function deltaColumns(): Column<R>[] {
  return [
    ['variant', (x) => x.label],
    runColumn(),
    ['N', (x) => String(x.r.n)],
    ['M', (x) => String(x.r.m)],
    ['data B', (x) => fmtInt(x.r.dataBytes)],
    ['delivered', (x) => `${x.r.delivered}/${x.r.expected}`],
    ['window s', (x) => fmt2(x.r.windowS)],
    ['msgs/frame', (x) => fmt1(x.r.frames ? x.r.delivered / x.r.frames : NaN)],
    ['wire B/pub', (x) => fmt1(x.r.wireBytes)],
    ['msg B/pub', (x) => fmt1(x.r.msgBytes)],
    ...cpuColumns<R>((x) => x.r.cpu, { 'srv CPU %': 'server' }),
    ['srv µs/delivery', (x) => fmt2(x.r.srvUsPerDelivery)],
    ['srv µs/pub', (x) => fmt1(x.r.srvUsPerPub)],
    ['SDK pubs', (x) => String(x.r.sdkReceived)],
    ['SDK delta/full', (x) => `${x.r.sdkDelta}/${x.r.sdkFull}`],
    ['SDK B/pub recv/decoded', (x) => `${fmt1(x.r.sdkBytesReceived)}/${fmt1(x.r.sdkBytesDecoded)}`],
    ['SDK mismatched', (x) => String(x.r.sdkMismatched)],
    ['closes', (x) => fmtCounts(x.r.closes)],
  ];
}

export const scenario: Scenario<typeof options, Variant, Result> = {
  name: 'channel-features',
  title: 'tags filters and fossil deltas: fan-out CPU with filters, wire bytes and CPU with deltas, each against the feature off',
  about: `
tags-*: N subscribers of one channel (allow_tags_filter), M publications through /api/batch, every one tagged
kind=keep|drop (alternately) and shard=s0…s9 (in turn). none: no filter; pass: every subscriber filters
"kind in [keep, drop]" (everything passes: the filter's own cost on the same deliveries); same: every subscriber
"kind eq keep" (half the publications reach anyone); ten: --filters distinct filters, each "shard in" half the
shards (every subscriber still gets half, each group another half). Every delivery is checked against the
subscriber's filter. Ratios: server CPU per delivered publication and per publication, against tags-none of the
same codec.

delta-*: a ~2 KB scoreboard (--teams teams) in a recoverable namespace allowing fossil deltas, each publication
one or two scores off the one before, published one request at a time. Raw subscribers without (off) and with
(on) delta: "fossil" count the bytes their sockets receive per publication; one centrifuge-js client per run
(the variant's codec) checks that every publication it decodes equals what was published, and reports its
deltaStats. Ratios: wire bytes and server CPU per delivery, against delta-off of the same codec.`,
  options,
  header: (o) =>
    `tags: N=${o.n} subscribers, M=${o.m} publications of ${o.payload} B filler, ${o.filters} filters in tags-ten, /api/batch ×${o.batch}, ${o.inflight} in flight; ` +
    `delta: N=${o.deltaN} subscribers (+1 SDK), M=${o.deltaM} scoreboards of ${o.teams} teams, /api/batch ×${o.batch}, 1 in flight; timeout ${o.timeout} s/run`,
  variants,
  key: (v) => v,
  run: (v, _run, o) => (partOf(v) === 'tags' ? runTags(v, o) : runDelta(v, o)),
  summary: (r) =>
    `${r.delivered}/${r.expected} delivered in ${fmt2(r.windowS)} s, server ${fmt2(r.srvUsPerDelivery)} µs/delivery, ${fmt1(r.srvUsPerPub)} µs/pub` +
    (Number.isFinite(r.wireBytes) ? `, ${fmt1(r.wireBytes)} wire B/pub, SDK ${r.sdkDelta} delta/${r.sdkFull} full, ${r.sdkMismatched} mismatched` : '') +
    (r.filters ? `, ${r.leaked} leaked` : ''),
  sum: ['missing', 'leaked', 'duplicates', 'inversions', 'delivered', 'expected', 'frames', 'closes', 'sdkMismatched'],
  report(res, o) {
    const ratio = (f: (r: Result) => number) => (x: R) => fmtRatio(f(x.r), f(res.median(peerOf(x.variant)) ?? ({ srvUsPerDelivery: NaN, srvUsPerPub: NaN, wireBytes: NaN } as Result)));
    printRuns(res, tagsColumns(), o, {
      only: (x) => partOf(x.variant) === 'tags',
      title: 'tags filters',
      ratios: [
        ['ratio to tags-none (µs/delivery)', ratio((r) => r.srvUsPerDelivery)],
        ['ratio to tags-none (µs/pub)', ratio((r) => r.srvUsPerPub)],
      ],
    });
    printRuns(res, deltaColumns(), o, {
      only: (x) => partOf(x.variant) === 'delta',
      title: 'fossil delta',
      ratios: [
        ['ratio to delta-off (wire B/pub)', ratio((r) => r.wireBytes)],
        ['ratio to delta-off (µs/delivery)', ratio((r) => r.srvUsPerDelivery)],
      ],
    });
  },
};
