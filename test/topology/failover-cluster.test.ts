/**
 * CHAOS on a Redis Cluster (3 masters, 3 replicas), with classic and with
 * sharded pub/sub: two servers of two workers each, clients subscribed with
 * recovery to channels on every master, publications flowing without pause
 * through both servers' APIs — and kill -9 of a master in the middle of it,
 * with publishing going on through the replica's promotion and after.
 *
 * Each publication is sent once, without idempotency key and never retried,
 * so a publication a client receives twice can only be one Gyre or ioredis
 * sent again. Once publishing stops (with nothing published after, which
 * would reveal a gap at the end by its offset), every client must hold
 * every acknowledged publication of every channel exactly once and in
 * order, or have been told it could not recover (a subscribe answered
 * `recovered: false`) at the place of each one it lacks: 0 silent losses. A
 * publication that failed may or may not have been applied (its node may
 * have died after running it); a client may hold it, once and in order like
 * the others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelsOnEveryMaster, clusterSuite, gyreOnCluster, nodesWithConnection, type PlacedChannel } from '../helpers/cluster-gyre';
import { type CodecName, decode, makeClient, token } from '../helpers/clients';
import { eventually, sleep, type TestServer } from '../helpers/server';

const NS = 'chaos';
/** History long enough for every publication of the run: a recovery can only fail where Redis lost the stream. */
const channelConfig = {
  allow_subscribe_for_client: true,
  namespaces: [{ name: NS, history_size: 5000, history_ttl: 600, force_recovery: true, allow_subscribe_for_client: true }],
};
const CLIENTS_PER_SERVER = 3;
const STEADY_MS = 3000;
const AFTER_FAILOVER_MS = 5000;
const PUBLISH_PAUSE_MS = 20;
/** How long the clients get to catch up once publishing stopped: far below the idle position check (40 s by default). */
const CATCH_UP_MS = 20_000;

const suite = clusterSuite();

/** What one subscription saw, in order: publications by seq, and each time it was told it could not recover. */
type Seen = { seq: number } | { reset: true };

function watch(server: TestServer, user: string, codec: CodecName, channels: PlacedChannel[]) {
  const c = makeClient(server.wsUrl, codec, { token: token({ sub: user }) });
  const seen = new Map<string, Seen[]>();
  const recoveredGaps = new Map<string, number>();
  const subs = channels.map(({ channel }) => {
    const log: Seen[] = [];
    seen.set(channel, log);
    const sub = c.newSubscription(channel);
    sub.on('publication', (ctx) => log.push({ seq: (decode(codec, ctx.data) as { seq: number }).seq }));
    sub.on('subscribed', (ctx) => {
      if (ctx.wasRecovering && !ctx.recovered) log.push({ reset: true });
      if (ctx.wasRecovering && ctx.recovered && ctx.hasRecoveredPublications) recoveredGaps.set(channel, (recoveredGaps.get(channel) ?? 0) + 1);
    });
    sub.subscribe();
    return sub;
  });
  c.connect();
  const last = (channel: string) => {
    const log = seen.get(channel)!;
    for (let i = log.length - 1; i >= 0; i--) {
      const e = log[i]!;
      if ('seq' in e) return e.seq;
    }
    return 0;
  };
  return { c, user, subs, seen, recoveredGaps, last };
}

interface ChannelRun {
  channel: string;
  master: number;
  sent: number;
  acked: Set<number>;
  ackTimes: number[];
}

/** Publishes seq 1, 2, … on `channel`, alternating between the servers' APIs, each once, until `stop()`. */
function publisher(servers: TestServer[], placed: PlacedChannel) {
  const run: ChannelRun = { channel: placed.channel, master: placed.master, sent: 0, acked: new Set(), ackTimes: [] };
  let stopping = false;
  const done = (async () => {
    while (!stopping) {
      const seq = ++run.sent;
      try {
        const r = await servers[seq % servers.length]!.api('publish', { channel: placed.channel, data: { seq } });
        if (r.result) {
          run.acked.add(seq);
          run.ackTimes.push(Date.now());
        }
      } catch {
        // No answer: unacknowledged, like an error answer.
      }
      await sleep(PUBLISH_PAUSE_MS);
    }
  })();
  return {
    run,
    async stop() {
      stopping = true;
      await done;
    },
  };
}

interface Verdict {
  silentLosses: string[];
  disorder: string[];
  resets: number;
  subscriptionsReset: number;
  unackedDelivered: number;
}

/** Every acknowledged publication held once and in order, or a reset where it is missing. */
function judge(clients: ReturnType<typeof watch>[], runs: ChannelRun[]): Verdict {
  const v: Verdict = { silentLosses: [], disorder: [], resets: 0, subscriptionsReset: 0, unackedDelivered: 0 };
  for (const cl of clients) {
    for (const run of runs) {
      const log = cl.seen.get(run.channel)!;
      const where = `${cl.user} on ${run.channel}`;
      const resets = log.filter((e) => 'reset' in e).length;
      v.resets += resets;
      if (resets > 0) v.subscriptionsReset++;
      const seqs = log.flatMap((e) => ('seq' in e ? [e.seq] : []));
      for (let i = 1; i < seqs.length; i++) if (seqs[i]! <= seqs[i - 1]!) v.disorder.push(`${where}: ${seqs[i]} after ${seqs[i - 1]}`);
      const held = new Set(seqs);
      for (const s of held) if (!run.acked.has(s)) v.unackedDelivered++;
      // Walk the log: a missing acknowledged seq must have a reset between the publications around it.
      let prev = 0;
      let resetSincePrev = false;
      const check = (upTo: number, excused: boolean) => {
        for (let s = prev + 1; s < upTo; s++) if (run.acked.has(s) && !held.has(s) && !excused) v.silentLosses.push(`${where}: ${s}`);
      };
      for (const e of log) {
        if ('reset' in e) {
          resetSincePrev = true;
          continue;
        }
        check(e.seq, resetSincePrev);
        prev = Math.max(prev, e.seq);
        resetSincePrev = false;
      }
      check(run.sent + 1, resetSincePrev);
    }
  }
  return v;
}

describe('CHAOS: kill -9 of a Redis Cluster master under continuous publishing', () => {
  for (const mode of ['classic', 'sharded'] as const) {
    it(`${mode} pub/sub: every acknowledged publication reaches every client once and in order, or the client is told it could not recover`, async (t) => {
      const prefix = `chaos-${mode}`;
      const { cluster, cleanups } = suite;
      const servers = await gyreOnCluster(cluster, prefix, { sharded: mode === 'sharded', config: { channel: channelConfig } });
      for (const s of servers) cleanups.push(() => s.stop('SIGKILL'));
      const channels = await channelsOnEveryMaster(cluster, NS, mode, 2);
      const clients = servers.flatMap((srv, si) =>
        Array.from({ length: CLIENTS_PER_SERVER }, (_, i) => watch(srv, `${mode}-${si}-${i}`, (si + i) % 2 ? 'protobuf' : 'json', channels)),
      );
      await Promise.all(clients.flatMap((cl) => cl.subs.map((s) => s.ready(10_000))));

      const publishers = channels.map((p) => publisher(servers, p));
      await sleep(STEADY_MS);
      // The master under most classic subscriber connections, so the kill takes some along (sharded: every master has its channels' ones).
      const masters = await cluster.masters();
      const links = await nodesWithConnection(masters, 'gyre-pubsub');
      const victim = [...masters].sort((x, y) => (links.get(y) ?? 0) - (links.get(x) ?? 0))[0]!;
      const killedAt = Date.now();
      await cluster.killNode(victim);
      await cluster.waitForFailover(victim);
      const failoverMs = Date.now() - killedAt;
      await sleep(AFTER_FAILOVER_MS);
      await Promise.all(publishers.map((p) => p.stop()));
      const runs = publishers.map((p) => p.run);
      // Judged whether or not everyone caught up: a client missing the last publications is a finding, not a hang.
      await eventually(() => clients.every((cl) => runs.every((r) => cl.last(r.channel) >= Math.max(...r.acked))), CATCH_UP_MS, 'every client up to the last acknowledged publications').catch(() => {});

      const v = judge(clients, runs);
      // Seconds without an acknowledged publication: on the dead master's channels and on the others.
      const longestGap = (rs: ChannelRun[]) => Math.max(...rs.map((r) => Math.max(0, ...r.ackTimes.slice(1).map((at, i) => at - r.ackTimes[i]!)))) / 1000;
      const onVictim = runs.filter((r) => r.master === victim);
      const resumedAt = Math.min(...onVictim.map((r) => r.ackTimes.find((at) => at > killedAt) ?? Infinity));
      const figures = {
        mode,
        publications: runs.reduce((n, r) => n + r.sent, 0),
        acknowledged: runs.reduce((n, r) => n + r.acked.size, 0),
        failovers: 1,
        failover_seconds: failoverMs / 1000,
        dead_master_channels_published_again_after_seconds: (resumedAt - killedAt) / 1000,
        subscriber_links_on_victim: links.get(victim) ?? 0,
        subscriptions: clients.length * channels.length,
        told_not_recovered: v.resets,
        subscriptions_told_not_recovered: v.subscriptionsReset,
        recovered_gaps: clients.reduce((n, cl) => n + [...cl.recoveredGaps.values()].reduce((a, b) => a + b, 0), 0),
        unacknowledged_delivered: v.unackedDelivered,
        seconds_without_publishing_dead_master: longestGap(onVictim),
        seconds_without_publishing_other_masters: longestGap(runs.filter((r) => r.master !== victim)),
        silent_losses: v.silentLosses.length,
        duplicates_or_disorder: v.disorder.length,
      };
      t.diagnostic(`chaos figures ${JSON.stringify(figures)}`);
      assert.deepEqual(v.disorder, [], 'no publication twice or out of order (nothing was sent again)');
      assert.deepEqual(v.silentLosses, [], 'no acknowledged publication missing without the client being told');
      assert.ok(onVictim.every((r) => r.ackTimes.some((at) => at > killedAt + failoverMs)), "the dead master's channels published again after the failover");
      for (const cl of clients) cl.c.disconnect();
      await Promise.all([...servers.map((s) => s.stop()), cluster.restart(victim)]);
    });
  }
});
