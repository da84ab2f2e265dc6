/**
 * What redis.wait_replicas costs: API publications per second and their
 * latency through Gyre on a Redis master with one replica, without and with
 * `wait_replicas: 1` (each publish then answered only once the replica has
 * it, by WAIT after the script).
 *
 *   node dist/bench/replica-wait.js [--workers 1] [--channels 1000] [--concurrency 64,8,1]
 *        [--warmup 1] [--duration 4] [--runs 3] [--payload 100] [--script-rounds 5]
 *
 * `--concurrency 0` skips the runs through Gyre (only the script cost).
 *
 * For each concurrency (requests in flight, `/api/publish`, keep-alive), the
 * runs alternate off / on against the same master and replica (fresh channels
 * per run) and report the median. Each run waits (up to 10 s) for the
 * machine to be quiet first, and checks afterwards that the replica holds as
 * many stream entries as the master.
 *
 * Then, on the master alone, what the replication-ID check of Sentinel and
 * Cluster shards adds to each publish script call (see scriptCost).
 */
import http from 'node:http';
import path from 'node:path';
import Redis from 'ioredis';
import { encodePublication } from '../src/engine/redis/contract';
import { freePort, installCleanupHooks, intOption, median, parseFlags, post, runMain, type ServerProcess, sleep, startProcess, strOption, tmpFile, waitForNodes, waitQuiet } from './lib';
import { parseCommandStats, publishScript, type RedisServer, startRedis } from './redis';

const CLI = path.resolve(__dirname, '../src/cli.js');
const API_KEY = 'bench-api-key';

async function startGyre(workers: number, master: RedisServer, prefix: string, waitReplicas: number): Promise<ServerProcess> {
  const port = await freePort();
  const config = {
    port,
    address: '127.0.0.1',
    workers,
    engine: 'redis',
    redis: { url: master.url, prefix, wait_replicas: waitReplicas, wait_timeout: 1 },
    shutdown_timeout: 3,
    token: { hmac_secret: 'bench-hmac-secret' },
    api: { key: API_KEY, redis_ingest: false },
    log: { level: 'warn' },
    channel: { namespaces: [{ name: 'bench', history_size: 100, history_ttl: 300 }] },
  };
  const server = await startProcess([CLI, 'serve', '--config', tmpFile('config.json', JSON.stringify(config))], port, 'gyre');
  await waitForNodes(port, API_KEY, workers);
  return server;
}

interface Run {
  /** WAIT commands per publish script the master ran (1 = none shared). */
  waitsPerPublish?: number;
  accepted: number;
  failed: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
}

async function load(port: number, channels: string[], inflight: number, filler: string, warmupS: number, durationS: number): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inflight });
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  let accepted = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lat: number[] = [];
  let seq = 0;
  const one = async () => {
    while (phase !== 'stop') {
      const s = seq++;
      const body = `{"channel":"${channels[s % channels.length]}","data":{"seq":${s},"payload":"${filler}"}}`;
      const t0 = performance.now();
      const measuring = phase === 'measure';
      try {
        const { status, text } = await post(agent, port, '/api/publish', API_KEY, body);
        const ok = status === 200 && !text.includes('"error"');
        if (!ok) firstError ??= text.slice(0, 200);
        if (measuring && phase === 'measure') {
          if (ok) {
            accepted++;
            lat.push(performance.now() - t0);
          } else failed++;
        }
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  const workers = Array.from({ length: inflight }, one);
  await sleep(warmupS * 1000);
  phase = 'measure';
  const start = performance.now();
  await sleep(durationS * 1000);
  const elapsed = (performance.now() - start) / 1000;
  phase = 'stop';
  await Promise.all(workers);
  agent.destroy();
  lat.sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;
  return { accepted, failed, perSecond: accepted / elapsed, p50Ms: pct(50), p99Ms: pct(99), firstError };
}

/** Stream entries under `prefix` on a node: what it holds of the run's publications. */
async function entries(r: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}.stream.*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) total += await r.xlen(k);
  } while (cursor !== '0');
  return total;
}

/**
 * Redis' own time per publish script call (INFO commandstats usec_per_call),
 * without and with the replication-ID check of Sentinel and Cluster shards
 * (lua/epoch_lib.lua: one INFO replication per call), and of that INFO alone:
 * `rounds` alternating pairs of 20,000 calls over 1000 channels, pipelined.
 */
async function scriptCost(m: Redis, rounds: number): Promise<Record<'off' | 'on' | 'info', number[]>> {
  const { lua, sha } = publishScript();
  await m.script('LOAD', lua);
  // What epoch_lib.lua's master_replid() does.
  const infoOnly = "local s = redis.call('INFO', 'replication') local at = string.find(s, 'master_replid:', 1, true) return string.sub(s, at + 14, at + 53)";
  const payload = encodePublication({ data: Buffer.from(JSON.stringify({ payload: 'x'.repeat(100) })) });
  const out: Record<'off' | 'on' | 'info', number[]> = { off: [], on: [], info: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['off', 'on', 'info'] as const) {
      await m.config('RESETSTAT');
      for (let i = 0; i < 20_000; i += 500) {
        const pipe = m.pipeline();
        for (let j = i; j < i + 500; j++) {
          const ch = `cost${round}:${j % 1000}`;
          if (kind === 'info') pipe.eval(infoOnly, 0);
          else pipe.evalsha(sha, 3, `sc.stream.{${ch}}`, `sc.meta.{${ch}}`, `sc.result.{${ch}}`, payload, 100, 300, `sc.client.{${ch}}`, 3600, 'ep', 0, kind === 'on' ? 1 : 0);
        }
        await pipe.exec();
      }
      const stats = parseCommandStats(await m.info('commandstats'));
      out[kind].push(stats.get(kind === 'info' ? 'eval' : 'evalsha')?.usecPerCall ?? NaN);
    }
  }
  return out;
}

async function main(): Promise<void> {
  installCleanupHooks();
  const flags = parseFlags(process.argv.slice(2));
  const workers = intOption(flags, 'workers', 'WORKERS', 1);
  const nChannels = intOption(flags, 'channels', 'CHANNELS', 1000);
  const concurrencies = strOption(flags, 'concurrency', 'CONCURRENCY', '64,8,1').split(',').map(Number).filter((n) => n > 0);
  const warmup = intOption(flags, 'warmup', 'WARMUP', 1);
  const duration = intOption(flags, 'duration', 'DURATION', 4);
  const runs = intOption(flags, 'runs', 'RUNS', 3);
  const filler = 'x'.repeat(intOption(flags, 'payload', 'PAYLOAD', 100));

  const [master, replica] = [await startRedis(), await startRedis()];
  const m = master.client();
  const r = replica.client();
  await Promise.all([m.connect(), r.connect()]);
  await m.config('SET', 'repl-diskless-sync-delay', '0');
  await r.replicaof('127.0.0.1', String(master.port));
  for (let i = 0; !/master_link_status:up/.test(await r.info('replication')); i++) {
    if (i > 200) throw new Error('the replica did not attach');
    await sleep(50);
  }

  console.log(`redis.wait_replicas cost: ${workers} worker(s), ${nChannels} channels, ${duration} s per run, median of ${runs}, one replica on loopback`);
  console.log('| in flight | wait_replicas | publishes/s | p50 ms | p99 ms | WAITs per publish | failed |');
  console.log('|---|---|---|---|---|---|---|');
  let run = 0;
  for (const inflight of concurrencies) {
    const results: Record<0 | 1, Run[]> = { 0: [], 1: [] };
    for (let i = 0; i < runs; i++) {
      for (const wait of [0, 1] as const) {
        const prefix = `rw${++run}`;
        // Other processes on a 2-core machine move these figures more than WAIT does: start each run on a quiet one.
        const quiet = await waitQuiet(10, [master.pid, replica.pid]);
        if (!quiet.ok) console.error(`run ${prefix}: other processes still used ${quiet.pct.toFixed(0)} % of a core`);
        const gyre = await startGyre(workers, master, prefix, wait);
        const channels = Array.from({ length: nChannels }, (_, c) => `bench:c${c}`);
        await m.config('RESETSTAT');
        const res = await load(gyre.port, channels, inflight, filler, warmup, duration);
        const stats = parseCommandStats(await m.info('commandstats'));
        const scripts = (stats.get('evalsha')?.calls ?? 0) + (stats.get('eval')?.calls ?? 0);
        if (wait) res.waitsPerPublish = (stats.get('wait')?.calls ?? 0) / Math.max(1, scripts);
        await gyre.stop();
        await m.wait(1, 5000);
        const [onMaster, onReplica] = [await entries(m, prefix), await entries(r, prefix)];
        if (onMaster !== onReplica) throw new Error(`run ${prefix}: master holds ${onMaster} entries, replica ${onReplica}`);
        if (res.firstError) console.error(`run ${prefix} (wait ${wait}): first error ${res.firstError}`);
        results[wait].push(res);
      }
    }
    for (const wait of [0, 1] as const) {
      const rs = results[wait];
      // Each run's figures too: on a shared machine the spread says how far the medians can be trusted.
      console.error(`in flight ${inflight}, wait ${wait}: ${rs.map((x) => Math.round(x.perSecond)).join(' · ')} publishes/s`);
      const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
      console.log(
        `| ${inflight} | ${wait} | ${Math.round(median(rs.map((x) => x.perSecond))).toLocaleString('en-US')} | ${fmt(median(rs.map((x) => x.p50Ms)))} | ${fmt(median(rs.map((x) => x.p99Ms)))} | ` +
          `${wait ? fmt(median(rs.map((x) => x.waitsPerPublish ?? NaN))) : '-'} | ${rs.reduce((s, x) => s + x.failed, 0)} |`,
      );
    }
  }
  const rounds = intOption(flags, 'script-rounds', 'SCRIPT_ROUNDS', 5);
  const cost = await scriptCost(m, rounds);
  const us = (xs: number[]) => median(xs).toFixed(2);
  console.log(`\nRedis µs per publish script call (median of ${rounds} rounds of 20,000; each round: ${['off', 'on', 'info'].join(', ')}):`);
  console.log('| replication-ID check | µs per call | runs |');
  console.log('|---|---|---|');
  console.log(`| off (single Redis) | ${us(cost.off)} | ${cost.off.map((x) => x.toFixed(1)).join(' · ')} |`);
  console.log(`| on (Sentinel, Cluster) | ${us(cost.on)} | ${cost.on.map((x) => x.toFixed(1)).join(' · ')} |`);
  console.log(`| INFO replication alone, in a script | ${us(cost.info)} | ${cost.info.map((x) => x.toFixed(1)).join(' · ')} |`);
  m.disconnect();
  r.disconnect();
  await Promise.all([master.stop(), replica.stop()]);
}

runMain(main);
