/**
 * Operating a sharded Redis engine: two plain Redis shards under a server of
 * two workers. /health lists each shard (index, kind, address, master,
 * reachable) and stays 503 naming the shard while one is down; every node
 * announces its own view of the shards, so the `info` API (what the admin's
 * Nodes page shows) has both workers' views; /metrics has each shard's
 * reachability and counts pub/sub reconnects by shard; all recover by
 * themselves once the shard is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consistentIndex } from '../../src/engine/redis/jump-hash';
import { samples } from '../helpers/metrics';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, type TestServer } from '../helpers/server';

interface Shard {
  shard: number;
  kind: string;
  address: string;
  masters: string[];
  reachable: boolean;
}

let a: TestRedis;
let b: TestRedis;
let server: TestServer;

before(async () => {
  a = await startRedis();
  b = await startRedis();
  server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: [a.url, b.url], prefix: 'ops' }, metrics: { enabled: true } } });
});
after(async () => {
  await server?.stop('SIGKILL');
  await a?.stop();
  await b?.stop();
});

async function metrics(): Promise<Map<string, number>> {
  return samples(await (await fetch(`${server.httpUrl}/metrics`)).text());
}

const up = (shard: number, url: string) => `gyre_redis_shard_up{shard="${shard}",address="${url}"}`;
const reconnects = (shard: number) => `gyre_broker_redis_pub_sub_reconnects_total{shard="${shard}"}`;

async function health(): Promise<{ status: number; body: { error?: string; redis_shards?: Shard[] } }> {
  const r = await fetch(`${server.httpUrl}/health`);
  return { status: r.status, body: await r.json() };
}

/** Every node's announced view of the shards, by node name. */
async function nodeViews(): Promise<Map<string, Shard[]>> {
  const nodes: { name: string; redis_shards?: Shard[] }[] = (await server.api('info')).result.nodes;
  return new Map(nodes.map((n) => [n.name, n.redis_shards ?? []]));
}

const expected = (reachable1: boolean): Shard[] => [
  { shard: 0, kind: 'standalone', address: a.url, masters: [`127.0.0.1:${a.port}`], reachable: true },
  { shard: 1, kind: 'standalone', address: b.url, masters: [`127.0.0.1:${b.port}`], reachable: reachable1 },
];

describe('a sharded Redis engine, operated', () => {
  it('/health lists every shard while all are reachable', async () => {
    const h = await health();
    assert.equal(h.status, 200);
    assert.deepEqual(h.body, { redis_shards: expected(true) });
  });

  it('every node announces its own view of the shards (the info API, the admin Nodes page)', async () => {
    const views = await eventually(async () => {
      const v = await nodeViews();
      return v.size === 2 ? v : undefined;
    }, 15_000, 'both workers in info');
    for (const [name, shards] of views!) assert.deepEqual(shards, expected(true), `node ${name}`);
  });

  it('/metrics says each shard is up', async () => {
    const m = await metrics();
    assert.equal(m.get(up(0, a.url)), 1);
    assert.equal(m.get(up(1, b.url)), 1);
  });

  it('one shard down: /health is 503 and names it, every node and /metrics report it unreachable, then all recover', async () => {
    const before = await metrics();
    await b.stop();
    // Both workers must see it, whichever answers: ask until several answers in a row agree.
    await eventually(async () => {
      for (let i = 0; i < 4; i++) {
        const h = await health();
        if (h.status !== 503) return false;
        assert.equal(h.body.error, `redis shard 1 (${b.url}) unreachable`);
        assert.deepEqual(h.body.redis_shards!.map((s) => [s.shard, s.reachable]), [[0, true], [1, false]]);
      }
      return true;
    }, 20_000, '/health 503 naming shard 1');
    await eventually(async () => {
      const v = await nodeViews();
      return v.size === 2 && [...v.values()].every((s) => s[0]?.reachable === true && s[1]?.reachable === false);
    }, 20_000, 'both nodes report shard 1 unreachable, shard 0 reachable');
    // A channel on shard 0 is still served; one on shard 1 is refused as temporary, counted on shard 1.
    const on = (shard: number) => Array.from({ length: 100 }, (_, i) => `ops-${i}`).find((c) => consistentIndex(c, 2) === shard)!;
    assert.ok((await server.api('publish', { channel: on(0), data: {} })).result, 'shard 0 serves');
    assert.equal((await server.api('publish', { channel: on(1), data: {} })).error?.code, 100, 'shard 1 refused');
    const down = await eventually(async () => {
      const m = await metrics();
      return (m.get('gyre_broker_command_errors_total{op="publish",shard="1"}') ?? 0) >= 1 ? m : undefined;
    }, 5000, 'the failed publish counted on shard 1');
    assert.equal(down!.get(up(0, a.url)), 1);
    assert.equal(down!.get(up(1, b.url)), 0);
    assert.equal(down!.get('gyre_broker_command_errors_total{op="publish",shard="0"}'), undefined);

    await b.start();
    await eventually(async () => {
      for (let i = 0; i < 4; i++) if ((await health()).status !== 200) return false;
      return true;
    }, 20_000, '/health 200 again');
    const h = await health();
    assert.deepEqual(h.body, { redis_shards: expected(true) });
    // Each worker's subscriber to shard 1 came back and resubscribed (the control channels at least); shard 0's never left.
    const after = await eventually(async () => {
      const m = await metrics();
      return m.get(up(1, b.url)) === 1 && (m.get(reconnects(1)) ?? 0) >= (before.get(reconnects(1)) ?? 0) + 2 ? m : undefined;
    }, 20_000, 'shard 1 up again, both workers resubscribed to it');
    assert.equal(after!.get(reconnects(0)) ?? 0, before.get(reconnects(0)) ?? 0);
  });
});
