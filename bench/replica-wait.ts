/**
 * What redis.wait_replicas costs: API publications per second and their
 * latency through Gyre on a Redis master with one replica, without and with
 * `wait_replicas: 1` (each publish then answered only once the replica has
 * it, by WAIT after the script).
 *
 *   node dist/bench/replica-wait.js [--workers 1] [--channels 1000] [--concurrency 64,1]
 *        [--warmup 1] [--duration 4] [--runs 3] [--payload 100]
 *
 * For each concurrency (requests in flight, `/api/publish`, keep-alive), the
 * runs alternate off / on against the same master and replica (fresh channels
 * per run) and report the median. Each run waits (up to 30 s) for the
 * machine to be quiet first, and checks afterwards that the replica holds as
 * many stream entries as the master.
 */
import http from 'node:http';
import path from 'node:path';
import Redis from 'ioredis';
import { freePort, installCleanupHooks, intOption, median, parseFlags, post, runMain, type ServerProcess, sleep, startProcess, strOption, tmpFile, waitForNodes, waitQuiet } from './lib';
import { type RedisServer, startRedis } from './redis';

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

async function main(): Promise<void> {
  installCleanupHooks();
  const flags = parseFlags(process.argv.slice(2));
  const workers = intOption(flags, 'workers', 'WORKERS', 1);
  const nChannels = intOption(flags, 'channels', 'CHANNELS', 1000);
  const concurrencies = strOption(flags, 'concurrency', 'CONCURRENCY', '64,1').split(',').map(Number);
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
  console.log('| in flight | wait_replicas | publishes/s | p50 ms | p99 ms | failed |');
  console.log('|---|---|---|---|---|---|');
  let run = 0;
  for (const inflight of concurrencies) {
    const results: Record<0 | 1, Run[]> = { 0: [], 1: [] };
    for (let i = 0; i < runs; i++) {
      for (const wait of [0, 1] as const) {
        const prefix = `rw${++run}`;
        // Other processes on a 2-core machine move these figures more than WAIT does: start each run on a quiet one.
        const quiet = await waitQuiet(30, [master.pid, replica.pid]);
        if (!quiet.ok) console.error(`run ${prefix}: other processes still used ${quiet.pct.toFixed(0)} % of a core`);
        const gyre = await startGyre(workers, master, prefix, wait);
        const channels = Array.from({ length: nChannels }, (_, c) => `bench:c${c}`);
        const res = await load(gyre.port, channels, inflight, filler, warmup, duration);
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
      const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
      console.log(
        `| ${inflight} | ${wait} | ${Math.round(median(rs.map((x) => x.perSecond))).toLocaleString('en-US')} | ${fmt(median(rs.map((x) => x.p50Ms)))} | ${fmt(median(rs.map((x) => x.p99Ms)))} | ${rs.reduce((s, x) => s + x.failed, 0)} |`,
      );
    }
  }
  m.disconnect();
  r.disconnect();
  await Promise.all([master.stop(), replica.stop()]);
}

runMain(main);
