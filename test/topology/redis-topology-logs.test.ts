/**
 * A Redis node going away is one warning, not a flood. A server of two
 * workers runs on two shards, a plain Redis (shard 0) and a Redis Cluster or
 * a Sentinel group (shard 1); it keeps publishing (with history, to channels
 * on both shards and every master) and holds subscribers while a master of
 * shard 1 is killed (kill -9). Every line at warn or above during the
 * failover is an outage's first warning, naming shard 1 — at most one per
 * worker — none carries a stack trace, nothing unhandled reaches stderr, and
 * each worker that warned logs `redis recovered` once publishing works again.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { closeClients, subscribedClient } from '../helpers/clients';
import { atLeast, type LogLine, logLines as parseLogLines, timeOf } from '../helpers/logs';
import { startRedis } from '../helpers/redis';
import { startCluster, startSentinelGroup } from '../helpers/redis-topology';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from '../e2e/fixtures';

after(() => closeClients());

function logLines(server: TestServer): LogLine[] {
  return parseLogLines(server.output());
}

/** Channels whose keys land on many slots, so every master of a Cluster holds some. */
const CHANNELS = Array.from({ length: 24 }, (_, i) => `chat:node-loss-${i}`);

/**
 * Publishes to every channel in turn until `stop()`, each call on the server
 * API; answers are counted, not awaited one by one, so a slow failover does
 * not hold the loop.
 */
function publisher(server: TestServer) {
  let running = true;
  const counts = { ok: 0, failed: 0 };
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const answers = await Promise.all(CHANNELS.map((channel) => server.api('publish', { channel, data: { n } }).catch(() => ({ error: { code: -1 } }))));
      for (const a of answers) a.result ? counts.ok++ : counts.failed++;
      await sleep(50);
    }
  })();
  return {
    counts,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** A publish to every channel succeeds. */
async function allPublish(server: TestServer): Promise<boolean> {
  const answers = await Promise.all(CHANNELS.map((channel) => server.api('publish', { channel, data: 'probe' })));
  return answers.every((a) => a.result);
}

/**
 * Kills a master under load and checks the logs of the failover. `kill`
 * returns once the topology has recovered (a replica promoted).
 */
async function nodeLoss(url: string, kill: () => Promise<void>) {
  const plain = await startRedis();
  let server: TestServer | undefined;
  try {
    const srv = (server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: [plain.url, url], prefix: 'loss' }, channel: channelConfig, log: { level: 'info' } } }));
    for (let i = 0; i < 4; i++) await subscribedClient(srv.wsUrl, `loss-${i}`, CHANNELS[i]!);
    const pub = publisher(srv);
    await sleep(500);
    const killedAt = Date.now();
    await kill();
    await eventually(() => allPublish(srv), 30_000, 'publishing to every channel works again');
    await sleep(1000);
    await pub.stop();
    assert.ok(pub.counts.ok > 0, 'publications went through');

    const since = () => logLines(srv).filter((l) => timeOf(l) >= killedAt);
    const failing = since().filter((l) => l.msg.startsWith('redis failing'));
    assert.ok(failing.length > 0, 'the outage was noticed');
    assert.deepEqual([...new Set(failing.map((l) => l.shard))], [1], `the warnings name shard 1, where the master died: ${JSON.stringify(failing)}`);
    // Each worker that warned logs its recovery once the outage's failures stop.
    const warned = new Set(failing.map((l) => `${l.worker}/${l.shard}`));
    await eventually(() => [...warned].every((k) => since().some((l) => l.msg === 'redis recovered' && `${l.worker}/${l.shard}` === k)), 20_000, `a recovery line for each of ${[...warned]}`);
    const lines = since();
    const loud = lines.filter((l) => atLeast(l, 'warn'));
    const report = `${loud.length} lines at warn or above: ${JSON.stringify(loud.slice(0, 5), null, 1)}`;
    for (const key of warned) assert.equal(failing.filter((l) => `${l.worker}/${l.shard}` === key).length, 1, `one warning for worker/shard ${key}; ${report}`);
    assert.deepEqual(loud.filter((l) => !l.msg.startsWith('redis failing')), [], `only outage warnings; ${report}`);
    assert.deepEqual(loud.filter((l) => JSON.stringify(l).includes('stack')), [], 'no stack trace at warn or above');
    assert.doesNotMatch(srv.output(), /Unhandled error event/, 'every Redis client error is handled');
    // One recovery line per warning. A worker's warning is looked for since the server started: on a loaded machine
    // a worker can start failing (a command timing out on the dying master) just before the kill is timed.
    const recovered = lines.filter((l) => l.msg === 'redis recovered');
    const warnedEver = logLines(srv).filter((l) => l.msg.startsWith('redis failing'));
    for (const r of recovered) assert.ok(warnedEver.some((l) => l.worker === r.worker && l.shard === r.shard && timeOf(l) <= timeOf(r)), `a warning before each recovery line: ${JSON.stringify(r)}`);
    assert.equal(recovered.length, new Set(warnedEver.map((l) => `${l.worker}/${l.shard}`)).size, `one recovery line per warning: ${JSON.stringify(recovered)}`);
    return { warnings: failing.length, first: failing[0]?.err, publications: pub.counts };
  } finally {
    closeClients();
    await server?.stop('SIGKILL');
    await plain.stop();
  }
}

describe('a Redis node going away', () => {
  it('Cluster: kill -9 of a master while publishing is one warning per worker at most, and a recovery line', async () => {
    const cluster = await startCluster({ masters: 3, replicas: 1 });
    try {
      const r = await nodeLoss(cluster.url, async () => {
        const [victim] = await cluster.masters();
        await cluster.killNode(victim!);
        await cluster.waitForFailover(victim!);
      });
      console.log(`[cluster] ${JSON.stringify(r)}`);
    } finally {
      await cluster.stop();
    }
  });

  it('Sentinel: kill -9 of the master while publishing is one warning per worker at most, and a recovery line', async () => {
    const group = await startSentinelGroup();
    try {
      const r = await nodeLoss(group.url, async () => {
        const old = await group.killMaster();
        await group.waitForPromotion(old);
      });
      console.log(`[sentinel] ${JSON.stringify(r)}`);
    } finally {
      await group.stop();
    }
  });
});
