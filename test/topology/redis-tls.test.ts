/**
 * Redis over TLS, end to end: rediss://, rediss+cluster:// and
 * rediss+sentinel:// against real redis-servers that listen with TLS only
 * (no plain port at all, so nothing but TLS can reach them), with the test
 * certificates of test/fixtures/tls. A Gyre server trusting the test CA
 * through NODE_EXTRA_CA_CERTS becomes healthy, and a centrifuge-js client
 * gets an API publication live and from history; one that does not trust
 * the CA stays unhealthy and says why in one warning — the certificate is
 * verified, never accepted blindly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { channelsOnEveryMaster } from '../helpers/cluster-gyre';
import { closeClients, decode, makeClient, nextEvent, token } from '../helpers/clients';
import { atLeast } from '../helpers/logs';
import { startRedis, type TestRedis } from '../helpers/redis';
import { command } from '../helpers/redis-node';
import { TLS_FILES } from '../helpers/redis-tls';
import { startCluster, startSentinelGroup } from '../helpers/redis-topology';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from '../e2e/fixtures';

/** The environment that makes Gyre trust the test CA, as the README tells operators of a private CA. */
const TRUST_TEST_CA = { NODE_EXTRA_CA_CERTS: TLS_FILES.ca };

const servers: TestServer[] = [];
after(async () => {
  closeClients();
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
});

async function gyre(url: string, env: Record<string, string>, opts: { listening?: boolean } = {}): Promise<TestServer> {
  const server = await startServer({ config: { engine: 'redis', redis: { url, prefix: 'tls' }, workers: 1, channel: channelConfig }, env, ...opts });
  servers.push(server);
  return server;
}

/** A client subscribed to every channel gets an API publication on each, and history returns it. */
async function publishAndRead(server: TestServer, channels: string[]): Promise<void> {
  const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'tls-user' }) });
  const subs = channels.map((ch) => c.newSubscription(ch));
  for (const s of subs) s.subscribe();
  c.connect();
  await Promise.all(subs.map((s) => s.ready(10_000)));
  for (const [i, ch] of channels.entries()) {
    const data = { over: 'tls', n: i };
    const got = nextEvent(subs[i]!, 'publication', 10_000);
    const published = await server.api('publish', { channel: ch, data });
    assert.ok(published.result, `${ch}: publish answered ${JSON.stringify(published)}`);
    assert.deepEqual(decode('json', (await got).data), data, `${ch}: the publication reached the client`);
    const history = await server.api('history', { channel: ch, limit: 10 });
    assert.deepEqual(
      history.result?.publications?.map((p: { data: unknown }) => p.data),
      [data],
      `${ch}: history ${JSON.stringify(history)}`,
    );
  }
  c.disconnect();
}

/** The server's log lines at warn or above, and whatever it printed that is not a log line. */
function complaints(server: TestServer): string[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '' && (!l.startsWith('{') || atLeast(JSON.parse(l), 'warn')));
}

/**
 * A healthy server has nothing to complain about: no warning, and nothing printed outside the log — where
 * ioredis prints an error of a connection nobody listens to, such as a failover detector's to a Sentinel
 * address it cannot use (connection.ts). Checked after a moment, as those connections are opened in the background.
 */
async function quiet(server: TestServer): Promise<void> {
  await sleep(1000);
  assert.deepEqual(complaints(server), []);
}

/** Proof that a data node has no plain port: whatever reached it used TLS. */
async function tlsOnly(port: number): Promise<void> {
  assert.deepEqual(await command(port, 'CONFIG', 'GET', 'port'), ['port', '0'], `node ${port} has no plain port`);
}

describe('a single Redis over TLS (rediss://)', () => {
  let redis: TestRedis;
  before(async () => {
    redis = await startRedis({ tls: true });
  });
  after(() => redis?.stop());

  it('Gyre trusting the CA becomes healthy; a client gets a publication live and from history', async () => {
    await tlsOnly(redis.port);
    assert.match(redis.url, /^rediss:\/\/127\.0\.0\.1:\d+$/);
    const server = await gyre(redis.url, TRUST_TEST_CA);
    await publishAndRead(server, ['chat:tls-single']);
    await quiet(server);
  });

  it('Gyre without the CA stays unhealthy and says why in one warning: the certificate is verified', async () => {
    const server = await gyre(redis.url, {}, { listening: true });
    const health = async () => (await fetch(`${server.httpUrl}/health`)).status;
    await eventually(async () => complaints(server).length > 0 || (await health()) === 200, 10_000, 'a warning (or health)');
    // Several reconnect attempts (backoff up to 2 s), each refused the same way: still one warning, still 503.
    await sleep(4000);
    assert.equal(await health(), 503, 'unhealthy: a certificate that does not verify is refused');
    const lines = complaints(server);
    assert.equal(lines.length, 1, lines.join('\n'));
    const warning = JSON.parse(lines[0]!);
    assert.match(warning.msg, /^redis failing/);
    assert.match(warning.err, /certificate/, `the warning names the certificate: ${lines[0]}`);
  });
});

describe('a Redis Cluster over TLS (rediss+cluster://), 3 masters', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  before(async () => {
    cluster = await startCluster({ masters: 3, replicas: 0, tls: true });
  });
  after(() => cluster?.stop());

  it('Gyre given one seed reaches every master over TLS; a client gets publications on channels of each', async () => {
    for (const port of cluster.ports) await tlsOnly(port);
    // One seed only: the other masters are found in its slot map, and must be reached with TLS as well.
    const url = `rediss+cluster://127.0.0.1:${cluster.ports[0]}`;
    const channels = await channelsOnEveryMaster(cluster, 'chat', 'tls', 1);
    assert.equal(new Set(channels.map((c) => c.master)).size, 3, 'a channel on each master');
    const server = await gyre(url, TRUST_TEST_CA);
    await publishAndRead(server, channels.map((c) => c.channel));
    await quiet(server);
  });
});

describe('a Sentinel group with TLS data nodes (rediss+sentinel://)', () => {
  let group: Awaited<ReturnType<typeof startSentinelGroup>>;
  before(async () => {
    group = await startSentinelGroup({ tls: true });
  });
  after(() => group?.stop());

  it('Gyre asks the Sentinels without TLS and reaches the master with TLS; a client gets a publication', async () => {
    // The data nodes speak only TLS; the Sentinels of the URL only plain (their TLS ports are for each other).
    for (const port of group.dataPorts) await tlsOnly(port);
    assert.match(group.url, /^rediss\+sentinel:\/\//);
    const server = await gyre(group.url, TRUST_TEST_CA);
    await publishAndRead(server, ['chat:tls-sentinel']);
    await quiet(server);
  });
});
