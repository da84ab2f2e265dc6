/**
 * A reconnect storm against one worker while a channel keeps publishing:
 * --storm clients connect with RS256 or ES256 tokens while --subs subscribers
 * of channel "live" receive a publication every --every ms. For each place the
 * server checks token signatures — inline (jsonwebtoken on the event loop),
 * async (crypto.verify with a callback, on libuv's pool), pool (the default:
 * src/auth/signature-pool.ts, batches on a piscina thread) — the time until
 * every storm client got its connect reply, the server's event-loop delay
 * during the storm, and the publication latency the subscribers saw.
 */
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { gyreEnv } from '../../test/helpers/process';
import { freePort } from '../../test/helpers/server';
import { int, listOf, num, type Options } from '../harness/cli';
import { Generators } from '../harness/generators';
import { liveClients, within } from '../harness/live';
import { ask, forkReady, type Message } from '../harness/procs';
import { publish, seqData } from '../harness/publisher';
import { fmtRatio, printTable, type Column } from '../harness/report';
import { type Outcome, outcome, progress, type Row } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { API_KEY } from '../harness/servers';
import { percentile, sorted } from '../harness/stats';

const ALGS = ['RS256', 'ES256'] as const;
type Alg = (typeof ALGS)[number];
const MODES = ['inline', 'async', 'pool'] as const;
type Mode = (typeof MODES)[number];
const SERVER = path.join(__dirname, 'token-storm-server.js');

const options = {
  ...common({ runs: 1, retries: 0, waitQuiet: 0 }),
  storm: int(20_000, 'connects in the storm (one generator process)', { quick: 300 }),
  subs: int(1000, 'subscribers of channel "live"', { quick: 20 }),
  every: int(20, 'ms between publications to "live"', { quick: 10 }),
  inflight: int(500, 'storm connects outstanding at once, as a load balancer\'s backlog would pass them on', { quick: 100 }),
  algs: listOf(ALGS, [...ALGS], 'token algorithms', { quick: ['ES256'] }),
  modes: listOf(MODES, [...MODES], 'where signatures are checked', { quick: ['inline', 'pool'] }),
  before: num(1.5, 'seconds of publications timed before the storm', { quick: 0.3 }),
};
type O = Options<typeof options>;

interface Variant {
  alg: Alg;
  mode: Mode;
}

interface Result extends Outcome {
  connectAllMs: number;
  failed: number;
  lagP99: number;
  lagMax: number;
  pubP99: number;
  quietP99: number;
  lost: number;
  /** Tokens the pool checked on its thread (the rest, inline); 0 outside pool mode. */
  offloaded: number;
}

interface Keys {
  /** SPKI PEM of the public key, for the server. */
  pem: string;
  storm: string[];
  subs: string[];
}

interface Ctx {
  keys: Map<Alg, Keys>;
  generators: Generators;
}

async function run(v: Variant, o: O, c: Ctx): Promise<Result> {
  const keys = c.keys.get(v.alg)!;
  const port = await freePort();
  const env = gyreEnv({
    GYRE_PORT: String(port),
    GYRE_ADDRESS: '127.0.0.1',
    GYRE_ENGINE: 'memory',
    GYRE_API_KEY: API_KEY,
    GYRE_LOG_LEVEL: 'warn',
    [v.alg === 'RS256' ? 'GYRE_TOKEN_RSA_PUBLIC_KEY' : 'GYRE_TOKEN_ECDSA_PUBLIC_KEY']: keys.pem,
    STORM_MODE: v.mode,
  });
  const server: ChildProcess = await forkReady(SERVER, [], { env });
  const url = `ws://127.0.0.1:${port}/connection/websocket`;
  const subs = await liveClients({ url, tokens: keys.subs, channel: 'live', subscribe: false });
  let stop = false;
  const publishing = publish({ port, mode: 'publish', channel: () => 'live', data: (s) => seqData(s, ''), inflight: 1, ratePerS: 1000 / o.every, stopped: () => stop });
  const t0 = performance.now();
  await new Promise((res) => setTimeout(res, o.before * 1000));
  server.send({ type: 'reset' });
  const s0 = performance.now();
  const storm = await c.generators.open({ url, n: o.storm, concurrency: o.inflight, tokens: keys.storm, keep: false, what: 'storm connects' });
  const s1 = performance.now();
  const lag = await ask<Message & { p99: number; max: number; offloaded: number }>(server, { type: 'report' }, 'lag');
  stop = true;
  const published = (await publishing).accepted;
  await new Promise((res) => setTimeout(res, 500));
  subs.close();
  server.kill('SIGKILL');
  const r: Result = {
    ...outcome(),
    connectAllMs: Math.round(storm.ms),
    failed: storm.failed,
    lagP99: lag.p99,
    lagMax: lag.max,
    pubP99: Math.round(percentile(sorted(within(subs.pubs, s0, s1)), 99)),
    quietP99: Math.round(percentile(sorted(within(subs.pubs, t0, s0)), 99)),
    lost: published * keys.subs.length - subs.pubs.length,
    offloaded: lag.offloaded,
  };
  if (r.failed) r.problems.push(`${r.failed} storm clients failed: ${storm.firstError}`);
  if (r.lost) r.problems.push(`${r.lost} publications lost`);
  return r;
}

type R = Row<Variant, Result>;
const key = (v: Variant) => `${v.alg} ${v.mode}`;

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'token-storm',
  title: 'a storm of RS256/ES256 connects against one worker, signatures checked inline, async or on the pool',
  about: `
The server (bench/scenarios/token-storm-server.ts) is one Gyre worker (memory engine) whose asymmetric token checks
run where the variant says, with an event-loop delay histogram reset before the storm and read after it. The storm
clients come from a generator process: each connects with its own token, waits for its connect reply and leaves,
--inflight at a time. The subscribers (tokens with a "channels" claim) are in this process with the publisher; a
publication's latency is from its request to its arrival. Ratio: the time until all connected against inline's.
Only the median table is printed (every run goes to stderr).`,
  options,
  header: (o) => `${o.storm} connects, ${o.subs} subscribers, a publication every ${o.every} ms, ${o.inflight} connects in flight`,
  async setup(o) {
    const keys = new Map<Alg, Keys>();
    for (const alg of o.algs) {
      const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const signed = performance.now();
      const sign = (claims: object) => jwt.sign(claims, pair.privateKey, { algorithm: alg });
      keys.set(alg, {
        pem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
        storm: Array.from({ length: o.storm }, (_, i) => sign({ sub: `storm-${i}` })),
        subs: Array.from({ length: o.subs }, (_, i) => sign({ sub: `sub-${i}`, channels: ['live'] })),
      });
      progress(`${alg}: signed ${o.storm + o.subs} tokens in ${Math.round(performance.now() - signed)} ms`);
    }
    return { keys, generators: await Generators.start(1) };
  },
  variants: (o) => o.algs.flatMap((alg) => o.modes.map((mode) => ({ alg, mode }))),
  key,
  run: (v, _run, o, c) => run(v, o, c),
  summary: (r) => JSON.stringify({ ...r, notes: undefined, problems: undefined, otherPct: undefined }),
  sum: ['failed', 'lost'],
  async after(_o, c) {
    await c.generators.stop();
  },
  report(res, o) {
    const m = (x: number) => String(Math.round(x * 10) / 10);
    const inline = (x: R) => res.median(key({ alg: x.variant.alg, mode: 'inline' }))?.connectAllMs ?? NaN;
    const cols: Column<R>[] = [
      ['alg', (x) => x.variant.alg],
      ['mode', (x) => x.variant.mode],
      ['all connected ms', (x) => m(x.r.connectAllMs)],
      ['failed', (x) => m(x.r.failed)],
      ['loop delay p99 / max ms', (x) => `${m(x.r.lagP99)} / ${m(x.r.lagMax)}`],
      ['publication p99 ms (storm)', (x) => m(x.r.pubP99)],
      ['publication p99 ms (before)', (x) => m(x.r.quietP99)],
      ['lost', (x) => m(x.r.lost)],
      ['checked on the thread', (x) => m(x.r.offloaded)],
      ['ratio to inline (all connected)', (x) => fmtRatio(x.r.connectAllMs, inline(x))],
    ];
    // Failures and losses are summed over the runs; everything else is the median.
    printTable(`median of ${o.runs} run(s)`, cols, res.medians);
  },
};
