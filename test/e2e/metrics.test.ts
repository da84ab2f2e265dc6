/**
 * /metrics over two workers on the Redis engine: one scrape sees the whole
 * server (counts summed across workers, API durations moving with traffic),
 * a stopped worker does not fail the scrape, and metrics off is a 404 that says so.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { closeClients, collect, makeClient, nextEvent, token } from '../helpers/clients';
import { samples, sum } from '../helpers/metrics';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, type TestServer, within, workersServing } from '../helpers/server';
import { channelConfig } from './fixtures';

let redis: TestRedis;
let server: TestServer;

before(async () => {
  redis = await startRedis();
  // Counting over two workers needs clients on both: with workers accepting for themselves a few clients in a row
  // may all land on one, so the primary hands them out in turn here, once both workers listen.
  server = await startServer({
    config: { engine: 'redis', workers: 2, redis: { url: redis.url }, channel: channelConfig, metrics: { enabled: true }, log: { level: 'info' } },
    env: { NODE_CLUSTER_SCHED_POLICY: 'rr' },
  });
  await workersServing(server, 2);
});
after(async () => {
  closeClients();
  for (const pid of workerPids()) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      /* gone */
    }
  }
  await server?.stop();
  await redis?.stop();
});

/** The server's worker processes: children of the primary, from /proc. */
function workerPids(): number[] {
  const primary = server?.proc.pid;
  if (!primary) return [];
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === primary;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function scrape(timeoutMs = 5000): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text() };
}

describe('/metrics', () => {
  it('is valid exposition: each family declared once, every sample numeric and declared', async () => {
    const { status, text } = await scrape();
    assert.equal(status, 200);
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    const names = types.map((l) => l.split(' ')[2]!);
    assert.equal(new Set(names).size, names.length, 'no family declared twice');
    for (const [series, value] of samples(text)) {
      assert.ok(!Number.isNaN(value), series);
      const name = series.split('{')[0]!;
      assert.ok(names.some((n) => name === n || name.startsWith(`${n}_`)), `${name} belongs to a declared family`);
    }
    for (const f of ['gyre_node_num_clients', 'gyre_node_num_users', 'gyre_node_num_channels', 'gyre_node_num_subscriptions', 'gyre_node_build_info', 'gyre_metrics_workers_missing']) {
      assert.ok(names.includes(f), f);
    }
    assert.equal(samples(text).get('gyre_metrics_workers_missing'), 0);
    // Runtime figures stay per worker: both workers' series are there.
    assert.ok(samples(text).has('process_resident_memory_bytes{worker="0"}') && samples(text).has('process_resident_memory_bytes{worker="1"}'), text);
  });

  it('counts clients on both workers and API commands as traffic flows', async () => {
    const clients = Array.from({ length: 4 }, (_, i) => makeClient(server.wsUrl, 'json', { token: token({ sub: `m${i}` }) }));
    for (const c of clients) {
      const connected = nextEvent(c, 'connected');
      c.connect();
      await connected;
    }
    const sub = clients[0]!.newSubscription('metrics-room');
    const subscribed = nextEvent(sub, 'subscribed');
    sub.subscribe();
    await subscribed;
    // Both workers hold some of the clients (the info API lists each worker's count).
    await eventually(async () => (await server.api('info')).result.nodes.filter((n: { num_clients: number }) => n.num_clients > 0).length === 2, 8000, 'clients on both workers');

    // A client command refused (publishing to a channel it may not publish to) is a reply error.
    await assert.rejects(clients[1]!.publish('metrics-room', { no: true }));
    const before = sum(samples((await scrape()).text), 'gyre_api_command_duration_seconds_count');
    const got = nextEvent(sub, 'publication');
    for (let i = 0; i < 5; i++) assert.deepEqual((await server.api('publish', { channel: 'metrics-room', data: { i } })).result, {});
    await got;
    await server.api('publish', { channel: '', data: {} }); // refused: counted as an error

    const s = (await eventually(async () => {
      const now = samples((await scrape()).text);
      return now.get('gyre_node_num_clients') === 4 ? now : undefined;
    }, 8000, 'four clients counted over two workers'))!;
    assert.equal(s.get('gyre_node_num_users'), 4);
    assert.ok((s.get('gyre_node_num_subscriptions') ?? 0) >= 1);
    assert.equal(sum(s, 'gyre_client_connections_total'), 4);
    assert.equal(s.get('gyre_client_connections_total{transport="websocket",protocol="json"}'), 4);
    // The scrapes' own info call aside, 6 publishes more (5 good, 1 refused) than before.
    assert.ok(sum(s, 'gyre_api_command_duration_seconds_count{method="publish"') >= 6);
    assert.ok(sum(s, 'gyre_api_command_duration_seconds_count') >= before + 6);
    assert.ok([...s.keys()].some((k) => k.startsWith('gyre_api_errors_total{method="publish",code="107"}')), [...s.keys()].filter((k) => k.startsWith('gyre_api_errors')).join());
    assert.equal(s.get('gyre_node_build_info{version="0.1.0"}'), 1);
    assert.equal(s.get('gyre_client_command_duration_seconds_count{method="connect"}'), 4);
    assert.equal(s.get('gyre_client_command_duration_seconds_count{method="subscribe"}'), 1);
    assert.equal(sum(s, 'gyre_client_reply_errors_total{method="publish"'), 1);
    // Protocol messages, by transport and type.
    assert.ok((s.get('gyre_transport_messages_sent_total{transport="websocket",type="publication"}') ?? 0) >= 5);
    assert.ok((s.get('gyre_transport_messages_sent_total{transport="websocket",type="reply"}') ?? 0) >= 5, 'connect and subscribe replies');
    assert.equal(s.get('gyre_transport_messages_received_total{transport="websocket",type="connect"}'), 4);
    assert.equal(s.get('gyre_transport_messages_received_total{transport="websocket",type="subscribe"}'), 1);
    assert.ok((s.get('gyre_transport_messages_sent_bytes_total{transport="websocket"}') ?? 0) > 0);
    assert.ok((s.get('gyre_transport_messages_received_bytes_total{transport="websocket"}') ?? 0) > 0);

    // 100 publications in one API batch reach the one subscriber in a few coalesced frames: counted as 100 messages.
    const pubsBefore = s.get('gyre_transport_messages_sent_total{transport="websocket",type="publication"}')!;
    let received = 0;
    const all = new Promise<void>((resolve) => sub.on('publication', () => ++received === 100 && resolve()));
    const commands = Array.from({ length: 100 }, (_, i) => ({ publish: { channel: 'metrics-room', data: { n: i } } }));
    const batch = await server.api('batch', { commands });
    assert.equal(batch.result.replies.length, 100, JSON.stringify(batch).slice(0, 300));
    await within(all, 10_000, '100 publications');
    await eventually(
      async () => samples((await scrape()).text).get('gyre_transport_messages_sent_total{transport="websocket",type="publication"}') === pubsBefore + 100,
      8000,
      'exactly 100 more publications counted',
    );

    for (const c of clients) c.disconnect();
    await eventually(async () => sum(samples((await scrape()).text), 'gyre_client_disconnects_total') >= 4, 8000, 'disconnects counted');
  });

  it('reports the Redis queues: depth, lag, applied, dead letters, and API commands from source redis', async () => {
    const r = new Redis(redis.url);
    try {
      await r.lpush(
        'gyre.api',
        JSON.stringify({ method: 'publish', params: { channel: 'metrics-q', data: { n: 1 } } }),
        JSON.stringify({ method: 'publish', params: { channel: 'metrics-q', data: { n: 2 } } }),
        JSON.stringify({ method: 'broadcast', params: { channels: ['metrics-q', 'metrics-r'], data: { n: 3 } } }),
        'not json at all',
      );
      const s = (await eventually(async () => {
        const now = samples((await scrape()).text);
        return sum(now, 'gyre_ingest_applied_total') >= 3 && sum(now, 'gyre_ingest_dead_letters_total') >= 1 ? now : undefined;
      }, 15000, 'queue figures in /metrics'))!;
      assert.ok([...s.keys()].some((k) => k.startsWith('gyre_ingest_queue_depth{queue=')), 'depth per queue');
      assert.ok((s.get('gyre_api_command_duration_seconds_count{method="broadcast",source="redis"}') ?? 0) >= 1, 'queued API commands counted with source redis');
    } finally {
      r.disconnect();
    }
  });

  it('counts broker publications from every road, engine command errors, and pub/sub reconnects of each worker', async () => {
    const r = new Redis(redis.url);
    try {
      const before = samples((await scrape()).text);
      const published = () => sum(before, 'gyre_broker_publications_total');
      for (let i = 0; i < 5; i++) assert.ok((await server.api('publish', { channel: 'metrics-b', data: { i } })).result);
      // Three through a Redis queue: applied by the ingestion's Lua runs, not through the node's publish.
      await r.lpush('gyre.api', ...[1, 2, 3].map((n) => JSON.stringify({ method: 'publish', params: { channel: 'metrics-b', data: { n } } })));
      await eventually(async () => sum(samples((await scrape()).text), 'gyre_broker_publications_total') === published() + 8, 10_000, '8 more publications');

      // A channel whose history key Redis cannot use: the publish fails in Redis (100, temporary) and is counted.
      await r.set('gyre.stream.{chat:metrics-broken}', 'not a stream');
      await r.hset('gyre.meta.{chat:metrics-broken}', 'e', 'ep', 's', 1);
      assert.equal((await server.api('publish', { channel: 'chat:metrics-broken', data: {} })).error.code, 100);
      const errs = samples((await scrape()).text);
      // Counted on the channel's shard (the only one here).
      const publishErrors = 'gyre_broker_command_errors_total{op="publish",shard="0"}';
      assert.equal((errs.get(publishErrors) ?? 0) - (before.get(publishErrors) ?? 0), 1);

      // Redis drops every pub/sub connection: each worker reconnects, resubscribes and counts it.
      const reconnects = sum(errs, 'gyre_broker_redis_pub_sub_reconnects_total');
      await r.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      await eventually(async () => sum(samples((await scrape()).text), 'gyre_broker_redis_pub_sub_reconnects_total{shard="0"}') >= reconnects + 2, 15_000, 'both workers reconnected');
    } finally {
      r.disconnect();
    }
  });

  it('keeps answering while Redis is down, and counts the control commands that could not reach the other nodes', async () => {
    const own = await startRedis();
    const alone = await startServer({ config: { engine: 'redis', workers: 1, redis: { url: own.url }, channel: channelConfig, metrics: { enabled: true } } });
    try {
      await own.stop();
      await eventually(async () => (await fetch(`${alone.httpUrl}/health`)).status === 503, 10_000, 'health 503 without Redis');
      const answer = await alone.api('disconnect', { user: 'anyone' });
      assert.equal(answer.error.code, 100, 'temporary');
      const s = samples(await (await fetch(`${alone.httpUrl}/metrics`)).text());
      assert.equal(s.get('gyre_broker_command_errors_total{op="control",shard="0"}'), 1);
      assert.equal(s.get('gyre_api_errors_total{method="disconnect",code="100"}'), 1);
    } finally {
      await alone.stop();
    }
  });

  it('counts recoveries by outcome', async () => {
    const ch = 'chat:metrics-recover';
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'rec' }) });
    const sub = c.newSubscription(ch);
    const subscribed = collect(sub, 'subscribed');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);
    await server.api('publish', { channel: ch, data: { i: 1 } });
    c.disconnect();
    await server.api('publish', { channel: ch, data: { i: 2 } });
    c.connect();
    await eventually(() => subscribed.length === 2, 5000, 'resubscribed');
    assert.equal(subscribed[1].recovered, true);
    await eventually(async () => samples((await scrape()).text).get('gyre_client_recover_total{recovered="true"}') === 1, 8000, 'one recovery counted');
    c.disconnect();
  });

  it('the Grafana dashboard queries only families the server exposes', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../deploy/grafana/gyre-dashboard.json'), 'utf8'));
    const declared = new Set(
      (await scrape()).text
        .split('\n')
        .filter((l) => l.startsWith('# TYPE '))
        .map((l) => l.split(' ')[2]!),
    );
    const used = new Set<string>();
    for (const panel of dashboard.panels) for (const t of panel.targets) for (const m of String(t.expr).matchAll(/\b(?:gyre|nodejs|process)_\w+/g)) used.add(m[0]);
    assert.ok(used.size >= 10, [...used].join());
    for (const name of used) {
      const family = name.replace(/_(bucket|count|sum)$/, '');
      assert.ok(declared.has(name) || declared.has(family), `${name} is exposed`);
    }
  });

  it('serves the rest when a worker is stopped (SIGSTOP), and says one is missing', async () => {
    const pids = workerPids();
    assert.equal(pids.length, 2, `two workers: ${pids}`);
    process.kill(pids[0]!, 'SIGSTOP');
    try {
      // The stopped worker may be handed the request itself; the live one answers the next.
      const answered = await eventually(async () => {
        try {
          const r = await scrape(4000);
          return r.status === 200 ? r.text : null;
        } catch {
          return null;
        }
      }, 20000, 'a scrape answered by the live worker');
      const s = samples(answered!);
      assert.equal(s.get('gyre_metrics_workers_missing'), 1);
      assert.ok(s.has('gyre_node_num_clients'));
    } finally {
      process.kill(pids[0]!, 'SIGCONT');
    }
    await eventually(async () => samples((await scrape()).text).get('gyre_metrics_workers_missing') === 0, 8000, 'both back');
  });

  it('times calls to the application backend and counts the failed ones', async () => {
    let fail = false;
    const backend = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
        res.end(fail ? 'down' : JSON.stringify({ result: { user: 'proxied' } }));
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const proxied = await startServer({ config: { workers: 1, metrics: { enabled: true }, proxy: { connect_endpoint: `http://127.0.0.1:${(backend.address() as { port: number }).port}/connect` } } });
    try {
      const c = makeClient(proxied.wsUrl, 'json');
      c.connect();
      await nextEvent(c, 'connected');
      c.disconnect();
      fail = true;
      const c2 = makeClient(proxied.wsUrl, 'json');
      c2.connect();
      assert.equal((await nextEvent(c2, 'error')).error.code, 100, 'a backend answering 500 is a temporary error');
      c2.disconnect();
      const s = samples(await (await fetch(`${proxied.httpUrl}/metrics`)).text());
      assert.ok((s.get('gyre_proxy_duration_seconds_count{type="connect"}') ?? 0) >= 2);
      assert.ok((s.get('gyre_proxy_errors_total{type="connect"}') ?? 0) >= 1);
      assert.equal(s.get('gyre_proxy_inflight_requests'), 0);
    } finally {
      await proxied.stop();
      backend.close();
    }
  });

  it('refuses anything but GET with a JSON error', async () => {
    const res = await fetch(`${server.httpUrl}/metrics`, { method: 'POST' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.equal(((await res.json()) as any).error.code, 104);
  });

  it('is 404 when metrics.enabled is off (the default), saying so and how to turn it on', async () => {
    const plain = await startServer();
    try {
      const res = await fetch(`${plain.httpUrl}/metrics`);
      assert.equal(res.status, 404);
      const { error } = (await res.json()) as { error: { code: number; message: string } };
      assert.equal(error.code, 104);
      assert.match(error.message, /^metrics are disabled: set metrics\.enabled to true \(GYRE_METRICS_ENABLED=true\)/);
    } finally {
      await plain.stop();
    }
  });
});
