/**
 * Sentinel failovers under load, with real parts: a Sentinel group (master,
 * replica, three Sentinels), two Gyre servers of two workers each following
 * it, `centrifuge` SDK clients subscribed with recovery, and publications
 * flowing all along through the HTTP API and the Redis list queue.
 *
 * Redis replicates asynchronously, so a failover can lose publications the
 * old master acknowledged and delivered live. The first failover makes sure
 * it does: the replica is cut off from the master (a wrong masterauth, then
 * its link killed: it keeps retrying and failing) while the API goes on
 * acknowledging, then the master is killed. The second is a plain kill -9
 * under load. Whatever was lost, every client must have every acknowledged
 * publication exactly once and in order, or have been told it could not
 * recover (`recovered: false` after the SDK's resubscribe); after being told
 * it must still see no duplicate, misordered or skipped publication.
 *
 * A second test runs with redis.wait_replicas 1: then no acknowledged
 * publication is missing from the promoted master's stream, and those refused
 * with "not acknowledged by replicas" are published exactly once by a retry
 * under the same idempotency key.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { decodePublication } from '../../src/engine/redis/pubsub-wire';
import { type AnyCentrifuge, type CodecName, closeClients, decode, makeClient, token } from '../helpers/clients';
import { command, HOST } from '../helpers/redis-node';
import { type SentinelGroup, startSentinelGroup } from '../helpers/redis-topology';
import { API_KEY, eventually, sleep, startServer, type TestServer } from '../helpers/server';

const cleanups: (() => unknown)[] = [];
after(async () => {
  closeClients();
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

const NAMESPACE = { name: 'feed', history_size: 100_000, history_ttl: 3600, force_recovery: true, allow_subscribe_for_client: true };

async function gyre(group: SentinelGroup, env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startServer({
    config: {
      engine: 'redis',
      workers: 2,
      redis: { url: group.url },
      channel: { namespaces: [NAMESPACE] },
      client: { recovery_max_publication_limit: 100_000 },
    },
    env,
  });
  cleanups.push(() => server.stop('SIGKILL'));
  return server;
}

/** A client of whichever node Sentinel names master, as a backend would have. */
function sentinelClient(group: SentinelGroup): Redis {
  const r = new Redis({ sentinels: group.sentinelPorts.map((port) => ({ host: HOST, port })), name: group.masterName, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  r.on('error', () => {});
  cleanups.push(() => r.disconnect());
  return r;
}

/**
 * Cuts the replica off: a wrong masterauth makes every resync fail, so once
 * its link is killed it stays behind while the master goes on taking writes.
 * Sentinel still promotes it when the master dies (its link has been down
 * for far less than ten down-after periods).
 */
async function detachReplica(group: SentinelGroup): Promise<number> {
  const master = await group.currentMaster();
  const replica = group.dataPorts.find((p) => p !== master)!;
  await command(replica, 'CONFIG', 'SET', 'masterauth', 'not-the-password');
  await command(replica, 'CLIENT', 'KILL', 'TYPE', 'master');
  await eventually(async () => /master_link_status:down/.test(String(await command(replica, 'INFO', 'replication'))), 10_000, 'the replica to lose its link');
  return replica;
}

async function apiPublish(server: TestServer, params: Record<string, unknown>): Promise<{ ok: boolean; error?: { code: number; message: string } }> {
  try {
    const res = await fetch(`${server.apiUrl}/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
    return body.error ? { ok: false, error: body.error } : { ok: true };
  } catch (err) {
    return { ok: false, error: { code: -1, message: (err as Error).message } };
  }
}

type Src = 'h' | 'q';
type Event = { kind: 'sub'; offset: number; recovered: boolean; wasRecovering: boolean } | { kind: 'pub'; offset: number; src: Src; n: number };

interface Watched {
  channel: string;
  log: Event[];
  client: AnyCentrifuge;
}

function watch(server: TestServer, channel: string, codec: CodecName, user: string): Watched {
  const client = makeClient(server.wsUrl, codec, { token: token({ sub: user }) });
  const sub = client.newSubscription(channel);
  const log: Event[] = [];
  sub.on('subscribed', (ctx) =>
    log.push({ kind: 'sub', offset: Number(ctx.streamPosition?.offset ?? 0), recovered: ctx.recovered, wasRecovering: ctx.wasRecovering }),
  );
  sub.on('publication', (ctx) => {
    const d = decode(codec, ctx.data) as { src: Src; n: number };
    log.push({ kind: 'pub', offset: Number(ctx.offset), src: d.src, n: d.n });
  });
  sub.subscribe();
  client.connect();
  return { channel, log, client };
}

/** What each source had acknowledged, per channel: n in the order sent. */
type Acked = Map<string, Record<Src, number[]>>;

/**
 * One client's log against what was acknowledged. Its subscriptions split it
 * into segments (each must continue the position its reply gave, offset by
 * offset) and its `recovered: false` replies into runs; within a run each
 * source's publications come once and in order, and none acknowledged is
 * missing between the first and last it holds — from the very beginning for
 * the first run, to the very end for the last.
 */
function checkClient(w: Watched, acked: Record<Src, number[]>): { told: number; problems: string[] } {
  const problems: string[] = [];
  const runs: Extract<Event, { kind: 'pub' }>[][] = [];
  let told = 0;
  let next = 0;
  for (const e of w.log) {
    if (e.kind === 'sub') {
      if (e.wasRecovering && !e.recovered) told++;
      if (runs.length === 0 || (e.wasRecovering && !e.recovered)) runs.push([]);
      next = e.offset + 1;
      continue;
    }
    if (e.offset !== next) problems.push(`offset ${e.offset} where ${next} was due`);
    next = e.offset + 1;
    runs.at(-1)!.push(e);
  }
  runs.forEach((run, i) => {
    for (const src of ['h', 'q'] as const) {
      const got = run.filter((p) => p.src === src).map((p) => p.n);
      for (let j = 1; j < got.length; j++) if (got[j]! <= got[j - 1]!) problems.push(`run ${i}: ${src}${got[j]} after ${src}${got[j - 1]}`);
      if (got.length === 0 && i > 0 && i < runs.length - 1) continue;
      const lo = i === 0 ? -Infinity : (got[0] ?? Infinity);
      const hi = i === runs.length - 1 ? Infinity : (got.at(-1) ?? -Infinity);
      const have = new Set(got);
      const missing = acked[src].filter((n) => n >= lo && n <= hi && !have.has(n));
      if (missing.length) problems.push(`run ${i}: acknowledged ${src}${missing.slice(0, 5).join(`, ${src}`)} never arrived (${missing.length} in all)`);
    }
  });
  return { told, problems };
}

describe('Sentinel failover under load', () => {
  // Two failovers (each a few seconds of Sentinel's down-after and election), a restart and a drain: minutes on a loaded machine.
  it('every client gets every acknowledged publication exactly once in order, or is told it did not recover', { timeout: 240_000 }, async () => {
    const group = await startSentinelGroup({ masterName: 'chaos' });
    cleanups.push(() => group.stop());
    const servers = [await gyre(group), await gyre(group)];
    const channels = ['feed:a', 'feed:b', 'feed:c'];
    const watched: Watched[] = [];
    let u = 0;
    for (const server of servers) {
      for (const channel of channels) for (const codec of ['json', 'protobuf'] as const) watched.push(watch(server, channel, codec, `u${++u}`));
    }
    // A channel that goes quiet after losing its last publication: only the check after pub/sub reconnected can tell its clients.
    const quiet = servers.map((server, i) => watch(server, 'feed:quiet', 'json', `quiet${i}`));
    await eventually(() => [...watched, ...quiet].every((w) => w.log.some((e) => e.kind === 'sub')), 20_000, 'every client subscribed');
    const toldOf = (w: Watched) => w.log.filter((e) => e.kind === 'sub' && e.wasRecovering && !e.recovered).length;
    // Retried under one idempotency key: on a loaded machine one attempt can fail temporarily (error 100), and a
    // retry must not publish it twice.
    const quietPub = (n: number) =>
      eventually(async () => (await apiPublish(servers[0]!, { channel: 'feed:quiet', data: { src: 'h', n }, idempotency_key: `quiet-${n}` })).ok, 20_000, `quiet publication ${n} acknowledged`);
    await quietPub(1);

    const acked: Acked = new Map(channels.map((ch) => [ch, { h: [], q: [] }]));
    const ackTimes: number[] = [];
    let sent = 0;
    let running = true;
    const backend = sentinelClient(group);
    const httpLoop = async (channel: string) => {
      for (let n = 1; running; n++) {
        sent++;
        const r = await apiPublish(servers[n % servers.length]!, { channel, data: { src: 'h', n } });
        if (r.ok) {
          acked.get(channel)!.h.push(n);
          ackTimes.push(Date.now());
        } else await sleep(50);
        await sleep(5);
      }
    };
    // A backend pushing to the queue counts an item as sent once a replica has it too (WAIT): Redis may lose an
    // unreplicated LPUSH in a failover before Gyre ever sees it.
    const queueLoop = async (channel: string) => {
      for (let n = 1; running; n++) {
        sent++;
        try {
          await backend.lpush('gyre.api', JSON.stringify({ method: 'publish', params: { channel, data: { src: 'q', n } } }));
          if ((await backend.wait(1, 500)) >= 1) acked.get(channel)!.q.push(n);
        } catch {
          await sleep(100);
        }
        await sleep(10);
      }
    };
    const loops = channels.flatMap((ch) => [httpLoop(ch), queueLoop(ch)]);

    const figures = { failovers: 0, promotionMs: [] as number[] };
    const failover = async () => {
      const killedAt = Date.now();
      const old = await group.killMaster();
      const promoted = await group.waitForPromotion(old);
      figures.failovers++;
      figures.promotionMs.push(Date.now() - killedAt);
      return { old, promoted };
    };

    await sleep(1500);
    // 1: the replica falls behind while the API goes on acknowledging, then the master dies.
    await detachReplica(group);
    const ackedBefore = ackTimes.length;
    await quietPub(2);
    await sleep(1000);
    assert.ok(ackTimes.length > ackedBefore, 'publications were acknowledged that the replica does not have');
    await eventually(() => quiet.every((w) => w.log.some((e) => e.kind === 'pub' && e.n === 2)), 10_000, 'the quiet channel delivered live');
    const first = await failover();
    await command(first.promoted, 'CONFIG', 'SET', 'masterauth', '');
    const promotedAt = Date.now();
    await eventually(() => quiet.every((w) => toldOf(w) > 0), 30_000, 'the quiet channel\'s clients to be told');
    const quietToldMs = Date.now() - promotedAt;
    await quietPub(3);
    await eventually(() => quiet.every((w) => w.log.some((e) => e.kind === 'pub' && e.n === 3)), 10_000, 'the quiet channel to deliver again');
    await sleep(2000);
    await group.restart(first.old);
    // 2: a plain kill -9 under load.
    await sleep(1500);
    await failover();
    await sleep(2000);
    running = false;
    await Promise.all(loops);

    // Every queued item applied, then one last publication per channel that every client must see.
    await eventually(async () => (await backend.llen('gyre.api')) === 0, 60_000, 'the queue to drain');
    const last: Record<string, number> = {};
    for (const channel of channels) {
      const n = acked.get(channel)!.h.length ? acked.get(channel)!.h.at(-1)! + 1 : 1;
      // Retried under one idempotency key: an attempt answered with an error may still have been published.
      await eventually(async () => (await apiPublish(servers[0]!, { channel, data: { src: 'h', n }, idempotency_key: `last-${channel}` })).ok, 30_000, 'the last publication');
      acked.get(channel)!.h.push(n);
      last[channel] = n;
    }
    await eventually(
      () => watched.every((w) => w.log.some((e) => e.kind === 'pub' && e.src === 'h' && e.n === last[w.channel])),
      60_000,
      'every client to receive the last publication',
    );

    let told = 0;
    const problems: string[] = [];
    for (const [i, w] of watched.entries()) {
      const r = checkClient(w, acked.get(w.channel)!);
      told += r.told;
      problems.push(...r.problems.map((p) => `client ${i} (${w.channel}): ${p}`));
    }
    let longestGapMs = 0;
    for (let i = 1; i < ackTimes.length; i++) longestGapMs = Math.max(longestGapMs, ackTimes[i]! - ackTimes[i - 1]!);
    const ackedCount = [...acked.values()].reduce((s, a) => s + a.h.length + a.q.length, 0);
    console.log(
      `failover chaos: ${ackedCount} publications acknowledged of ${sent} sent, ${figures.failovers} failovers ` +
        `(promoted after ${figures.promotionMs.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s), ` +
        `${watched.length} clients, told not recovered ${told} times, longest time without an acknowledged API publish ${(longestGapMs / 1000).toFixed(1)} s, ` +
        `quiet channel's clients told ${(quietToldMs / 1000).toFixed(1)} s after the promotion, ` +
        `${problems.length} silent losses or disorders`,
    );
    for (const w of quiet) problems.push(...checkClient(w, { h: [1, 2, 3], q: [] }).problems.map((p) => `quiet client: ${p}`));
    assert.deepEqual(problems, []);
    assert.ok(told > 0, 'the lost publications were announced');
  });

  it('with redis.wait_replicas 1, every acknowledged publication is in the promoted master, and a refused one is published once by its retry', { timeout: 180_000 }, async () => {
    const group = await startSentinelGroup({ masterName: 'acked' });
    cleanups.push(() => group.stop());
    const server = await gyre(group, { GYRE_REDIS_WAIT_REPLICAS: '1', GYRE_REDIS_WAIT_TIMEOUT: '0.3' });
    const channel = 'feed:acked';
    const ok: number[] = [];
    const refused = new Set<number>();
    const messages = new Set<string>();
    let running = true;
    const loop = (async () => {
      for (let n = 1; running; n++) {
        const r = await apiPublish(server, { channel, data: { n }, idempotency_key: `k${n}` });
        if (r.ok) ok.push(n);
        else {
          refused.add(n);
          if (r.error) messages.add(r.error.message);
          await sleep(20);
        }
      }
    })();
    await eventually(() => ok.length >= 20, 20_000, 'publications acknowledged');
    await detachReplica(group);
    const okBefore = ok.length;
    await eventually(() => messages.has('not acknowledged by replicas'), 10_000, 'a publish refused for want of a replica');
    await sleep(500);
    const old = await group.killMaster();
    const newMaster = await group.waitForPromotion(old);
    running = false;
    await loop;

    const keys = new RedisKeys('gyre');
    /** The publications in the promoted master's stream, by their n. */
    const inStream = async (): Promise<number[]> => {
      const r = new Redis({ host: HOST, port: newMaster, maxRetriesPerRequest: 0 });
      try {
        const entries = (await r.xrangeBuffer(keys.stream(channel), '-', '+')) as unknown as [Buffer, Buffer[]][];
        return entries.map(([, fields]) => (JSON.parse(decodePublication(fields[1]!, 0).data.toString()) as { n: number }).n);
      } finally {
        r.disconnect();
      }
    };
    const survived = await inStream();
    const present = new Set(survived);
    const lost = ok.filter((n) => !present.has(n));
    console.log(
      `wait_replicas 1: ${ok.length} acknowledged (${ok.length - okBefore} after the replica was cut off), ${refused.size} refused, ` +
        `${lost.length} acknowledged ones missing after the failover, ${survived.length} in the promoted master's stream`,
    );
    assert.deepEqual(lost, [], 'every acknowledged publication survived the failover');
    assert.ok(refused.size > 0);

    // With a replica again, each refused publication is retried under its key until acknowledged.
    await group.restart(old);
    for (const n of [...refused].sort((a, b) => a - b)) {
      await eventually(async () => (await apiPublish(server, { channel, data: { n }, idempotency_key: `k${n}` })).ok, 30_000, `the retry of ${n}`);
    }
    const all = await inStream();
    const counts = new Map<number, number>();
    for (const n of all) counts.set(n, (counts.get(n) ?? 0) + 1);
    assert.deepEqual([...counts].filter(([, c]) => c !== 1), [], 'each publication is in the stream once');
    assert.deepEqual([...counts.keys()].sort((a, b) => a - b), [...ok, ...refused].sort((a, b) => a - b));
  });
});
