/**
 * The GRPC server API against the HTTP server API on one and the same Gyre
 * process (memory engine, 1 worker): publications per second and the
 * server's CPU per publication, single publishes and batches, with the same
 * channels, payload and requests in flight on both sides — one keep-alive
 * HTTP agent against one GRPC channel. Every publication must be answered
 * without error, and the history offsets of sample channels must equal what
 * was published to them.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { freePort } from '../../test/helpers/server';
import { int, listOf, type Options, words } from '../harness/cli';
import { cpuWindow, type CpuUse, treeCpuSeconds } from '../harness/cpu';
import { newStats, publish, type PublishStats, windowOptions } from '../harness/publisher';
import { type Column, cpuColumns, fmt1, fmtInt, fmtRatio, percentileColumns, printTable } from '../harness/report';
import { type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Harness, type Scenario } from '../harness/scenario';
import { api, benchNamespace, type Server, startGyre } from '../harness/servers';
import { percentile, sorted } from '../harness/stats';

const GRPC_KEY = 'bench-grpc-key';
/** History kept short: the check only needs each channel's top offset, and the Gyre is kept across runs. */
const HISTORY_SIZE = 10;
const HISTORY_TTL = 300;

type Api = 'http' | 'grpc';
type Mode = 'single' | 'batch';
const APIS: Api[] = ['http', 'grpc'];
const MODES: Mode[] = ['single', 'batch'];

const options = {
  ...common({ runs: 2, retries: 1 }),
  apis: listOf(APIS, [...APIS], 'server APIs compared (http is the peer of the ratios)'),
  modes: listOf(MODES, [...MODES], 'single: one publish per call (/api/publish, Publish); batch: --batch publish commands per call (/api/batch, Batch)'),
  ...windowOptions(),
  inflight: int(16, 'calls in flight, every API and mode'),
  batch: int(50, 'publications per batch call'),
  serverNodeArgs: words('node flags of Gyre (its worker inherits them), e.g. "--cpu-prof --cpu-prof-dir=DIR"'),
};
type O = Options<typeof options>;

interface Variant {
  api: Api;
  mode: Mode;
}

interface Result extends Outcome {
  pubPerS: number;
  windowPubs: number;
  accepted: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuUse;
  usPerPub: number;
  /** Sample channels whose history top offset differed from what was published to them. */
  offsetMismatches: number;
}

// ---- the GRPC client --------------------------------------------------------------------------

/** proto/api.proto seen from the compiled bench (<dist>/bench/scenarios) or from its sources (bench/scenarios). */
function protoFile(): string {
  const compiled = path.resolve(__dirname, '../../../proto/api.proto');
  return fs.existsSync(compiled) ? compiled : path.resolve(__dirname, '../../proto/api.proto');
}

/** A client built from the schema at run time, as a backend without generated code would build one. */
function grpcClient(port: number): grpc.Client & Record<string, any> {
  const definition = protoLoader.loadSync(protoFile(), { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true });
  const Ctor = (grpc.loadPackageDefinition(definition) as any).centrifugal.centrifugo.api.CentrifugoApi as grpc.ServiceClientConstructor;
  // A channel of its own (grpc-js would otherwise share one between clients of a target): one GRPC channel, as the HTTP side has one agent.
  return new Ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }) as grpc.Client & Record<string, any>;
}

/** One unary call with the key; rejects with the GRPC error. Metadata is built per call, as a backend would. */
function call(client: Record<string, any>, rpc: string, request: object, timeoutMs = 30_000): Promise<any> {
  const md = new grpc.Metadata();
  md.set('authorization', `apikey ${GRPC_KEY}`);
  return new Promise((resolve, reject) => {
    client[rpc](request, md, { deadline: Date.now() + timeoutMs }, (err: grpc.ServiceError | null, res: unknown) => (err ? reject(err) : resolve(res)));
  });
}

interface Load {
  client: Record<string, any>;
  mode: Mode;
  channel(seq: number): string;
  data(seq: number): string;
  batch: number;
  inflight: number;
  stopped(): boolean;
  measuring(): boolean;
}

/**
 * The GRPC side of publisher.ts's loop, kept the same on purpose (a fixed number of calls in flight, each taking the
 * next sequence numbers, acknowledged publications counted one by one), so that the two APIs differ only in transport.
 */
async function grpcPublish(o: Load, stats: PublishStats): Promise<PublishStats> {
  const k = o.mode === 'single' ? 1 : o.batch;
  let nextSeq = 0;
  const pub = (s: number) => ({ channel: o.channel(s), data: Buffer.from(o.data(s)) });
  const one = async (): Promise<void> => {
    while (!o.stopped()) {
      stats.requests++;
      const from = nextSeq;
      nextSeq += k;
      const sent = performance.now();
      try {
        if (o.mode === 'single') {
          const r = await call(o.client, 'Publish', pub(from));
          if (r.error !== undefined || r.result === undefined) throw new Error(`Publish answer: ${JSON.stringify(r).slice(0, 200)}`);
          stats.accepted++;
        } else {
          const commands = [];
          for (let s = from; s < from + k; s++) commands.push({ publish: pub(s) });
          const r = await call(o.client, 'Batch', { commands });
          const replies = (r.replies ?? []) as Record<string, unknown>[];
          for (let i = 0; i < k; i++) {
            const reply = replies[i];
            if (reply && reply['publish'] !== undefined && reply['error'] === undefined) stats.accepted++;
            else {
              stats.failed++;
              stats.firstError ??= JSON.stringify(reply);
            }
          }
        }
        if (o.measuring()) stats.latMs.push(performance.now() - sent);
      } catch (err) {
        stats.failed += k;
        stats.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: o.inflight }, one));
  stats.endMs = performance.now();
  return stats;
}

// ---- runs -----------------------------------------------------------------------------------------

/** The one Gyre both APIs reach, and the one GRPC channel to it; kept across every run. */
type Setup = { gyre: Server; grpcPort: number; client: grpc.Client & Record<string, any>; stop(): Promise<void> };

async function startSetup(o: O): Promise<Setup> {
  const grpcPort = await freePort();
  const gyre = await startGyre({
    workers: 1,
    nodeArgs: o.serverNodeArgs,
    config: { ...benchNamespace(HISTORY_SIZE, HISTORY_TTL), grpc_api: { enabled: true, port: grpcPort, key: GRPC_KEY } },
  });
  const client = grpcClient(grpcPort);
  // /health answers before the GRPC port may be bound: wait for it, and check that the key is taken, before any window.
  await new Promise<void>((res, rej) => client.waitForReady(Date.now() + 10_000, (err) => (err ? rej(new Error(`GRPC API not reachable: ${err.message}`)) : res())));
  const info = await call(client, 'Info', {}, 5000);
  if (info.error) throw new Error(`GRPC Info: ${JSON.stringify(info.error)}`);
  return {
    gyre,
    grpcPort,
    client,
    stop: async () => {
      client.close();
      await gyre.stop();
    },
  };
}

/** Publication data: ~payload bytes of JSON, the same text as HTTP's `data` and as GRPC's `data` bytes. */
const dataJson = (seq: number, filler: string) => `{"seq":${seq},"payload":"${filler}"}`;

async function run(v: Variant, runNo: number, o: O, h: Harness): Promise<Result> {
  const s = await h.kept.get('gyre', () => startSetup(o));
  const tag = `${v.api}${v.mode[0]}r${runNo}x${Date.now() % 100000}`;
  // Fresh channels per run, so that each run's offsets can be checked on their own.
  const channels = Array.from({ length: o.channels }, (_, i) => `bench:${tag}c${i}`);
  const filler = 'x'.repeat(o.payload);
  const stats = newStats();
  let measuring = false;
  let stopped = false;
  const load = {
    channel: (seq: number) => channels[seq % channels.length]!,
    data: (seq: number) => dataJson(seq, filler),
    inflight: o.inflight,
    stopped: () => stopped,
    measuring: () => measuring,
  };
  const loading =
    v.api === 'http'
      ? publish({ ...load, port: s.gyre.port, mode: v.mode === 'single' ? 'publish' : 'batch', batch: o.batch }, stats)
      : grpcPublish({ ...load, client: s.client, mode: v.mode, batch: o.batch }, stats);
  await new Promise((res) => setTimeout(res, o.warmup * 1000));
  const w = cpuWindow({ parts: { gyre: () => treeCpuSeconds(s.gyre.pid) }, workersOf: s.gyre.pid });
  const acc0 = stats.accepted;
  measuring = true;
  await new Promise((res) => setTimeout(res, o.duration * 1000));
  const cpu = w.end();
  const windowPubs = stats.accepted - acc0;
  measuring = false;
  stopped = true;
  const drained = await Promise.race([loading.then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 35_000))]);

  // Once every call has been answered, the publications were seq 0 … accepted+failed-1, round-robin: channel i got
  // those with seq % C == i. The first and the last channel are the samples (they differ by one when C ∤ n).
  const n = stats.accepted + stats.failed;
  const C = channels.length;
  let offsetMismatches = 0;
  const notes: string[] = [];
  for (const i of [...new Set([0, C - 1])]) {
    const expected = Math.floor(n / C) + (i < n % C ? 1 : 0);
    const r = await api<{ offset?: number }>(s.gyre.port, 'history', { channel: channels[i], limit: 0 });
    if ((r.offset ?? 0) !== expected) {
      offsetMismatches++;
      notes.push(`${channels[i]}: offset ${r.offset ?? 0}, ${expected} published`);
    }
  }
  const lat = sorted(stats.latMs);
  const r: Result = {
    ...outcome(),
    otherPct: cpu.other,
    pubPerS: windowPubs / cpu.wallS,
    windowPubs,
    accepted: stats.accepted,
    failed: stats.failed,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    cpu,
    usPerPub: windowPubs ? ((cpu.pct['gyre']! / 100) * cpu.wallS * 1e6) / windowPubs : NaN,
    offsetMismatches,
  };
  if (!drained) r.problems.push('calls still unanswered 35 s after the window');
  if (stats.failed) r.problems.push(`${stats.failed} publication(s) failed: ${stats.firstError}`);
  if (offsetMismatches) r.problems.push(`history offsets: ${notes.join('; ')}`);
  if (!windowPubs) r.problems.push('nothing acknowledged in the window');
  return r;
}

// ---- report -----------------------------------------------------------------------------------

type R = Row<Variant, Result>;

const columns = (o: O): Column<R>[] => [
  ['api', (x) => x.variant.api],
  ['mode', (x) => (x.variant.mode === 'batch' ? `batch ×${o.batch}` : 'single')],
  runColumn(),
  ['pubs/s', (x) => fmtInt(x.r.pubPerS)],
  ...percentileColumns<R>('call', (x) => x.r),
  ...cpuColumns<R>((x) => x.r.cpu, { 'gyre CPU %': 'gyre' }, { workers: true }),
  ['gyre µs/pub', (x) => fmt1(x.r.usPerPub)],
  ['acked', (x) => fmtInt(x.r.accepted)],
  ['failed', (x) => String(x.r.failed)],
  ['offsets', (x) => (x.r.offsetMismatches ? `${x.r.offsetMismatches} off` : 'ok')],
];

export const scenario: Scenario<typeof options, Variant, Result> = {
  name: 'grpc',
  title: 'publications/s and server CPU per publication through the GRPC API, against the HTTP API of the same Gyre',
  about: `
One Gyre (memory engine, 1 worker, grpc_api enabled with a key) serves both APIs and is kept across every run.
Each run publishes to --channels fresh channels round-robin (namespace bench: history ${HISTORY_SIZE}, ${HISTORY_TTL} s), with
~--payload B of JSON per publication and --inflight calls in flight: HTTP over one keep-alive agent
(/api/publish, or /api/batch with --batch publish commands, run in turn), GRPC over one channel (Publish, or
Batch with the same commands; the JSON text as the data bytes, authorization: apikey KEY in the metadata of
every call). --warmup s, then --duration s measured; Gyre's CPU is its process tree's over the window. Checks:
every publication answered without error, and the history top offsets of the first and last channel equal what
was published to each. Ratios: GRPC over HTTP of the same mode, in pubs/s and in Gyre µs per publication. The
GRPC client (grpc-js) costs the bench more CPU than the HTTP one: see gen CPU % — with 2 cores, pubs/s can be
bounded by the load generator; µs/pub is the server's own cost either way.`,
  options,
  header: (o) =>
    `grpc vs http: memory engine, 1 worker; ${o.channels} channels, ${o.payload} B filler, ${o.inflight} calls in flight, batches of ${o.batch}; ` +
    `modes ${o.modes.join(',')}; ${o.warmup} s warm-up + ${o.duration} s measured`,
  variants: (o) => o.modes.flatMap((mode) => o.apis.map((a): Variant => ({ api: a, mode }))),
  key: (v) => `${v.api} ${v.mode}`,
  run: (v, runNo, o, _c, h) => run(v, runNo, o, h),
  summary: (r) =>
    `${fmtInt(r.pubPerS)} pubs/s, p50 ${fmt1(r.p50Ms)} ms, gyre ${fmtInt(r.cpu.pct['gyre']!)}% = ${fmt1(r.usPerPub)} µs/pub, gen ${fmtInt(r.cpu.gen)}%, other ${fmtInt(r.cpu.other)}%, ` +
    `${r.failed} failed, offsets ${r.offsetMismatches ? 'WRONG' : 'ok'}`,
  sum: ['failed', 'offsetMismatches'],
  report(res, o) {
    const http = (x: R) => res.median(`http ${x.variant.mode}`);
    printRuns(res, columns(o), o, {
      ratios: [
        ['ratio to HTTP (pubs/s)', (x) => fmtRatio(x.r.pubPerS, http(x)?.pubPerS ?? NaN)],
        ['ratio to HTTP (µs/pub)', (x) => fmtRatio(x.r.usPerPub, http(x)?.usPerPub ?? NaN)],
      ],
    });
    // One line per mode: the two APIs side by side.
    const byMode = o.modes.map((mode) => ({ mode, h: res.median(`http ${mode}`), g: res.median(`grpc ${mode}`) })).filter((m) => m.h && m.g);
    printTable(
      'GRPC against HTTP (medians), same Gyre, same load:',
      [
        ['mode', (m) => (m.mode === 'batch' ? `batch ×${o.batch}` : 'single')],
        ['HTTP pubs/s', (m) => fmtInt(m.h!.pubPerS)],
        ['GRPC pubs/s', (m) => fmtInt(m.g!.pubPerS)],
        ['ratio GRPC/HTTP (pubs/s)', (m) => fmtRatio(m.g!.pubPerS, m.h!.pubPerS)],
        ['HTTP µs/pub', (m) => fmt1(m.h!.usPerPub)],
        ['GRPC µs/pub', (m) => fmt1(m.g!.usPerPub)],
        ['ratio GRPC/HTTP (µs/pub)', (m) => fmtRatio(m.g!.usPerPub, m.h!.usPerPub)],
        ['HTTP gen CPU %', (m) => fmtInt(m.h!.cpu.gen)],
        ['GRPC gen CPU %', (m) => fmtInt(m.g!.cpu.gen)],
      ],
      byMode,
    );
  },
};
