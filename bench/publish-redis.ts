/**
 * Publish throughput on the Redis engine: API publications per second, each
 * kept in history (bench namespace: 100 publications, 300 s), through Gyre
 * with 1 and with 2 workers, next to
 * `redis-benchmark` running the very same Lua script (the ceiling Redis
 * itself sets), plus a check that one publish costs one Redis command.
 *
 *   node dist/bench/publish-redis.js [--workers 1,2] [--modes publish,batch,batch-par]
 *        [--targets many,single] [--channels 1000] [--warmup 1] [--duration 4]
 *        [--concurrency 64] [--batch 50] [--batch-inflight 8] [--payload 100]
 *        [--runs 2] [--retries 2] [--max-other 15] [--wait-quiet 10]
 *        [--verify 5000] [--verify-only] [--rb-n 200000] [--rb-clients 50] [--rb-pipelines 16,1] [--no-rb]
 *        [--no-memory] [--json results.json] [--server-node-args="--cpu-prof --cpu-prof-dir=DIR"]
 *
 * `--memory` (on unless --no-memory) adds the memory engine with 1 worker as a control:
 * the same API requests without Redis, to separate the HTTP/API cost from the engine's.
 * Modes, all `POST` with keep-alive connections and a bounded number of requests in flight:
 * - `publish`: `/api/publish`, one publication per request, `--concurrency` requests in flight.
 * - `batch`: `/api/batch` with `--batch` publish commands, `--batch-inflight` requests in
 *   flight; Gyre runs a batch's commands one after another (Centrifugo's default).
 * - `batch-par`: the same with `"parallel": true` (the commands run concurrently).
 * Targets: `many` = `--channels` distinct channels `bench:…c<i>`, round-robin; `single` = one channel.
 * Each run publishes for `--warmup` s, then measures for `--duration` s, then stops and
 * drains; fresh channels per run. Afterwards the channels' top offsets in Redis must add up
 * to the publications Gyre acknowledged.
 *
 * CPU of Gyre (primary + workers, and each worker), of redis-server, of this load generator
 * and of everything else is read from /proc over the measured window; a run during which
 * other processes used more than --max-other % of a core is repeated (--retries).
 *
 * redis-benchmark runs `EVALSHA <sha of Gyre's script> 3 <stream> <meta> <result> <payload>
 * 100 300 <pubsub> 2592000 <epoch> 0` with the same payload bytes. For many channels
 * `__rand_int__` (with `-r channels`) is put in the stream, result and pub/sub names but NOT
 * in the meta key: redis-benchmark draws a new number for every occurrence, so a random meta
 * key would pair one channel's offset counter with another channel's stream and XADD would
 * fail. With one meta hash the offsets rise globally, which every stream accepts.
 */
import fs from 'node:fs';
import os from 'node:os';
import { encodePublication, RedisKeys } from '../src/engine/redis/contract';
import { dataJson, load, type LoadStats, type Mode, startGyre } from './api-load';
import { installCleanupHooks, intOption, median, parseFlags, percentile, runMain, type ServerProcess, sleep, strOption, waitQuiet } from './lib';
import { cpuBetween, type CpuPct, medianCpu, parseCommandStats, parseInfo, publishScript, type RedisServer, snap, startRedis } from './redis';
import { checkSubstitution, HISTORY_SIZE, HISTORY_TTL, printRbSet, type RbSet, runRedisBenchmarkSet, type Target } from './redis-benchmark';
import { fmt1, fmt2, fmtInt, renderTable } from './report';

type Engine = 'redis' | 'memory';
const MODES: Mode[] = ['publish', 'batch', 'batch-par'];
const TARGETS: Target[] = ['many', 'single'];

interface Options {
  workers: number[];
  /** Also run the memory engine (1 worker) as a control: what the HTTP API and Gyre cost without Redis. */
  memory: boolean;
  modes: Mode[];
  targets: Target[];
  channels: number;
  warmupS: number;
  durationS: number;
  concurrency: number;
  batch: number;
  batchInflight: number;
  payload: number;
  runs: number;
  retries: number;
  maxOtherPct: number;
  waitQuietS: number;
  verify: number;
  /** Only the one-command-per-publish check (no throughput runs, no redis-benchmark). */
  verifyOnly: boolean;
  rb: boolean;
  rbN: number;
  rbClients: number;
  rbPipelines: number[];
  jsonOut: string;
  /** Extra node flags for Gyre (its workers inherit them), e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  serverNodeArgs: string[];
}

function list<T extends string>(raw: string, known: readonly T[], name: string): T[] {
  const out = raw.split(',').map((s) => s.trim()).filter(Boolean) as T[];
  for (const v of out) if (!known.includes(v)) throw new Error(`--${name}: unknown ${v}; known: ${known.join(', ')}`);
  return out;
}

function intList(raw: string, name: string): number[] {
  const out = raw.split(',').map(Number);
  if (out.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`--${name} must be positive integers, got ${raw}`);
  return out;
}

function options(): Options {
  const f = parseFlags(process.argv.slice(2));
  return {
    workers: intList(strOption(f, 'workers', 'BENCH_WORKERS', '1,2'), 'workers'),
    memory: f.get('no-memory') !== 'true' && f.get('verify-only') !== 'true',
    modes: list(strOption(f, 'modes', 'BENCH_MODES', MODES.join(',')), MODES, 'modes'),
    targets: list(strOption(f, 'targets', 'BENCH_TARGETS', TARGETS.join(',')), TARGETS, 'targets'),
    channels: intOption(f, 'channels', 'BENCH_CHANNELS', 1000),
    warmupS: intOption(f, 'warmup', 'BENCH_WARMUP', 1),
    durationS: intOption(f, 'duration', 'BENCH_DURATION', 4),
    concurrency: intOption(f, 'concurrency', 'BENCH_CONCURRENCY', 64),
    batch: intOption(f, 'batch', 'BENCH_BATCH', 50),
    batchInflight: intOption(f, 'batch-inflight', 'BENCH_BATCH_INFLIGHT', 8),
    payload: intOption(f, 'payload', 'BENCH_PAYLOAD', 100),
    runs: intOption(f, 'runs', 'BENCH_RUNS', 2),
    retries: Number(strOption(f, 'retries', 'BENCH_RETRIES', '2')) || 0,
    maxOtherPct: intOption(f, 'max-other', 'BENCH_MAX_OTHER', 15),
    waitQuietS: intOption(f, 'wait-quiet', 'BENCH_WAIT_QUIET', 10),
    verify: Math.max(0, Math.floor(Number(strOption(f, 'verify', 'BENCH_VERIFY', '5000')) || 0)), // 0 = skip the check
    verifyOnly: f.get('verify-only') === 'true',
    rb: f.get('no-rb') !== 'true' && f.get('verify-only') !== 'true',
    rbN: intOption(f, 'rb-n', 'BENCH_RB_N', 200000),
    rbClients: intOption(f, 'rb-clients', 'BENCH_RB_CLIENTS', 50),
    rbPipelines: intList(strOption(f, 'rb-pipelines', 'BENCH_RB_PIPELINES', '16,1'), 'rb-pipelines'),
    jsonOut: strOption(f, 'json', 'BENCH_JSON', ''),
    serverNodeArgs: strOption(f, 'server-node-args', 'BENCH_SERVER_NODE_ARGS', '').split(' ').filter(Boolean),
  };
}

// ---- one Gyre run ---------------------------------------------------------------------

interface PubResult {
  engine: Engine;
  workers: number;
  target: Target;
  mode: Mode;
  run: number;
  inflight: number;
  pubPerS: number;
  windowPubs: number;
  totalAccepted: number;
  failed: number;
  firstError?: string;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuPct;
  gyreUsPerPub: number;
  redisUsPerPub: number;
  /** Sum of the channels' top offsets in Redis = publications acknowledged (memory engine: nothing failed). */
  offsetsOk: boolean;
  offsetsSum: number;
}

async function runPublish(gyre: ServerProcess, redis: RedisServer, engine: Engine, prefix: string, o: Options, w: number, target: Target, mode: Mode, run: number): Promise<PubResult> {
  const tag = `${engine[0]}${w}r${run}${mode === 'publish' ? 'p' : mode === 'batch' ? 'b' : 'q'}${Date.now() % 100000}`;
  const channels = target === 'many' ? Array.from({ length: o.channels }, (_, i) => `bench:${tag}c${i}`) : [`bench:${tag}single`];
  const stats: LoadStats = { accepted: 0, failed: 0, latMs: [] };
  const inflight = mode === 'publish' ? o.concurrency : o.batchInflight;
  let measuring = false;
  let stopped = false;
  const loading = load(
    { port: gyre.port, mode, channels, inflight, batch: o.batch, filler: 'x'.repeat(o.payload), measuring: () => measuring, stopped: () => stopped, maxRequests: 5_000_000 },
    stats,
  );
  await sleep(o.warmupS * 1000);
  const a = snap(gyre.proc.pid, redis);
  const acc0 = stats.accepted;
  measuring = true;
  await sleep(o.durationS * 1000);
  const b = snap(gyre.proc.pid, redis);
  const acc1 = stats.accepted;
  measuring = false;
  stopped = true;
  await Promise.race([loading, sleep(35_000)]);
  const cpu = cpuBetween(a, b);
  const windowPubs = acc1 - acc0;
  const lat = Float64Array.from(stats.latMs).sort();

  // The channels' offsets in Redis must add up to what Gyre acknowledged.
  let offsetsSum = NaN;
  if (engine === 'redis') {
    const keys = new RedisKeys(prefix);
    const c = redis.client();
    await c.connect();
    const tops = await Promise.all(channels.map((ch) => c.hget(keys.meta(ch), 's')));
    await c.quit();
    offsetsSum = tops.reduce((s, t) => s + Number(t ?? 0), 0);
  }
  return {
    engine,
    workers: w,
    target,
    mode,
    run,
    inflight,
    pubPerS: windowPubs / cpu.wallS,
    windowPubs,
    totalAccepted: stats.accepted,
    failed: stats.failed,
    firstError: stats.firstError,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    cpu,
    gyreUsPerPub: windowPubs ? ((cpu.gyre / 100) * cpu.wallS * 1e6) / windowPubs : NaN,
    redisUsPerPub: windowPubs ? ((cpu.redis / 100) * cpu.wallS * 1e6) / windowPubs : NaN,
    offsetsOk: (engine === 'memory' || offsetsSum === stats.accepted) && stats.failed === 0,
    offsetsSum,
  };
}

// ---- one Redis command per publish -----------------------------------------------------------

interface VerifyResult {
  workers: number;
  k: number;
  seconds: number;
  commandStats: Record<string, number>;
  /** MONITOR: commands by where they came from. */
  monitor: Record<string, number>;
  shaSeen: string[];
  readsProcessed: number;
  failed: number;
}

/**
 * A string as a MONITOR line shows it once ioredis has parsed it: Redis
 * escapes it like sdscatrepr (\\ \n \r \t \a \b, \xHH for bytes outside
 * 0x20..0x7e, \" for quotes) and ioredis only turns \" back into ".
 */
function monitorRepr(text: string): string {
  const esc: Record<number, string> = { 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x07: '\\a', 0x08: '\\b' };
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) out += esc[b] ?? (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);
  return out;
}

/**
 * CONFIG RESETSTAT, then `k` API publishes (16 in flight, 1000 channels) on a
 * Gyre that has not published yet, with MONITOR on; then INFO commandstats
 * (the window lasts at least 3.5 s: one node-announcement period).
 * Commands run inside scripts are counted by commandstats too (as hget, xadd…),
 * so MONITOR's source ("lua" or a client address) tells what crossed the network.
 */
async function verifyRoundTrips(gyre: ServerProcess, redis: RedisServer, script: { lua: string; sha: string }, w: number, k: number): Promise<VerifyResult> {
  const admin = redis.client();
  await admin.connect();
  const names = new Map<string, string>();
  for (const line of String(await admin.client('LIST')).split('\n')) {
    const addr = /addr=(\S+)/.exec(line)?.[1];
    const name = /name=(\S*)/.exec(line)?.[1];
    if (addr) names.set(addr, name || 'bench');
  }
  const luaAsMonitored = monitorRepr(script.lua);
  const byRole: Record<string, number> = {};
  const shas = new Set<string>();
  const mon = await admin.monitor();
  mon.on('monitor', (_time: string, args: string[], source: string) => {
    let cmd = (args[0] ?? '').toLowerCase();
    const role = source === 'lua' ? 'lua' : names.get(source) ?? 'bench';
    // Which script: the publish one or another (by SHA1, or by text for EVAL).
    if (cmd === 'evalsha' || cmd === 'eval') {
      const publish = cmd === 'evalsha' ? args[1] === script.sha : args[1] === luaAsMonitored;
      if (cmd === 'evalsha' && args[1]) shas.add(args[1]);
      cmd += publish ? ' (publish script)' : ` (other script ${cmd === 'evalsha' ? (args[1] ?? '').slice(0, 8) : ''})`;
    }
    byRole[`${role}: ${cmd}`] = (byRole[`${role}: ${cmd}`] ?? 0) + 1;
  });
  await admin.config('RESETSTAT');
  const reads0 = Number(parseInfo(await admin.info('stats')).get('total_reads_processed'));
  const t0 = performance.now();
  const stats: LoadStats = { accepted: 0, failed: 0, latMs: [] };
  const channels = Array.from({ length: 1000 }, (_, i) => `bench:rt${w}c${i}`);
  await load({ port: gyre.port, mode: 'publish', channels, inflight: 16, batch: 1, filler: 'x'.repeat(100), measuring: () => false, stopped: () => false, maxRequests: k }, stats);
  // At least one 3 s node-announcement period in the window, so that the background traffic shows.
  await sleep(Math.max(100, 3500 - (performance.now() - t0)));
  const seconds = (performance.now() - t0) / 1000;
  const reads1 = Number(parseInfo(await admin.info('stats')).get('total_reads_processed'));
  const cs = parseCommandStats(await admin.info('commandstats'));
  mon.disconnect();
  await admin.quit();
  const commandStats: Record<string, number> = {};
  for (const [cmd, s] of cs) commandStats[cmd] = s.calls;
  return { workers: w, k, seconds, commandStats, monitor: byRole, shaSeen: [...shas], readsProcessed: reads1 - reads0, failed: stats.failed };
}

// ---- main -------------------------------------------------------------------------------------

const pubHeader = ['engine', 'workers', 'target', 'mode', 'in flight', 'run', 'pubs/s', 'req p50 ms', 'req p99 ms', 'gyre CPU %', 'per worker %', 'redis CPU %', 'gen CPU %', 'other CPU %', 'gyre µs/pub', 'redis µs/pub', 'offsets', 'failed'];
const pubRow = (r: PubResult) => [
  r.engine,
  String(r.workers),
  r.target,
  r.mode,
  String(r.inflight),
  r.run === 0 ? 'median' : String(r.run),
  fmtInt(r.pubPerS),
  fmt1(r.p50Ms),
  fmt1(r.p99Ms),
  fmtInt(r.cpu.gyre),
  r.cpu.workers.map(fmtInt).join(' + '),
  fmtInt(r.cpu.redis),
  fmtInt(r.cpu.gen),
  fmtInt(r.cpu.other),
  fmt1(r.gyreUsPerPub),
  fmt1(r.redisUsPerPub),
  r.offsetsOk ? (r.engine === 'redis' ? 'ok' : 'n/a') : `${r.offsetsSum} vs ${r.totalAccepted}`,
  String(r.failed),
];
function medianPub(rows: PubResult[]): PubResult {
  const m = (f: (r: PubResult) => number) => median(rows.map(f));
  const first = rows[0]!;
  return {
    ...first,
    run: 0,
    pubPerS: m((r) => r.pubPerS),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    cpu: medianCpu(rows.map((r) => r.cpu)),
    gyreUsPerPub: m((r) => r.gyreUsPerPub),
    redisUsPerPub: m((r) => r.redisUsPerPub),
    offsetsOk: rows.every((r) => r.offsetsOk),
    failed: rows.reduce((s, r) => s + r.failed, 0),
  };
}

async function main(): Promise<void> {
  installCleanupHooks();
  const o = options();
  console.log(
    `publish (history ${HISTORY_SIZE}/${HISTORY_TTL}s): Redis engine with ${o.workers.join(', ')} worker(s)${o.memory ? ', memory engine as control' : ''}; modes ${o.modes.join(',')}; targets ${o.targets.join(',')} ` +
      `(${o.channels} channels); ${o.warmupS} s warm-up + ${o.durationS} s measured; ${o.concurrency} requests in flight for publish, ` +
      `${o.batchInflight} × ${o.batch} for batches; ${o.runs} run(s); node ${process.version}, ${os.availableParallelism()} cores`,
  );
  const redis = await startRedis();
  console.log(`private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
  const script = publishScript();
  const admin = redis.client();
  await admin.connect();
  const loaded = String(await admin.script('LOAD', script.lua));
  await admin.quit();
  if (loaded !== script.sha) throw new Error(`SCRIPT LOAD gave ${loaded}, Gyre's client uses ${script.sha}`);
  console.log(`publish script: sha1 ${script.sha} (${script.lua.length} chars, from Gyre's defineScripts)`);

  const pubResults: PubResult[] = [];
  const pubDisturbed: PubResult[] = [];
  const verifies: VerifyResult[] = [];
  const setups: { engine: Engine; w: number }[] = [...o.workers.map((w) => ({ engine: 'redis' as const, w })), ...(o.memory ? [{ engine: 'memory' as const, w: 1 }] : [])];
  for (const { engine, w } of setups) {
    const prefix = `pub${w}x${Date.now() % 100000}`;
    const gyre = await startGyre(w, engine === 'redis' ? redis.url : undefined, prefix, o.serverNodeArgs);
    try {
      if (o.verify > 0 && engine === 'redis') {
        const v = await verifyRoundTrips(gyre, redis, script, w, o.verify);
        verifies.push(v);
        console.log(`\none Redis command per publish, ${w} worker(s): ${v.k} API publishes in ${fmt2(v.seconds)} s, ${v.failed} failed; redis read events ${v.readsProcessed}`);
        console.log(`  INFO commandstats calls: ${Object.entries(v.commandStats).map(([c, n]) => `${c}=${n}`).join(', ')}`);
        console.log(`  MONITOR by source: ${Object.entries(v.monitor).sort().map(([c, n]) => `${c}=${n}`).join(', ')}`);
        console.log(`  EVALSHA SHA1s sent by Gyre: ${v.shaSeen.join(', ')} (publish script: ${script.sha})`);
      }
      for (let run = 1; run <= (o.verifyOnly ? 0 : o.runs); run++) {
        for (const target of o.targets) {
          for (const mode of o.modes) {
            for (let attempt = 0; ; attempt++) {
              const quiet = await waitQuiet(o.waitQuietS, [gyre.proc.pid!, redis.pid]);
              const r = await runPublish(gyre, redis, engine, prefix, o, w, target, mode, run);
              console.log(
                `  ${engine} w${w} ${target} ${mode} run ${run}: ${fmtInt(r.pubPerS)} pubs/s, p50 ${fmt1(r.p50Ms)} ms, gyre ${fmtInt(r.cpu.gyre)}% (${r.cpu.workers.map(fmtInt).join('+')}), ` +
                  `redis ${fmtInt(r.cpu.redis)}%, gen ${fmtInt(r.cpu.gen)}%, other ${fmtInt(r.cpu.other)}%` +
                  (r.offsetsOk ? '' : `  <-- CHECK offsets ${r.offsetsSum} vs ${r.totalAccepted} acknowledged, ${r.failed} failed (${r.firstError})`) +
                  (quiet.ok ? '' : ` (not quiet before: ${fmtInt(quiet.pct)}%)`),
              );
              if (r.cpu.other > o.maxOtherPct && attempt < o.retries) {
                pubDisturbed.push(r);
                console.log(`    repeating: other processes used ${fmtInt(r.cpu.other)}% > ${o.maxOtherPct}% of a core`);
                continue;
              }
              pubResults.push(r);
              break;
            }
          }
        }
      }
    } finally {
      await gyre.stop(4000);
      const out = gyre.output().trim().split('\n');
      if (out.length && out[0]) console.log(`  gyre output: ${out.slice(-3).join(' | ').slice(0, 400)}`);
    }
  }

  let rb: RbSet = { results: [], disturbed: [], medians: [] };
  let substitution = '';
  if (o.rb) {
    const payload = encodePublication({ data: Buffer.from(dataJson(12345, 'x'.repeat(o.payload))) }).toString('latin1');
    if (/[^\x01-\x7f]/.test(payload)) throw new Error('payload is not plain ASCII: it cannot be passed to redis-benchmark as an argument');
    if (o.targets.includes('many')) {
      substitution = await checkSubstitution(redis, script.sha, payload, o);
      console.log(`\n__rand_int__ check: ${substitution}`);
    }
    rb = await runRedisBenchmarkSet(redis, script.sha, payload, o, { ...o, pipelines: o.rbPipelines });
  }
  await redis.stop();

  if (pubResults.length) console.log('\nGyre, API publications with history (every run):\n' + renderTable(pubHeader, pubResults.map(pubRow)));
  if (pubDisturbed.length) console.log(`\nrepeated (other processes over ${o.maxOtherPct}% of a core; not in the medians):\n` + renderTable(pubHeader, pubDisturbed.map(pubRow)));
  const groups = new Map<string, PubResult[]>();
  for (const r of pubResults) {
    const key = `${r.engine}/${r.workers}/${r.target}/${r.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const pubMedians = [...groups.values()].map(medianPub);
  if (o.runs > 1 && pubMedians.length) console.log(`\nmedian of ${o.runs} runs:\n` + renderTable(pubHeader, pubMedians.map(pubRow)));
  const rbMedians = rb.medians;
  printRbSet('the same script', rb, o.runs);
  if (rb.results.length) {
    // Gyre's rate as a share of what Redis alone sustains for the same script and target.
    const ceiling = (t: Target, p: number) => rbMedians.find((r) => r.target === t && r.pipeline === p)?.rps ?? NaN;
    const pipes = o.rbPipelines;
    console.log(
      '\nGyre (median pubs/s) as a share of redis-benchmark (median EVALSHA/s):\n' +
        renderTable(
          ['engine', 'workers', 'target', 'mode', 'pubs/s', ...pipes.map((p) => `% of rb -P ${p}`)],
          pubMedians.map((r) => [r.engine, String(r.workers), r.target, r.mode, fmtInt(r.pubPerS), ...pipes.map((p) => fmt1((100 * r.pubPerS) / ceiling(r.target, p)))]),
        ),
    );
  }
  if (o.jsonOut) fs.writeFileSync(o.jsonOut, JSON.stringify({ opts: o, sha: script.sha, verifies, pubResults, pubDisturbed, pubMedians, rbResults: rb.results, rbDisturbed: rb.disturbed, rbMedians, substitution }, null, 2));
  const bad = pubResults.some((r) => !r.offsetsOk) || rb.results.some((r) => r.failedCalls > 0 || r.calls !== r.n) || verifies.some((v) => v.failed > 0);
  if (bad) console.log('\nWARNING: a publication failed or the offsets in Redis do not match (see above).');
  process.exitCode = bad ? 2 : 0;
}

runMain(main);
