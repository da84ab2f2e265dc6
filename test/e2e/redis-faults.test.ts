/**
 * Faults with the Redis engine. A publisher retries every publication until
 * the API acknowledges it (with an idempotency key, so a retry never applies
 * twice); at the end every client must hold every acknowledged publication
 * exactly once and in order — or, where Redis lost the stream, must have been
 * told `recovered: false`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { closeClients, collect, type CodecName, decode, makeClient, token } from '../helpers/clients';
import { startRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  closeClients();
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function setup(opts: { persistent?: boolean } = {}) {
  const redis = await startRedis(opts);
  cleanups.push(() => redis.stop());
  const server = await startServer({
    config: { engine: 'redis', workers: 2, redis: { url: redis.url, prefix: 'faults' }, channel: channelConfig, client: { position_check_interval: 2 } },
  });
  cleanups.push(() => server.stop('SIGKILL'));
  return { redis, server };
}

/** Subscribers spread over the server's workers, recording every publication and subscribe outcome. */
async function subscribers(server: TestServer, channel: string, n = 4) {
  const out = Array.from({ length: n }, (_, i) => {
    const codec: CodecName = i % 2 ? 'protobuf' : 'json';
    const c = makeClient(server.wsUrl, codec, { token: token({ sub: `f${i}` }) });
    const sub = c.newSubscription(channel);
    const pubs = collect(sub, 'publication');
    const subscribed = collect(sub, 'subscribed');
    sub.subscribe();
    c.connect();
    return { c, sub, pubs, subscribed, seqs: () => pubs.map((p) => (decode(codec, p.data) as { seq: number }).seq) };
  });
  await Promise.all(out.map((s) => s.sub.ready(5000)));
  return out;
}

/** Publishes seq 1..count, retrying each until acknowledged; records the temporary errors seen. */
async function publishAll(server: TestServer, channel: string, count: number, onSeq?: (seq: number) => Promise<void> | void) {
  const errors: { code: number; temporary?: boolean }[] = [];
  for (let seq = 1; seq <= count; seq++) {
    await onSeq?.(seq);
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const r = await server.api('publish', { channel, data: { seq }, idempotency_key: `${channel}-${seq}` });
        if (r.result) break;
        errors.push(r.error);
      } catch {
        errors.push({ code: -1 }); // the worker serving the request died
      }
      if (Date.now() > deadline) throw new Error(`publication ${seq} never acknowledged`);
      await sleep(50);
    }
    await sleep(5);
  }
  return errors;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('redis engine faults', () => {
  it('kill -9 of a worker while publishing: it is replaced, its clients reconnect and recover', async () => {
    const { server } = await setup();
    const ch = 'chat:kill-worker';
    const subs = await subscribers(server, ch);
    const total = 120;
    await publishAll(server, ch, total, (seq) => {
      if (seq !== 40) return;
      const worker = execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim().split('\n')[0]!;
      process.kill(Number(worker), 'SIGKILL');
    });
    await eventually(() => subs.every((s) => s.pubs.length >= total), 20_000, 'every client caught up');
    await sleep(300);
    for (const s of subs) assert.deepEqual(s.seqs(), range(total));
    assert.match(server.output(), /worker died; restarting/);
  });

  it('CLIENT KILL TYPE pubsub while publishing: the gap is detected and recovered', async () => {
    const { redis, server } = await setup();
    const admin = new Redis(redis.url);
    cleanups.push(() => admin.quit());
    const ch = 'chat:kill-pubsub';
    const subs = await subscribers(server, ch);
    const total = 120;
    await publishAll(server, ch, total, async (seq) => {
      if (seq === 30 || seq === 80) await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    });
    await eventually(() => subs.every((s) => s.pubs.length >= total), 20_000, 'every client caught up');
    await sleep(300);
    for (const s of subs) {
      assert.deepEqual(s.seqs(), range(total));
      assert.ok(s.subscribed.every((e) => !e.wasRecovering || e.recovered), 'every recovery was complete');
    }
  });

  it('Redis restarted empty: clients are told recovered: false, later publications arrive', async () => {
    const { redis, server } = await setup();
    const ch = 'chat:restart-empty';
    const subs = await subscribers(server, ch);
    await publishAll(server, ch, 20);
    await eventually(() => subs.every((s) => s.pubs.length === 20), 10_000, 'before the restart');
    await redis.restart();
    await eventually(async () => (await fetch(`${server.httpUrl}/health`)).ok, 15_000, 'healthy again');
    await eventually(() => subs.every((s) => s.subscribed.some((e) => e.wasRecovering && !e.recovered)), 15_000, 'told recovered: false');
    await publishAll(server, ch, 10);
    await eventually(() => subs.every((s) => s.seqs().slice(-10).join() === range(10).join()), 10_000, 'later publications');
    for (const s of subs) {
      const seqs = s.seqs();
      assert.deepEqual(seqs.slice(0, 20), range(20), 'everything before the restart, once');
      assert.deepEqual(seqs.slice(20), range(10), 'after it, the new stream in order');
    }
  });

  it('Redis down for a while: /health 503 and temporary errors, then it heals by itself and nothing acknowledged is lost', async () => {
    const { redis, server } = await setup({ persistent: true });
    const ch = 'chat:outage';
    const subs = await subscribers(server, ch);
    let errors: { code: number; temporary?: boolean }[] = [];
    const publishing = publishAll(server, ch, 60, async (seq) => {
      if (seq !== 20) return;
      await redis.stop();
      await eventually(async () => (await fetch(`${server.httpUrl}/health`)).status === 503, 10_000, 'health 503');
      const r = await server.api('publish', { channel: ch, data: { probe: true } });
      assert.equal(r.error.code, 100);
      assert.equal(r.error.temporary, true);
      setTimeout(() => void redis.start(), 1500);
    }).then((e) => (errors = e));
    await publishing;
    assert.ok(errors.length > 0 && errors.every((e) => e.code === 100 || e.code === -1), 'only temporary errors while Redis was down');
    await eventually(async () => (await fetch(`${server.httpUrl}/health`)).ok, 10_000, 'healthy again');
    await eventually(() => subs.every((s) => s.pubs.length >= 60), 20_000, 'every client caught up');
    await sleep(300);
    for (const s of subs) assert.deepEqual(s.seqs(), range(60));
  });
});
