/**
 * redis-benchmark running Gyre's publish script (EVALSHA) against the private
 * redis-server: the rate Redis itself allows for the exact work one Gyre
 * publication costs it. See bench/publish-redis.ts for how the key names are
 * randomized (`__rand_int__`, not in the meta key).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { median, sleep, trackChild, waitQuiet } from './lib';
import { cpuBetween, type CpuPct, medianCpu, parseCommandStats, type RedisServer, snap } from './redis';
import { fmt2, fmtInt, renderTable } from './report';

/** History settings of the bench namespace, passed to the script by redis-benchmark as Gyre passes them. */
export const HISTORY_SIZE = 100;
export const HISTORY_TTL = 300;
export const META_TTL = 2592000;

export type Target = 'many' | 'single';

export interface RbOptions {
  /** Distinct channels for target `many` (-r). */
  channels: number;
  rbClients: number;
  rbN: number;
  /** History size and TTL passed to the script; HISTORY_SIZE / HISTORY_TTL when absent. */
  historySize?: number;
  historyTtl?: number;
}

// ---- runs ----------------------------------------------------------------------------

export interface RbResult {
  target: Target;
  pipeline: number;
  clients: number;
  run: number;
  n: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuPct;
  rbCpuPct: number;
  redisUsPerCall: number;
  calls: number;
  failedCalls: number;
  keysSeen: number;
}

/** Runs redis-benchmark under `sh`, whose cutime+cstime (from /proc/<sh>/stat) then hold redis-benchmark's CPU. */
function runTool(args: string[], timeoutMs: number): Promise<{ out: string; childCpuS: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const script = 'redis-benchmark "$@"; rc=$?; echo "SHSTAT $(cat /proc/$$/stat)"; exit $rc';
    // Its own process group, so that a timeout kills redis-benchmark too, not only the shell.
    const proc = spawn('sh', ['-c', script, 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    trackChild(proc);
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    proc.once('error', reject);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      const stat = /SHSTAT (.*)/.exec(out)?.[1] ?? '';
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // cutime and cstime are fields 16 and 17 of /proc/<pid>/stat.
      resolve({ out, childCpuS: (Number(rest[13]) + Number(rest[14])) / 100, code });
    });
  });
}

function rbArgs(redis: RedisServer, sha: string, payload: string, o: RbOptions, target: Target, pipeline: number, n: number): string[] {
  const many = target === 'many';
  const ch = many ? 'ch__rand_int__' : 'single';
  return [
    ...['-h', '127.0.0.1', '-p', String(redis.port), '-n', String(n), '-c', String(o.rbClients), '-P', String(pipeline), '--csv'],
    ...(many ? ['-r', String(o.channels)] : []),
    ...['EVALSHA', sha, '3', `rb.stream.{${ch}}`, `rb.meta.{${many ? 'all' : ch}}`, `rb.result.{${ch}}.`, payload],
    ...[String(o.historySize ?? HISTORY_SIZE), String(o.historyTtl ?? HISTORY_TTL), `rb.client.{${ch}}`, String(META_TTL), randomBytes(6).toString('hex'), '0'],
  ];
}

export async function runRedisBenchmark(redis: RedisServer, sha: string, payload: string, o: RbOptions, target: Target, pipeline: number, run: number): Promise<RbResult> {
  const admin = redis.client();
  await admin.connect();
  await admin.flushall();
  await admin.config('RESETSTAT');
  const a = snap(undefined, redis);
  const { out, childCpuS, code } = await runTool(rbArgs(redis, sha, payload, o, target, pipeline, o.rbN), 120_000);
  const b = snap(undefined, redis);
  const cs = parseCommandStats(await admin.info('commandstats')).get('evalsha');
  let keysSeen = 0;
  let cursor = '0';
  for (let i = 0; i < 1000; i++) {
    const [next, keys] = await admin.scan(cursor, 'MATCH', 'rb.stream.*', 'COUNT', 1000);
    keysSeen += keys.length;
    cursor = next;
    if (cursor === '0') break;
  }
  await admin.quit();
  if (code !== 0) throw new Error(`redis-benchmark exited with ${code}:\n${out.slice(-2000)}`);
  // --csv: a header line "test","rps","avg_latency_ms",… and one line per test.
  const lines = out.split('\n').filter((l) => l.startsWith('"'));
  const header = (lines[0] ?? '').split(',').map((s) => s.replace(/"/g, ''));
  const row = (lines[lines.length - 1] ?? '').split('","').map((s) => s.replace(/"/g, ''));
  const col = (name: string) => Number(row[row.length - header.length + header.indexOf(name)]);
  const cpu = cpuBetween(a, b, childCpuS);
  return {
    target,
    pipeline,
    clients: o.rbClients,
    run,
    n: o.rbN,
    rps: col('rps'),
    p50Ms: col('p50_latency_ms'),
    p99Ms: col('p99_latency_ms'),
    cpu,
    rbCpuPct: (100 * childCpuS) / cpu.wallS,
    redisUsPerCall: ((cpu.redis / 100) * cpu.wallS * 1e6) / o.rbN,
    calls: cs?.calls ?? 0,
    failedCalls: (cs?.failed ?? 0) + (cs?.rejected ?? 0),
    keysSeen,
  };
}

/**
 * Checks where redis-benchmark substitutes `__rand_int__`: a short run with a
 * PSUBSCRIBE on the pub/sub names, counting distinct stream keys and channels.
 */
export async function checkSubstitution(redis: RedisServer, sha: string, payload: string, o: RbOptions): Promise<string> {
  const admin = redis.client();
  const sub = redis.client();
  await admin.connect();
  await sub.connect();
  await admin.flushall();
  const chans = new Set<string>();
  sub.on('pmessage', (_p: string, ch: string) => chans.add(ch));
  await sub.psubscribe('rb.client.*');
  const n = 3 * o.channels;
  const { code } = await runTool(rbArgs(redis, sha, payload, { ...o, rbClients: 4 }, 'many', 1, n), 60_000);
  await sleep(200);
  const streams = (await admin.keys('rb.stream.*')).length;
  const metas = await admin.keys('rb.meta.*');
  await sub.quit();
  await admin.quit();
  return `redis-benchmark -n ${n} -r ${o.channels} (exit ${code}): ${streams} distinct stream keys, ${chans.size} distinct pub/sub channels, meta keys ${metas.join(' ')} (expected ≈ ${Math.round(o.channels * (1 - Math.exp(-3)))} distinct of ${o.channels})`;
}

// ---- tables ----

export const rbHeader = ['target', 'clients', 'pipeline', 'run', 'EVALSHA/s', 'p50 ms', 'p99 ms', 'redis CPU %', 'redis-benchmark CPU %', 'other CPU %', 'redis µs/call', 'calls', 'failed', 'stream keys'];
export const rbRow = (r: RbResult) => [
  r.target,
  String(r.clients),
  String(r.pipeline),
  r.run === 0 ? 'median' : String(r.run),
  fmtInt(r.rps),
  fmt2(r.p50Ms),
  fmt2(r.p99Ms),
  fmtInt(r.cpu.redis),
  fmtInt(r.rbCpuPct),
  fmtInt(r.cpu.other),
  fmt2(r.redisUsPerCall),
  String(r.calls),
  String(r.failedCalls),
  String(r.keysSeen),
];

/** Median of runs of one (target, pipeline). */
export function medianRb(rows: RbResult[]): RbResult {
  const m = (f: (r: RbResult) => number) => median(rows.map(f));
  const first = rows[0]!;
  return {
    ...first,
    run: 0,
    rps: m((r) => r.rps),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    cpu: medianCpu(rows.map((r) => r.cpu)),
    rbCpuPct: m((r) => r.rbCpuPct),
    redisUsPerCall: m((r) => r.redisUsPerCall),
    calls: rows.reduce((s, r) => s + r.calls, 0),
    n: rows.reduce((s, r) => s + r.n, 0),
    failedCalls: rows.reduce((s, r) => s + r.failedCalls, 0),
  };
}

export interface RbSet {
  results: RbResult[];
  disturbed: RbResult[];
  /** Median of the kept runs per target and pipeline. */
  medians: RbResult[];
}

/**
 * Runs redis-benchmark `runs` times for every target and pipeline depth,
 * waiting for a quiet machine first and repeating (up to `retries` times) a
 * run in which other processes used more than `maxOtherPct` of a core.
 */
export async function runRedisBenchmarkSet(
  redis: RedisServer,
  sha: string,
  payload: string,
  o: RbOptions,
  s: { runs: number; targets: readonly Target[]; pipelines: readonly number[]; waitQuietS: number; maxOtherPct: number; retries: number },
): Promise<RbSet> {
  const results: RbResult[] = [];
  const disturbed: RbResult[] = [];
  for (let run = 1; run <= s.runs; run++) {
    for (const target of s.targets) {
      for (const pipeline of s.pipelines) {
        for (let attempt = 0; ; attempt++) {
          await waitQuiet(s.waitQuietS, [redis.pid]);
          const r = await runRedisBenchmark(redis, sha, payload, o, target, pipeline, run);
          console.log(
            `  redis-benchmark ${target} -c ${r.clients} -P ${pipeline} run ${run}: ${fmtInt(r.rps)} EVALSHA/s, redis ${fmtInt(r.cpu.redis)}%, ` +
              `redis-benchmark ${fmtInt(r.rbCpuPct)}%, other ${fmtInt(r.cpu.other)}%, calls ${r.calls}, failed ${r.failedCalls}`,
          );
          if (r.cpu.other > s.maxOtherPct && attempt < s.retries) {
            disturbed.push(r);
            console.log(`    repeating: other processes used ${fmtInt(r.cpu.other)}% > ${s.maxOtherPct}% of a core`);
            continue;
          }
          results.push(r);
          break;
        }
      }
    }
  }
  const groups = new Map<string, RbResult[]>();
  for (const r of results) groups.set(`${r.target}/${r.pipeline}`, [...(groups.get(`${r.target}/${r.pipeline}`) ?? []), r]);
  return { results, disturbed, medians: [...groups.values()].map(medianRb) };
}

/** Prints every kept run, the repeated ones, and (with several runs) the medians. */
export function printRbSet(title: string, set: RbSet, runs: number): void {
  if (!set.results.length) return;
  console.log(`\nredis-benchmark, ${title} (every run):\n` + renderTable(rbHeader, set.results.map(rbRow)));
  if (set.disturbed.length) console.log('\nrepeated (not in the tables above):\n' + renderTable(rbHeader, set.disturbed.map(rbRow)));
  if (runs > 1) console.log(`\nredis-benchmark, median of ${runs} runs:\n` + renderTable(rbHeader, set.medians.map(rbRow)));
}
