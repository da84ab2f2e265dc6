/**
 * Micro-benchmarks of the per-publication hot paths, in one process, each
 * against a floor measured in the same run:
 *
 * - fan-out: one publication delivered by the node to 1000 subscribed
 *   clients (real Client objects over an in-memory transport, subscribed
 *   through real connect and subscribe commands), including the coalesced
 *   flush; floor: handing the same shared buffer to 1000 sinks in a loop.
 * - encoding a publication push, JSON and protobuf; peer: JSON.stringify of
 *   the same push with its data as a value.
 * - a writer flush of 50 queued messages into one frame; peer: Buffer.concat.
 */
import { Client } from '../../src/client/client';
import { noMetrics } from '../../src/metrics/metrics';
import type { ClientServices } from '../../src/client/services';
import { Writer } from '../../src/client/writer';
import { loadConfig } from '../../src/config/load';
import { createEngine } from '../../src/engine/create-engine';
import type { Disconnect } from '../../src/disconnect';
import { createRootLogger } from '../../src/log';
import { Node } from '../../src/node/node';
import { codecs } from '../../src/protocol/codecs';
import { centrifugal } from '../../src/protocol/generated/client';
import type { SharedFrame } from '../../src/protocol/prepared-push';
import type { ProtocolName } from '../../src/protocol/types';
import type { Transport, TransportSink } from '../../src/transport/transport';
import { JwtVerifier } from '../../src/auth/jwt-verifier';
import { int, type Options } from '../harness/cli';
import { printTable } from '../harness/report';
import { type Outcome, outcome } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { nsPer } from '../harness/stats';

/** A transport that keeps nothing: it counts what it is given. */
class CountingTransport implements Transport {
  readonly name = 'bench';
  readonly unidirectional = false;
  readonly emulated = false;
  readonly serverPings = false;
  writes = 0;
  bytes = 0;
  sink: TransportSink | null = null;
  constructor(readonly protocol: ProtocolName) {}
  attach(sink: TransportSink): void {
    this.sink = sink;
  }
  write(message: Buffer): void {
    this.writes++;
    this.bytes += message.length;
  }
  writeMany(messages: Buffer[], totalBytes: number): void {
    this.write(codecs[this.protocol].joinFrame(messages, totalBytes));
  }
  writeShared(frame: SharedFrame): void {
    this.write(frame.data);
  }
  bufferedAmount(): number {
    return 0;
  }
  close(_d: Disconnect): void {}
}

const turn = () => new Promise((r) => setImmediate(r));
const DATA = Buffer.from(JSON.stringify({ text: 'hello world, a chat message of about a hundred bytes', user: 42, n: 1 }));

async function fanout(protocol: ProtocolName, subscribers: number, publications: number): Promise<{ ns: number; floorNs: number; delivered: number }> {
  const config = loadConfig({ env: { GYRE_CLIENT_INSECURE: 'true', GYRE_LOG_LEVEL: 'silent' } });
  const log = createRootLogger('silent');
  const engine = createEngine(config, log);
  const node = new Node(config, engine.broker, engine.presence, engine.failures);
  await node.start();
  const services: ClientServices = {
    config: config.client,
    rules: node.rules,
    verifier: new JwtVerifier({ hmacSecret: '', rsaPublicKey: '', ecdsaPublicKey: '', audience: '', issuer: '' }),
    channels: node,
    hub: node.hub,
    connections: node.connections,
    metrics: noMetrics,
    log,
    nodeId: 'bench',
    users: { disconnectOthers: async () => {} },
  };
  const codec = codecs[protocol];
  const transports: CountingTransport[] = [];
  for (let i = 0; i < subscribers; i++) {
    const t = new CountingTransport(protocol);
    transports.push(t);
    new Client(services, t);
    const parts = [encodeCommand(protocol, { id: 1, connect: {} }), encodeCommand(protocol, { id: 2, subscribe: { channel: 'bench' } })];
    t.sink!.handleFrame(codec.joinFrame(parts, parts[0]!.length + parts[1]!.length));
  }
  for (let i = 0; i < 50 && node.hub.numSubscriptions() < subscribers; i++) await turn();
  if (node.hub.numSubscriptions() !== subscribers) throw new Error(`only ${node.hub.numSubscriptions()} of ${subscribers} subscribed`);
  await turn();
  const before = transports.reduce((n, t) => n + t.writes, 0);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < publications; i++) {
    node.handlePublication('bench', { data: DATA }, undefined);
    await turn(); // the writers flush: one write per subscriber per publication, as when publications arrive apart
  }
  const ns = Number(process.hrtime.bigint() - t0) / publications;
  const delivered = transports.reduce((n, t) => n + t.writes, 0) - before;
  // Floor: the least a fan-out can do, hand one shared buffer to each subscriber's sink.
  const sinks = transports.map(() => ({ n: 0, last: null as Buffer | null }));
  const f0 = process.hrtime.bigint();
  for (let i = 0; i < publications; i++) {
    const shared = Buffer.from(DATA);
    for (const s of sinks) {
      s.n++;
      s.last = shared;
    }
    await turn();
  }
  const floorNs = Number(process.hrtime.bigint() - f0) / publications;
  for (const c of [...node.connections]) c.handleTransportClosed();
  await node.close();
  return { ns, floorNs, delivered };
}

function encodeCommand(protocol: ProtocolName, cmd: object): Buffer {
  if (protocol === 'json') return Buffer.from(JSON.stringify(cmd));
  return Buffer.from(centrifugal.centrifuge.protocol.Command.encode(cmd).ldelim().finish());
}

function encoding(iterations: number): { json: number; protobuf: number; stringify: number } {
  const push = { push: { channel: 'chat:room', pub: { data: DATA, offset: 17, info: { user: '42', client: 'c1' } } } };
  const asValue = { push: { channel: 'chat:room', pub: { data: JSON.parse(DATA.toString()), offset: 17, info: { user: '42', client: 'c1' } } } };
  return {
    json: nsPer(iterations, () => codecs.json.encodeReply(push), WARMUP),
    protobuf: nsPer(iterations, () => codecs.protobuf.encodeReply(push), WARMUP),
    stringify: nsPer(iterations, () => Buffer.from(JSON.stringify(asValue)), WARMUP),
  };
}

function writerFlush(iterations: number): { flush: number; concat: number } {
  const t = new CountingTransport('json');
  const w = new Writer(t, 1 << 30, () => {});
  const parts = Array.from({ length: 50 }, () => codecs.json.encodeReply({ push: { channel: 'c', pub: { data: DATA } } }));
  const total = parts.reduce((n, p) => n + p.length, 0);
  return {
    flush: nsPer(iterations / 4, () => {
      for (const p of parts) w.enqueue(p);
      w.flush();
    }, WARMUP),
    concat: nsPer(iterations / 4, () => Buffer.concat(parts, total), WARMUP),
  };
}

const WARMUP = 10_000;
const PATHS = ['fanout-json', 'fanout-protobuf', 'encode', 'writer'] as const;
type Path = (typeof PATHS)[number];

const options = {
  ...common({ runs: 3, retries: 0, waitQuiet: 0 }),
  subscribers: int(1000, 'subscribers of the fan-out', { quick: 100 }),
  publications: int(2000, 'publications of the fan-out', { quick: 100 }),
  iterations: int(200_000, 'encodes per measurement (the writer flush: a quarter of it)', { quick: 10_000 }),
};
type O = Options<typeof options>;

/** Each path's figures in ns: Gyre's, and its floor or peer's. */
interface Result extends Outcome {
  ns: Record<string, number>;
}

export const scenario: Scenario<typeof options, Path, Result> = {
  name: 'hot-paths',
  title: 'per-publication hot paths in one process (fan-out, push encoding, writer flush) against floors and peers',
  about: `
- fan-out: one publication delivered by the node to N subscribed clients (real Client objects over an in-memory
  transport, subscribed through real connect and subscribe commands), including the coalesced flush; floor: handing
  the same shared buffer to N sinks in a loop.
- encoding a publication push, JSON and protobuf; peer: JSON.stringify of the same push with its data as a value.
- a writer flush of 50 queued messages into one frame; peer: Buffer.concat.`,
  options,
  header: (o: O) => `fan-out to ${o.subscribers} subscribers × ${o.publications} publications; ${o.iterations} encodes`,
  variants: () => [...PATHS],
  key: (p) => p,
  async run(p, _run, o) {
    if (p === 'encode') return { ...outcome(), ns: encoding(o.iterations) };
    if (p === 'writer') return { ...outcome(), ns: writerFlush(o.iterations) };
    const f = await fanout(p === 'fanout-json' ? 'json' : 'protobuf', o.subscribers, o.publications);
    const r: Result = { ...outcome(), ns: { gyre: f.ns, floor: f.floorNs } };
    if (f.delivered !== o.subscribers * o.publications) r.problems.push(`fan-out delivered ${f.delivered} of ${o.subscribers * o.publications}`);
    return r;
  },
  summary: (r) => Object.entries(r.ns).map(([k, v]) => `${k} ${v.toFixed(0)} ns`).join(', '),
  report(res, o) {
    const ns = (p: Path) => res.median(p)?.ns ?? {};
    const row = (path: string, gyre: number, floor: number, peer: string, digits: number) => [path, `${gyre.toFixed(0)} ns`, `${floor.toFixed(0)} ns (${peer})`, (gyre / floor).toFixed(digits)];
    const rows: string[][] = [];
    for (const protocol of ['json', 'protobuf'] as const) {
      const f = ns(`fanout-${protocol}`);
      if (f['gyre'] !== undefined) rows.push(row(`fan-out to ${o.subscribers} ${protocol} subscribers, per delivery`, f['gyre'] / o.subscribers, f['floor']! / o.subscribers, 'loop over sinks', 1));
    }
    const e = ns('encode');
    if (e['json'] !== undefined) {
      rows.push(row('encode a publication push, JSON', e['json'], e['stringify']!, 'JSON.stringify of it', 2));
      rows.push(row('encode a publication push, protobuf', e['protobuf']!, e['stringify']!, 'JSON.stringify of it', 2));
    }
    const w = ns('writer');
    if (w['flush'] !== undefined) rows.push(row('writer: queue 50 messages and flush one frame', w['flush'], w['concat']!, 'Buffer.concat of them', 2));
    printTable(`median of ${o.runs} run(s):`, [['path', (r: string[]) => r[0]!], ['Gyre', (r) => r[1]!], ['floor / peer', (r) => r[2]!], ['ratio (Gyre / floor)', (r) => r[3]!]], rows);
  },
};
