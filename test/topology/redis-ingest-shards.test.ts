/**
 * Publishing from Redis where the queues and the channels are not on one
 * single Redis: a Redis Cluster (3 masters, 3 replicas) and two plain shards
 * (two URLs; the queues on the first). Two servers of two workers each
 * consume a list queue and a stream carrying publishes to channels spread
 * over every master or shard, while the worker holding a lease is killed
 * with kill -9 again and again, mostly between applying a run and
 * acknowledging it; every channel's history must then hold exactly its
 * items, once each, in push order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis, { Cluster } from 'ioredis';
import { consistentIndex } from '../../src/engine/redis/jump-hash';
import { keySlot, startCluster, startShards } from '../helpers/redis-topology';
import { processAlive } from '../helpers/process';
import { eventually, startServer, type TestServer } from '../helpers/server';

const channel = {
  namespaces: [{ name: 'ingest', history_size: 100_000, history_ttl: 600 }],
};
/** Channels per source; pushes go round-robin over them, so a run of 64 items touches each a few times. */
const CHANNELS = 24;
/** Items pushed per source before each kill. */
const BURST = 1500;
const KILLS = 5;

interface Topology {
  url: string;
  /** The client backends use: the Cluster, or the first URL's Redis (where the queues are). */
  client(): Redis | Cluster;
  /** A client of the Redis holding `key` (for reading channel keys in place). */
  holding(key: string): Redis | Cluster;
  /** Names of the masters or shards the channels' keys land on. */
  placeOf(channel: string): Promise<string>;
  cluster: boolean;
  stop(): Promise<void>;
}

async function clusterTopology(): Promise<Topology> {
  const c = await startCluster();
  const r = new Cluster([{ host: '127.0.0.1', port: c.ports[0]! }], { scaleReads: 'master' });
  return {
    url: c.url,
    client: () => r,
    holding: () => r,
    placeOf: async (ch) => String(await c.masterOfSlot(keySlot(`cx.stream.{${ch}}`))),
    cluster: true,
    async stop() {
      r.disconnect();
      await c.stop();
    },
  };
}

async function shardsTopology(): Promise<Topology> {
  const s = await startShards(2);
  const rs = s.urls.map((u) => new Redis(u));
  const shardOf = (ch: string) => consistentIndex(ch, 2);
  return {
    url: s.url,
    client: () => rs[0]!,
    holding: (key) => rs[shardOf(key.slice(key.indexOf('{') + 1, key.lastIndexOf('}')))]!,
    placeOf: async (ch) => `shard ${shardOf(ch)}`,
    cluster: false,
    async stop() {
      for (const r of rs) r.disconnect();
      await s.stop();
    },
  };
}

/** Whether list position or stream entry ID `a` comes after `b`. */
function idAfter(a: string, b: string): boolean {
  const [am, as = 0] = a.split('-').map(Number);
  const [bm, bs = 0] = b.split('-').map(Number);
  return am! !== bm! ? am! > bm! : as > bs;
}

for (const [name, start] of [
  ['a Redis Cluster', clusterTopology],
  ['two shards (two URLs)', shardsTopology],
] as const) {
  describe(`publishing from Redis on ${name}: exactly once and in order through kill -9`, () => {
    let topo: Topology;
    let servers: TestServer[] = [];
    const prefix = 'cx';
    const queue = `${prefix}.api`;
    const stream = `${prefix}.api.stream`;
    const tag = (key: string) => (topo.cluster ? `{${key}}` : key);

    before(async () => {
      topo = await start();
      const config = { workers: 2, redis: { prefix }, channel, client: { history_max_publication_limit: 0 }, api: { ingest_batch: 64 } };
      const env = { GYRE_ENGINE: 'redis', GYRE_REDIS_URL: topo.url };
      servers = await Promise.all([startServer({ config, env }), startServer({ config, env })]);
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop('SIGKILL')));
      await topo?.stop();
    });

    /** The live worker holding `lease`, by its pid (the node name ends with it), once some server lists it. */
    async function holderPid(lease: string): Promise<number> {
      const pid = await eventually(async () => {
        const owner = await topo.client().get(lease);
        if (!owner) return undefined;
        for (const s of servers) {
          const info = await s.api('info').catch(() => null);
          const node = (info?.result?.nodes as { uid: string; name: string }[] | undefined)?.find((n) => n.uid === owner);
          const pid = node && Number(node.name.split('_').pop());
          // A worker killed before still holds its lease until it expires.
          if (pid && processAlive(pid)) return pid;
        }
        return undefined;
      }, 30_000, `a holder of ${lease} listed in info`);
      return pid!;
    }

    it('thousands of LPUSHed and XADDed publishes across channels on every node: each once, in push order', { timeout: 600_000 }, async (t) => {
      const r = topo.client();
      const listChannels = Array.from({ length: CHANNELS }, (_, i) => `ingest:l${i}`);
      const streamChannels = Array.from({ length: CHANNELS }, (_, i) => `ingest:s${i}`);
      const places = new Set(await Promise.all([...listChannels, ...streamChannels].map((c) => topo.placeOf(c))));
      assert.ok(places.size >= 2, `channels spread over ${[...places].join(', ')}`);

      const sent = new Map<string, number>();
      const next = (ch: string) => {
        const seq = (sent.get(ch) ?? 0) + 1;
        sent.set(ch, seq);
        return seq;
      };
      let pushed = 0;
      const burst = async () => {
        const items: string[] = [];
        const p = r.pipeline();
        for (let i = 0; i < BURST; i++) {
          const l = listChannels[(pushed + i) % CHANNELS]!;
          items.push(JSON.stringify({ method: 'publish', params: { channel: l, data: { seq: next(l) } } }));
          const s = streamChannels[(pushed + i) % CHANNELS]!;
          p.xadd(stream, '*', 'method', 'publish', 'payload', JSON.stringify({ channel: s, data: { seq: next(s) } }));
        }
        pushed += BURST;
        await r.lpush(queue, ...items);
        await p.exec();
      };

      /** Whether some channel's watermark for `source` is past `cursor`: items applied and not acknowledged. */
      const pastCursor = async (source: string, channels: string[], cursor: string) => {
        const marks = await Promise.all(channels.map((c) => topo.holding(`${prefix}.ingested.{${c}}`).hget(`${prefix}.ingested.{${c}}`, source)));
        return marks.some((m) => m !== null && idAfter(m, cursor));
      };
      const streamCursor = async () => {
        // The consumer takes its lease, then creates the group: just after a start or a takeover it may not be there
        // yet, and then nothing of the stream has been read, let alone applied.
        const group = ((await r.xinfo('GROUPS', stream)) as unknown[][])[0];
        return group ? String(group[group.indexOf('last-delivered-id') + 1]) : '0-0';
      };

      // How often a kill left items applied to their channels but not acknowledged: the crash window itself.
      let windowHits = 0;
      const started = Date.now();
      for (let k = 0; k < KILLS; k++) {
        // This round's consumers, known before the burst (after the last round's takeovers), so the kill lands while they work.
        const pids = new Set([await holderPid(`${tag(queue)}.lease`), await holderPid(`${tag(stream)}.lease`)]);
        const depthBefore = await r.llen(queue);
        await burst();
        await eventually(async () => (await r.llen(queue)) < depthBefore + BURST - 50, 60_000, 'the burst being applied');
        for (const pid of pids) process.kill(pid, 'SIGKILL');
        // Commands the dead worker had already written reach Redis; then nothing moves until its leases expire.
        await new Promise((res) => setTimeout(res, 300));
        const listHit = await pastCursor(queue, listChannels, (await r.get(`${tag(queue)}.acked`)) ?? '0');
        const streamHit = await pastCursor(stream, streamChannels, await streamCursor());
        if (listHit || streamHit) windowHits++;
      }
      const depths = async () => [await r.llen(queue), await r.xlen(stream)];
      await eventually(async () => (await depths()).every((d) => d === 0), 120_000, 'both sources drained').catch(async (err) => {
        throw new Error(`${(err as Error).message}; list and stream depths ${(await depths()).join(', ')}`);
      });

      for (const ch of [...listChannels, ...streamChannels]) {
        const res = await servers[0]!.api('history', { channel: ch, limit: -1 });
        assert.ok(res.result, JSON.stringify(res));
        const seqs = res.result.publications.map((p: { data: { seq: number } }) => p.data.seq);
        assert.deepEqual(seqs, Array.from({ length: sent.get(ch)! }, (_, i) => i + 1), `${ch}: every item once, in push order`);
      }
      assert.equal(await r.get(tag(queue) + '.acked'), String(pushed), 'the cursor counts every item once');
      assert.equal(await r.llen(`${prefix}.api.dead`), 0, 'no dead letters');
      assert.ok(windowHits > 0, 'at least one kill struck between applying and acknowledging');
      // Figures for the report: items, kills, time.
      t.diagnostic(`${name}: ${2 * pushed} items, ${KILLS} kills (each of the list's and the stream's consumer), ${windowHits} in the crash window, ${Date.now() - started} ms`);
    });
  });
}
