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

/**
 * Subscribers spread over the server's workers, recording every publication
 * and subscribe outcome, and — from the moment all are subscribed — every
 * time a connection or subscription was lost (`connecting`, `subscribing`).
 */
async function subscribers(server: TestServer, channel: string, n = 4, clientOpts: Record<string, unknown> = {}) {
  const out = Array.from({ length: n }, (_, i) => {
    const codec: CodecName = i % 2 ? 'protobuf' : 'json';
    const c = makeClient(server.wsUrl, codec, { token: token({ sub: `f${i}` }), ...clientOpts });
    const sub = c.newSubscription(channel);
    const pubs = collect(sub, 'publication');
    const subscribed = collect(sub, 'subscribed');
    sub.subscribe();
    c.connect();
    const lost = { connecting: [] as any[], subscribing: [] as any[] };
    return { c, sub, pubs, subscribed, lost, seqs: () => pubs.map((p) => (decode(codec, p.data) as { seq: number }).seq) };
  });
  await Promise.all(out.map((s) => s.sub.ready(5000)));
  for (const s of out) {
    s.c.on('connecting', (ctx) => s.lost.connecting.push(ctx));
    s.sub.on('subscribing', (ctx) => s.lost.subscribing.push(ctx));
  }
  return out;
}

/** The server's worker processes (children of the primary). */
function workerPids(server: TestServer): number[] {
  const out = execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim();
  return out ? out.split('\n').map(Number) : [];
}

/** Each node (worker) the info API lists, with its process id (a node is named `<host>_<pid>`) and client count. */
async function workersInfo(server: TestServer): Promise<{ pid: number; clients: number }[]> {
  const nodes: { name: string; num_clients: number }[] = (await server.api('info')).result.nodes;
  return nodes.map((n) => ({ pid: Number(n.name.slice(n.name.lastIndexOf('_') + 1)), clients: n.num_clients }));
}

/** A subscribe that recovered a non-empty gap completely. */
const recoveredGap = (e: any) => e.wasRecovering && e.recovered && e.hasRecoveredPublications;

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
    // Reconnecting no sooner than 1 s after the kill, the killed worker's clients surely miss publications.
    const subs = await subscribers(server, ch, 4, { minReconnectDelay: 1000, maxReconnectDelay: 2000 });
    const workers = workerPids(server);
    assert.equal(workers.length, 2);
    // Which worker holds how many of the clients (a node's count reaches the others within its announce interval).
    let info: { pid: number; clients: number }[] = [];
    await eventually(async () => {
      info = await workersInfo(server);
      return info.length === 2 && info.reduce((n, x) => n + x.clients, 0) === subs.length;
    }, 10_000, 'both workers listing all clients');
    const victim = info.reduce((a, b) => (b.clients > a.clients ? b : a));
    assert.ok(workers.includes(victim.pid), 'the info API names the worker processes');
    assert.ok(victim.clients > 0);
    const total = 120;
    await publishAll(server, ch, total, async (seq) => {
      if (seq !== 40) return;
      process.kill(victim.pid, 'SIGKILL');
      const dropped = () => subs.filter((s) => s.lost.connecting.length > 0).length;
      await eventually(() => dropped() === victim.clients, 5000, "the killed worker's clients disconnected");
    });
    await eventually(() => subs.every((s) => s.pubs.length >= total), 20_000, 'every client caught up');
    await sleep(300);
    for (const s of subs) assert.deepEqual(s.seqs(), range(total));
    const dropped = subs.filter((s) => s.lost.connecting.length > 0);
    assert.equal(dropped.length, victim.clients, "exactly the killed worker's clients lost their connection");
    for (const s of dropped) {
      assert.equal(s.c.state, 'connected', 'reconnected');
      assert.ok(s.subscribed.some(recoveredGap), 'resubscribed and recovered what was published while it was away');
    }
    for (const s of subs.filter((x) => !dropped.includes(x))) assert.equal(s.subscribed.length, 1, "the other worker's clients were never disturbed");
    let now: number[] = [];
    await eventually(() => (now = workerPids(server)).length === 2 && !now.includes(victim.pid), 10_000, 'a new worker in place of the killed one');
    const successor = now.find((pid) => !workers.includes(pid));
    await eventually(async () => (await workersInfo(server)).some((w) => w.pid === successor), 10_000, 'the new worker serving');
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
      // Publications made while pub/sub was down never reached the workers: each subscription must have been told
      // to resubscribe (2500 insufficient state), and recovered the gap from the stream on its own connection.
      assert.ok(s.lost.subscribing.length > 0, 'the gap made the subscription resubscribe');
      assert.deepEqual(s.lost.subscribing.map((e) => e.code), s.lost.subscribing.map(() => 2500), 'told 2500 insufficient state');
      assert.deepEqual(s.lost.connecting, [], 'the connection itself was kept');
      assert.ok(s.subscribed.some(recoveredGap), 'the missed publications came back by recovery');
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
