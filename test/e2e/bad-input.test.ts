/**
 * Bad input from clients: each gets its documented disconnect code or error,
 * while a well-behaved client on the same server keeps receiving and the
 * server keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeClients, collect, makeClient, rawSocket, token } from '../helpers/clients';
import { eventually, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let server: TestServer;
let received: any[];
/** Every time the bystander lost its connection: it never should, whatever the other clients send. */
let bystanderLost: any[][];
let published = 0;

// Default ping and stale timings here: a test process busy for a second (a 32 MiB flood, a loaded machine) must not
// cost the bystander its connection. The timers themselves are tested on a server of their own below.
before(async () => {
  server = await startServer({ config: { channel: channelConfig, client: { queue_max_size: 262144 } } });
  const bystander = makeClient(server.wsUrl, 'json', { token: token({ sub: 'bystander' }) });
  const sub = bystander.newSubscription('chat:bystander');
  received = collect(sub, 'publication');
  sub.subscribe();
  bystander.connect();
  await sub.ready(3000);
  bystanderLost = [collect(bystander, 'connecting'), collect(bystander, 'disconnected')];
});
after(async () => {
  closeClients();
  await server.stop();
});

/** After each abuse: the bystander, never disconnected, still gets a fresh publication, and /health is 200. */
async function stillServing(): Promise<void> {
  published++;
  await server.api('publish', { channel: 'chat:bystander', data: { n: published } });
  await eventually(() => received.length === published, 3000, 'bystander publication');
  assert.deepEqual(bystanderLost.flat(), [], 'the bystander never lost its connection');
  assert.equal((await fetch(`${server.httpUrl}/health`)).status, 200);
}

/** Resolves with the reply to command `id` on a raw socket (frames may carry several replies, one per line). */
function replyTo(s: ReturnType<typeof rawSocket>, id: number): Promise<any> {
  const find = () => s.messages.flatMap((m) => m.toString().split('\n')).map((l) => JSON.parse(l)).find((r) => r.id === id);
  return eventually(find, 3000, `reply ${id}`);
}

const connectFrame = () => JSON.stringify({ id: 1, connect: { token: token({ sub: 'raw' }) } });

describe('bad input', () => {
  it('a garbage JSON frame → 3501', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send('this is not json {');
    assert.equal((await s.closed).code, 3501);
    await stillServing();
  });

  it('garbage after a good connect → 3501', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send(connectFrame());
    await eventually(() => s.messages.length > 0, 3000, 'connect reply');
    s.send('{"id":2,"subscribe":"not an object"}');
    assert.equal((await s.closed).code, 3501);
    await stillServing();
  });

  it('invalid protobuf → 3501', async () => {
    const s = rawSocket(server.wsUrl, 'centrifuge-protobuf');
    await s.opened;
    assert.equal(s.ws.protocol, 'centrifuge-protobuf');
    s.send(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    assert.equal((await s.closed).code, 3501);
    await stillServing();
  });

  it('a command before connect → 3501', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send('{"id":1,"subscribe":{"channel":"news"}}');
    assert.equal((await s.closed).code, 3501);
    await stillServing();
  });

  it('an oversized frame → 1009', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send(connectFrame());
    s.send(JSON.stringify({ id: 2, publish: { channel: 'chat:x', data: 'x'.repeat(70 * 1024) } }));
    assert.equal((await s.closed).code, 1009);
    await stillServing();
  });

  it('a duplicate subscribe → error 105, connection kept', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send([connectFrame(), '{"id":2,"subscribe":{"channel":"news"}}', '{"id":3,"subscribe":{"channel":"news"}}'].join('\n'));
    assert.deepEqual((await replyTo(s, 2)).subscribe, {});
    assert.equal((await replyTo(s, 3)).error.code, 105);
    // Kept: the same connection still answers what comes after the refused command.
    s.send('{"id":4,"subscribe":{"channel":"news2"}}');
    assert.deepEqual((await replyTo(s, 4)).subscribe, {});
    s.ws.close();
    await stillServing();
  });

  it('a second connect, a command without id, or a missing channel → 3501', async () => {
    for (const second of ['{"id":2,"connect":{}}', '{"publish":{"channel":"news","data":1}}', '{"id":2,"subscribe":{}}', '{"id":2,"history":{"channel":5}}']) {
      const s = rawSocket(server.wsUrl);
      await s.opened;
      s.send(connectFrame());
      await eventually(() => s.messages.length > 0, 3000, 'connect reply');
      s.send(second);
      assert.equal((await s.closed).code, 3501, second);
    }
    await stillServing();
  });
});

describe('client timers', () => {
  // A server of their own with short timers, so only these tests wait on them. The pong timeout is twice the
  // ping interval: a client that answers is never at risk even on a loaded machine, and one that does not is
  // closed within a few seconds.
  let timers: TestServer;
  before(async () => {
    timers = await startServer({ config: { channel: channelConfig, client: { stale_close_delay: 1, ping_interval: 1, pong_timeout: 2 } } });
  });
  after(() => timers?.stop());

  it('a connection that never sends connect is closed as stale (3502)', async () => {
    const s = rawSocket(timers.wsUrl);
    await s.opened;
    assert.equal((await s.closed).code, 3502);
  });

  it('a client that does not answer pings is closed with 3012; clients that answer stay', async () => {
    const sdk = makeClient(timers.wsUrl, 'json', { token: token({ sub: 'pinged' }) });
    sdk.connect();
    await sdk.ready(3000);
    const sdkLost = [collect(sdk, 'connecting'), collect(sdk, 'disconnected')];
    // A raw client that answers every ping (an empty frame) with an empty command, counting them.
    const polite = rawSocket(timers.wsUrl);
    let pings = 0;
    polite.ws.on('message', (m: Buffer) => {
      if (m.toString().split('\n').includes('{}')) {
        pings++;
        polite.send('{}');
      }
    });
    let politeClosed = false;
    void polite.closed.then(() => (politeClosed = true));
    const mute = rawSocket(timers.wsUrl);
    await Promise.all([polite.opened, mute.opened]);
    polite.send(connectFrame());
    mute.send(connectFrame());
    const closed = await mute.closed;
    assert.equal(closed.code, 3012);
    assert.ok(mute.messages.some((m) => m.toString().split('\n').includes('{}')), 'a ping was sent');
    // Pinged again after the silent one was closed: the polite one is still being served, not just not yet closed.
    const seen = pings;
    await eventually(() => pings >= seen + 2, 5000, 'two more pings answered');
    assert.equal(politeClosed, false, 'the raw client that answers stays');
    assert.deepEqual(sdkLost.flat(), [], 'the SDK answered its pings and never lost its connection');
    polite.ws.close();
    sdk.disconnect();
  });

  it('pings come every ping_interval, the first within one; JSON and protobuf SDKs answer and stay', async () => {
    const sdks = (['json', 'protobuf'] as const).map((codec) => makeClient(timers.wsUrl, codec, { token: token({ sub: `beat-${codec}` }) }));
    for (const c of sdks) c.connect();
    await Promise.all(sdks.map((c) => c.ready(3000)));
    const lost = sdks.flatMap((c) => [collect(c, 'connecting'), collect(c, 'disconnected')]);
    const raw = rawSocket(timers.wsUrl);
    const pingsAt: number[] = [];
    raw.ws.on('message', (m: Buffer) => {
      if (!m.toString().split('\n').includes('{}')) return;
      pingsAt.push(performance.now());
      raw.send('{}');
    });
    await raw.opened;
    const connectedAt = performance.now();
    raw.send(connectFrame());
    await eventually(() => pingsAt.length >= 5, 10_000, 'five pings');
    // ping_interval is 1 s: the first ping comes at a random point of the first second, then one a second.
    assert.ok(pingsAt[0]! - connectedAt < 1000 + 500, `first ping ${pingsAt[0]! - connectedAt} ms after connect`);
    const gaps = pingsAt.slice(1, 5).map((t, i) => t - pingsAt[i]!);
    for (const gap of gaps) assert.ok(gap > 800, `pings ${gaps.join(', ')} ms apart: none early`);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    assert.ok(mean < 1300, `pings ${gaps.join(', ')} ms apart: on average about the interval`);
    assert.deepEqual(lost.flat(), [], 'both SDKs answered their pings and kept their connections');
    raw.ws.close();
    for (const c of sdks) c.disconnect();
  });
});

describe('slow clients', () => {
  it('a client that stops reading is closed with 3008 instead of growing memory; others are unaffected', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send([connectFrame(), '{"id":2,"subscribe":{"channel":"flood"}}'].join('\n'));
    await eventually(() => s.messages.join('\n').includes('"id":2'), 3000, 'subscribed');
    const socket = (s.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const big = 'x'.repeat(16 * 1024);
    // 32 MiB in all: far more than loopback socket buffers absorb, so the server-side backlog must grow.
    for (let i = 0; i < 16; i++) {
      await server.api('batch', { commands: Array.from({ length: 128 }, () => ({ publish: { channel: 'flood', data: big } })) });
    }
    socket.resume();
    assert.equal((await s.closed).code, 3008);
    await stillServing();
  });
});

describe('origin check', () => {
  it('refuses browser origins other than the server\'s own when none are configured', async () => {
    const evil = rawSocket(server.wsUrl, undefined, { Origin: 'https://evil.example' });
    await assert.rejects(evil.opened, /403/);
    const own = rawSocket(server.wsUrl, undefined, { Origin: `http://127.0.0.1:${server.port}` });
    await own.opened;
    own.ws.close();
  });

  it('admits configured origins and refuses others', async () => {
    const s2 = await startServer({ config: { client: { allowed_origins: ['https://app.example', 'https://*.trusted.example'] } } });
    try {
      const ok = rawSocket(s2.wsUrl, undefined, { Origin: 'https://app.example' });
      await ok.opened;
      ok.ws.close();
      const sub = rawSocket(s2.wsUrl, undefined, { Origin: 'https://x.trusted.example' });
      await sub.opened;
      sub.ws.close();
      const bad = rawSocket(s2.wsUrl, undefined, { Origin: 'https://app.example.evil' });
      await assert.rejects(bad.opened, /403/);
      const none = rawSocket(s2.wsUrl);
      await none.opened;
      none.ws.close();
    } finally {
      await s2.stop();
    }
  });
});
