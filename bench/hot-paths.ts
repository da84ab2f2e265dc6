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
 *
 *   node dist/bench/hot-paths.js [--subscribers 1000] [--publications 2000] [--runs 3]
 */
import { Client } from '../src/client/client';
import { noMetrics } from '../src/metrics/metrics';
import type { ClientServices } from '../src/client/services';
import { Writer } from '../src/client/writer';
import { loadConfig } from '../src/config/load';
import { createEngine } from '../src/engine/create-engine';
import type { Disconnect } from '../src/disconnect';
import { createRootLogger } from '../src/log';
import { Node } from '../src/node/node';
import { codecs } from '../src/protocol/codecs';
import { centrifugal } from '../src/protocol/generated/client';
import type { SharedFrame } from '../src/protocol/prepared-push';
import type { ProtocolName } from '../src/protocol/types';
import type { Transport, TransportSink } from '../src/transport/transport';
import { JwtVerifier } from '../src/auth/jwt-verifier';
import { intOption, median, parseFlags } from './lib';

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

function nsPer(iterations: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(iterations, 10_000); i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t0) / iterations;
}

function encoding(): { json: number; protobuf: number; stringify: number } {
  const push = { push: { channel: 'chat:room', pub: { data: DATA, offset: 17, info: { user: '42', client: 'c1' } } } };
  const asValue = { push: { channel: 'chat:room', pub: { data: JSON.parse(DATA.toString()), offset: 17, info: { user: '42', client: 'c1' } } } };
  return {
    json: nsPer(200_000, () => codecs.json.encodeReply(push)),
    protobuf: nsPer(200_000, () => codecs.protobuf.encodeReply(push)),
    stringify: nsPer(200_000, () => Buffer.from(JSON.stringify(asValue))),
  };
}

function writerFlush(): { flush: number; concat: number } {
  const t = new CountingTransport('json');
  const w = new Writer(t, 1 << 30, () => {});
  const parts = Array.from({ length: 50 }, () => codecs.json.encodeReply({ push: { channel: 'c', pub: { data: DATA } } }));
  const total = parts.reduce((n, p) => n + p.length, 0);
  return {
    flush: nsPer(50_000, () => {
      for (const p of parts) w.enqueue(p);
      w.flush();
    }),
    concat: nsPer(50_000, () => Buffer.concat(parts, total)),
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const subscribers = intOption(flags, 'subscribers', 'BENCH_SUBSCRIBERS', 1000);
  const publications = intOption(flags, 'publications', 'BENCH_PUBLICATIONS', 2000);
  const runs = intOption(flags, 'runs', 'BENCH_RUNS', 3);
  console.log(`node ${process.version}; median of ${runs} runs`);
  console.log('| path | Gyre | floor / peer | ratio (Gyre / floor) |');
  console.log('|---|---|---|---|');
  for (const protocol of ['json', 'protobuf'] as const) {
    const r: { ns: number; floorNs: number; delivered: number }[] = [];
    for (let i = 0; i < runs; i++) r.push(await fanout(protocol, subscribers, publications));
    if (r.some((x) => x.delivered !== subscribers * publications)) throw new Error(`fan-out lost deliveries: ${JSON.stringify(r)}`);
    const ns = median(r.map((x) => x.ns));
    const floor = median(r.map((x) => x.floorNs));
    console.log(
      `| fan-out to ${subscribers} ${protocol} subscribers, per delivery | ${(ns / subscribers).toFixed(0)} ns | ${(floor / subscribers).toFixed(0)} ns (loop over sinks) | ${(ns / floor).toFixed(1)} |`,
    );
  }
  const enc = Array.from({ length: runs }, encoding);
  const json = median(enc.map((e) => e.json));
  const pb = median(enc.map((e) => e.protobuf));
  const str = median(enc.map((e) => e.stringify));
  console.log(`| encode a publication push, JSON | ${json.toFixed(0)} ns | ${str.toFixed(0)} ns (JSON.stringify of it) | ${(json / str).toFixed(2)} |`);
  console.log(`| encode a publication push, protobuf | ${pb.toFixed(0)} ns | ${str.toFixed(0)} ns (JSON.stringify of it) | ${(pb / str).toFixed(2)} |`);
  const wf = Array.from({ length: runs }, writerFlush);
  const flush = median(wf.map((w) => w.flush));
  const concat = median(wf.map((w) => w.concat));
  console.log(`| writer: queue 50 messages and flush one frame | ${flush.toFixed(0)} ns | ${concat.toFixed(0)} ns (Buffer.concat of them) | ${(flush / concat).toFixed(2)} |`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
