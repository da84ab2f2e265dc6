/** The ingest protocol without Gyre, for the ingestion benchmark (bench/ingest-redis.ts, `--direct`). */
import Redis from 'ioredis';
import { newEpoch } from '../src/engine/memory/broker-memory';
import { RedisKeys } from '../src/engine/redis/keys';
import { encodePublication } from '../src/engine/redis/payload';
import { defineScripts } from '../src/engine/redis/scripts';
import { GROUP } from '../src/ingest/sources';
import { HISTORY_SIZE, HISTORY_TTL, type Options, type SourceKind, type Target } from './ingest-options';
import { depth, dropRunKeys, nextRun } from './ingest-redis-side';
import { nowUs } from './lib';
import { cpuBetween, type CpuPct, type RedisServer, snap } from './redis';
import { META_TTL } from './redis-benchmark';
import { fmt1, fmt2, fmtInt } from './report';

// ---- the ingest protocol without Gyre --------------------------------------------------------------

/**
 * The Redis side of ingestion without Gyre: `k` consumers in this process, each with its own
 * connection, queue (or stream) and lease, each doing per batch what a Gyre consumer does — one
 * take (ingest_take.lua, or XREADGROUP), then the batch's ingest_publish.lua calls in one pipeline
 * with Gyre's arguments (history 1000/300, meta TTL 30 days, no idempotency key — the script
 * itself skips an item that is no longer pending — and the acknowledgement) — on a backlog of M
 * items pushed beforehand. Gyre's own work (the API layer, validation, delivery) is absent and nobody
 * subscribes. With one consumer this is the protocol's own rate for one lease; with several,
 * Redis saturates, which is the most ingestion this redis-server allows.
 */
export interface DirectResult {
  source: SourceKind;
  target: Target;
  consumers: number;
  batch: number;
  run: number;
  items: number;
  windowS: number;
  itemsPerS: number;
  cpu: CpuPct;
  redisUsPerItem: number;
  offsetsOk: boolean;
  leftover: number;
  errors: number;
  firstError: string;
}

interface Entry {
  id: string;
  text: string;
  ack: string;
}

export async function runDirect(redis: RedisServer, o: Options, source: SourceKind, target: Target, k: number, batch: number, run: number, items: number): Promise<DirectResult> {
  const prefix = `direct${nextRun()}`;
  const keys = new RedisKeys(prefix);
  const filler = 'x'.repeat(o.payload);
  const per = Math.floor(items / k);
  const chPer = target === 'single' ? 1 : Math.max(1, Math.floor(o.channels / k));
  const chan = (j: number, c: number) => (target === 'single' ? `bench:d${j}-${prefix}` : `bench:d${j}c${c}-${prefix}`);
  const srcName = (j: number) => (source === 'list' ? `${prefix}.api.${j}` : `${prefix}.api.stream${j}`);
  const owner = (j: number) => `direct-${j}`;
  const admin = redis.client();
  await admin.connect();
  const conns = Array.from({ length: k }, () => {
    const c = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    defineScripts(c);
    return c;
  });
  let errors = 0;
  let firstError = '';
  try {
    for (let j = 0; j < k; j++) {
      await admin.set(`${srcName(j)}.lease`, owner(j), 'PX', 600_000);
      if (source === 'stream') await admin.xgroup('CREATE', srcName(j), GROUP, '0', 'MKSTREAM');
      for (let from = 0; from < per; from += o.pushChunk) {
        const p = admin.pipeline();
        const ts = nowUs();
        for (let i = from; i < Math.min(per, from + o.pushChunk); i++) {
          const params = `{"channel":"${chan(j, i % chPer)}","data":{"seq":${Math.floor(i / chPer) + 1},"ts":${ts},"payload":"${filler}"}}`;
          if (source === 'list') p.lpush(srcName(j), `{"method":"publish","params":${params}}`);
          else p.xadd(srcName(j), '*', 'method', 'publish', 'payload', params);
        }
        await p.exec();
      }
    }
    await Promise.all(conns.map((c) => c.connect()));
    const a = snap(undefined, redis);
    const t0 = performance.now();
    const deadline = t0 + o.timeoutS * 1000;
    const consume = async (j: number): Promise<void> => {
      const c = conns[j]!;
      const name = srcName(j);
      const processing = `${name}.processing`;
      const lease = `${name}.lease`;
      let done = 0;
      for (let round = 0; round <= per && done < per && performance.now() < deadline; round++) {
        let entries: Entry[];
        if (source === 'list') {
          const moved = await c.gyreIngestTake(name, processing, `${name}.seq`, lease, owner(j), batch);
          entries = moved.map((e) => ({ id: e.slice(0, e.indexOf('|')), text: e.slice(e.indexOf('|') + 1), ack: e }));
        } else {
          const reply = (await c.xreadgroup('GROUP', GROUP, owner(j), 'COUNT', batch, 'STREAMS', name, '>')) as [string, [string, string[]][]][] | null;
          entries = (reply?.[0]?.[1] ?? []).map(([id, f]) => ({ id, text: f[3] ?? '', ack: id }));
        }
        if (!entries.length) break;
        const p = c.pipeline();
        for (const e of entries) {
          const cmd = JSON.parse(e.text) as { params?: { channel: string; data: unknown }; channel?: string; data?: unknown };
          const params = (source === 'list' ? cmd.params : cmd) as { channel: string; data: unknown };
          const ch = params.channel;
          const payload = encodePublication({ data: Buffer.from(JSON.stringify(params.data)) });
          p.gyreIngestPublish(keys.stream(ch), keys.meta(ch), keys.result(ch, ''), lease, source === 'list' ? processing : name, payload,
            HISTORY_SIZE, HISTORY_TTL, keys.pubsub(ch), META_TTL, newEpoch(), 0, owner(j), source, e.ack, source === 'list' ? '' : GROUP);
        }
        for (const [err] of (await p.exec()) ?? []) {
          if (!err) continue;
          errors++;
          firstError ||= err.message;
        }
        done += entries.length;
      }
    };
    await Promise.all(conns.map((_, j) => consume(j)));
    const t1 = performance.now();
    const b = snap(undefined, redis);
    const cpu = cpuBetween(a, b);
    const p = admin.pipeline();
    for (let j = 0; j < k; j++) for (let c = 0; c < chPer; c++) p.hget(keys.meta(chan(j, c)), 's');
    const tops = ((await p.exec()) ?? []).map((r) => Number(r[1] ?? 0));
    let leftover = 0;
    for (let j = 0; j < k; j++) leftover += (await depth(admin, { kind: source, keys: [srcName(j)] })).total;
    const windowS = (t1 - t0) / 1000;
    await dropRunKeys(admin, prefix, Array.from({ length: k * chPer }, (_, i) => chan(Math.floor(i / chPer), i % chPer)));
    return {
      source,
      target,
      consumers: k,
      batch,
      run,
      items: k * per,
      windowS,
      itemsPerS: (k * per) / windowS,
      cpu,
      redisUsPerItem: ((cpu.redis / 100) * cpu.wallS * 1e6) / (k * per),
      offsetsOk: tops.reduce((s, t) => s + t, 0) === k * per,
      leftover,
      errors,
      firstError,
    };
  } finally {
    for (const c of conns) c.disconnect();
    await admin.quit().catch(() => undefined);
  }
}

export const directHeader = ['source', 'target', 'consumers', 'batch', 'run', 'items', 'window s', 'items/s', 'redis CPU %', 'driver CPU %', 'other CPU %', 'redis µs/item', 'offsets', 'left', 'errors'];
export const directRow = (r: DirectResult) => [
  r.source,
  r.target,
  String(r.consumers),
  String(r.batch),
  r.run === 0 ? 'median' : String(r.run),
  String(r.items),
  fmt2(r.windowS),
  fmtInt(r.itemsPerS),
  fmtInt(r.cpu.redis),
  fmtInt(r.cpu.gen),
  fmtInt(r.cpu.other),
  fmt1(r.redisUsPerItem),
  r.offsetsOk ? 'ok' : 'MISMATCH',
  String(r.leftover),
  r.errors ? `${r.errors} (${r.firstError})` : '0',
];
