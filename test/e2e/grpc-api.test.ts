/**
 * The GRPC server API with a real GRPC client built from proto/api.proto
 * (grpc-js + proto-loader, as a backend would from Centrifugo's schema): key
 * checks, errors in the response message as HTTP gives them (or as GRPC
 * statuses in transport error mode), the batch limit, publications reaching
 * centrifuge-js, history, presence, TLS, and every worker of a Redis-engine
 * server serving it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import { closeClients, collect, makeClient, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { TLS_FILES } from '../helpers/redis-tls';
import { API_KEY, eventually, freePort, startServer, type TestServer, workersServing } from '../helpers/server';
import { channelConfig } from './fixtures';

const GRPC_KEY = 'grpc-test-key';
const MAX_BATCH = 5;
const MAX_BODY = 64 * 1024;
const PROTO = path.resolve(__dirname, '../../../proto/api.proto');
const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true });
const CentrifugoApi = (grpc.loadPackageDefinition(definition) as any).centrifugal.centrifugo.api.CentrifugoApi as grpc.ServiceClientConstructor;

const clients: grpc.Client[] = [];

/**
 * A client of its own connection: grpc-js shares connections between clients of one target unless told not
 * to, and the multi-worker test needs one connection per client.
 */
function grpcClient(port: number, credentials = grpc.credentials.createInsecure(), options: grpc.ChannelOptions = {}): any {
  const c = new CentrifugoApi(`127.0.0.1:${port}`, credentials, { 'grpc.use_local_subchannel_pool': 1, ...options });
  clients.push(c);
  return c;
}

/** One unary call with `authorization: apikey KEY` (none when key is null) and any other metadata; rejects with the GRPC error. */
function call(client: any, rpc: string, request: object, key: string | null = GRPC_KEY, extra: Record<string, string> = {}): Promise<any> {
  const md = new grpc.Metadata();
  if (key !== null) md.set('authorization', `apikey ${key}`);
  for (const [k, v] of Object.entries(extra)) md.set(k, v);
  return new Promise((resolve, reject) => {
    client[rpc](request, md, { deadline: Date.now() + 10_000 }, (err: grpc.ServiceError | null, res: any) => (err ? reject(err) : resolve(res)));
  });
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

const TRANSPORT = { 'x-centrifugo-error-mode': 'transport' };
/** A call in transport error mode. */
const transportCall = (client: any, rpc: string, request: object) => call(client, rpc, request, GRPC_KEY, TRANSPORT);

/** google.rpc.Status and Any, declared here to read `grpc-status-details-bin`; the attached error is read with proto/api.proto's own Error. */
const rich = protobuf.parse('syntax = "proto3"; message Any { string type_url = 1; bytes value = 2; } message Status { int32 code = 1; string message = 2; repeated Any details = 3; }', { keepCase: true }).root;
const ApiError = protobuf.loadSync(PROTO).lookupType('centrifugal.centrifugo.api.Error');

/** Checks a transport-mode failure: its status, details, and the server API error attached as status details; returns that error. */
function assertTransportError(err: grpc.ServiceError, status: grpc.status, code: number): { code: number; message: string } {
  assert.equal(err.code, status, `${grpc.status[err.code]}: ${err.details}`);
  const raw = err.metadata.get('grpc-status-details-bin')[0];
  assert.ok(Buffer.isBuffer(raw), 'status details attached');
  const st = rich.lookupType('Status').toObject(rich.lookupType('Status').decode(raw), { defaults: true }) as any;
  assert.equal(st.code, status);
  assert.equal(st.message, err.details);
  assert.equal(st.details.length, 1);
  assert.equal(st.details[0].type_url, 'type.googleapis.com/centrifugal.centrifugo.api.Error');
  const error = ApiError.toObject(ApiError.decode(st.details[0].value)) as { code: number; message: string };
  assert.equal(error.code, code);
  assert.equal(error.message, err.details);
  return error;
}

/** The GRPC error of a call expected to fail. */
async function failure(p: Promise<unknown>): Promise<grpc.ServiceError> {
  try {
    await p;
  } catch (err) {
    return err as grpc.ServiceError;
  }
  assert.fail('the call succeeded');
}

const config = (grpcPort: number, extra: Record<string, unknown> = {}) => ({
  api: { max_batch_size: MAX_BATCH, max_body_size: MAX_BODY },
  grpc_api: { enabled: true, port: grpcPort, key: GRPC_KEY },
  channel: { ...channelConfig, namespaces: [...channelConfig.namespaces, { name: 'bin', publication_data_format: 'binary', history_size: 10, history_ttl: 300 }] },
  ...extra,
});

after(() => {
  for (const c of clients) c.close();
  closeClients();
});

describe('GRPC API on the memory engine', () => {
  let server: TestServer;
  let grpcPort: number;
  let api: any;

  before(async () => {
    grpcPort = await freePort();
    server = await startServer({ config: config(grpcPort) });
    api = grpcClient(grpcPort);
  });
  after(async () => {
    await server?.stop();
  });

  it('refuses a missing or wrong key with UNAUTHENTICATED', async () => {
    await assert.rejects(call(api, 'Info', {}, null), (err: grpc.ServiceError) => err.code === grpc.status.UNAUTHENTICATED);
    await assert.rejects(call(api, 'Info', {}, 'wrong'), (err: grpc.ServiceError) => err.code === grpc.status.UNAUTHENTICATED);
    // The HTTP API's key is not the GRPC API's.
    await assert.rejects(call(api, 'Publish', { channel: 'chat:x', data: json(1) }, 'test-api-key'), (err: grpc.ServiceError) => err.code === grpc.status.UNAUTHENTICATED);
    // The key is checked before the message is read: an oversized one is still just unauthenticated.
    const big = { channel: 'chat:x', data: json('x'.repeat(MAX_BODY)) };
    await assert.rejects(call(api, 'Publish', big, 'wrong'), (err: grpc.ServiceError) => err.code === grpc.status.UNAUTHENTICATED);
    // With the key, a message over api.max_body_size is refused as an HTTP body over it is.
    await assert.rejects(call(api, 'Publish', big), (err: grpc.ServiceError) => err.code === grpc.status.RESOURCE_EXHAUSTED);
    const ok = await call(api, 'Info', {});
    assert.equal(ok.error, undefined);
    assert.equal(ok.result.nodes.length, 1);
    assert.ok(ok.result.nodes[0].version);
  });

  it('answers a malformed request with the error HTTP gives, in the response message', async () => {
    const viaGrpc = await call(api, 'Publish', { data: json({ a: 1 }) });
    const viaHttp = await server.api('publish', { data: { a: 1 } });
    assert.equal(viaGrpc.error.code, 107);
    assert.deepEqual(viaGrpc.error, { code: viaHttp.error.code, message: viaHttp.error.message });
    assert.equal(viaGrpc.result, undefined);
    const noData = await call(api, 'Publish', { channel: 'chat:x' });
    assert.equal(noData.error.code, 107);
    const unknownNs = await call(api, 'Publish', { channel: 'nowhere:x', data: json(1) });
    assert.equal(unknownNs.error.code, 102);
    const notJson = await call(api, 'Publish', { channel: 'chat:x', data: Buffer.from('not json') });
    const notJsonHttp = await server.api('publish', { channel: 'chat:x', b64data: Buffer.from('not json').toString('base64') });
    assert.deepEqual(notJson.error, { code: notJsonHttp.error.code, message: notJsonHttp.error.message });
  });

  it('answers RPCs Gyre has no method for with 104, not UNIMPLEMENTED', async () => {
    for (const rpc of ['RPC', 'Connections', 'UpdateUserStatus', 'MapPublish']) {
      const r = await call(api, rpc, {});
      assert.equal(r.error?.code, 104, rpc);
    }
  });

  it('refuses a batch over api.max_batch_size whole, runs one within it', async () => {
    const publish = (i: number) => ({ publish: { channel: 'chat:batch', data: json({ i }) } });
    const over = Array.from({ length: MAX_BATCH + 1 }, (_, i) => publish(i));
    await assert.rejects(call(api, 'Batch', { commands: over }), (err: grpc.ServiceError) => err.code === grpc.status.INVALID_ARGUMENT && /api\.max_batch_size/.test(err.details));
    const overHttp = await fetch(`${server.httpUrl}/api/batch`, { method: 'POST', headers: { 'x-api-key': 'test-api-key' }, body: JSON.stringify({ commands: over }) });
    assert.equal(overHttp.status, 400);
    const history = await call(api, 'History', { channel: 'chat:batch', limit: -1 });
    assert.equal(history.result.publications, undefined, 'nothing of a refused batch ran');

    const broadcast = await call(api, 'Broadcast', { channels: Array.from({ length: MAX_BATCH + 1 }, (_, i) => `chat:b${i}`), data: json(1) });
    assert.equal(broadcast.error.code, 107, 'a broadcast over the limit is refused in its message');

    const r = await call(api, 'Batch', { commands: [publish(1), { connections: {} }, {}, { presence_stats: { channel: 'chat:batch' } }, publish(2)] });
    assert.equal(r.replies.length, 5);
    assert.equal(r.replies[0].publish.offset, 1);
    assert.equal(r.replies[1].error.code, 104);
    assert.equal(r.replies[2].error.code, 107, 'a command of no method is refused in its place');
    assert.equal(r.replies[3].presence_stats.num_clients ?? 0, 0, 'zero, sent or left out');
    assert.equal(r.replies[4].publish.offset, 2);
    assert.deepEqual(await call(api, 'Batch', {}), {});
  });

  it('delivers a publish to a centrifuge-js subscriber and returns it from history', async () => {
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'alice', info: { name: 'Alice' } }) });
    const sub = c.newSubscription('chat:grpc');
    const pubs = collect(sub, 'publication');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);

    const r = await call(api, 'Publish', { channel: 'chat:grpc', data: json({ text: 'hi' }), tags: { k: 'v' }, idempotency_key: 'g-1' });
    assert.equal(r.error, undefined);
    assert.equal(r.result.offset, 1);
    assert.equal(typeof r.result.epoch, 'string');
    const again = await call(api, 'Publish', { channel: 'chat:grpc', data: json({ text: 'hi' }), idempotency_key: 'g-1' });
    assert.deepEqual(again.result, r.result, 'idempotency key honoured');
    // b64data, as Centrifugo's schema also allows, wins over data.
    await call(api, 'Publish', { channel: 'chat:grpc', data: json('ignored'), b64data: json({ text: 'b64' }).toString('base64') });
    await eventually(() => pubs.length === 2, 5000, 'two publications');
    assert.deepEqual(pubs.map((p) => p.data), [{ text: 'hi' }, { text: 'b64' }]);
    assert.deepEqual(pubs[0].tags, { k: 'v' });

    const h = await call(api, 'History', { channel: 'chat:grpc', limit: 10 });
    assert.equal(h.result.epoch, r.result.epoch);
    assert.equal(h.result.offset, 2);
    assert.deepEqual(h.result.publications.map((p: any) => JSON.parse(p.data.toString())), [{ text: 'hi' }, { text: 'b64' }]);
    assert.deepEqual(h.result.publications[0].tags, { k: 'v' });
    assert.deepEqual(h.result.publications.map((p: any) => p.offset), [1, 2]);
    const since = await call(api, 'History', { channel: 'chat:grpc', limit: 10, since: { offset: 1, epoch: r.result.epoch } });
    assert.deepEqual(since.result.publications.map((p: any) => p.offset), [2]);
    const stale = await call(api, 'History', { channel: 'chat:grpc', limit: 10, since: { offset: 1, epoch: 'other' } });
    assert.equal(stale.error.code, 112);
  });

  it('keeps binary payloads byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    assert.equal((await call(api, 'Publish', { channel: 'bin:x', data: bytes })).result.offset, 1);
    const h = await call(api, 'History', { channel: 'bin:x', limit: 10 });
    assert.deepEqual(h.result.publications[0].data, bytes);
  });

  it('presence, presence stats, channels, subscribe and disconnect reach connected clients', async () => {
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'bob', info: { name: 'Bob' } }) });
    const sub = c.newSubscription('chat:pres');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);
    const p = await call(api, 'Presence', { channel: 'chat:pres' });
    const entries = Object.values(p.result.presence) as any[];
    assert.equal(entries.length, 1);
    assert.equal(entries[0].user, 'bob');
    assert.deepEqual(JSON.parse(entries[0].conn_info.toString()), { name: 'Bob' });
    assert.deepEqual((await call(api, 'PresenceStats', { channel: 'chat:pres' })).result, { num_clients: 1, num_users: 1 });
    assert.deepEqual((await call(api, 'Channels', { pattern: 'chat:pr*' })).result.channels, { 'chat:pres': { num_clients: 1 } });

    const serverSubs = collect(c, 'subscribed');
    assert.deepEqual(await call(api, 'Subscribe', { user: 'bob', channel: 'chat:server-side', data: json({ hello: 1 }) }), { result: {} });
    await eventually(() => serverSubs.some((s) => s.channel === 'chat:server-side'), 5000, 'server-side subscription');
    assert.deepEqual(serverSubs.find((s) => s.channel === 'chat:server-side').data, { hello: 1 });

    const disconnected = new Promise<any>((resolve) => c.on('disconnected', resolve));
    assert.deepEqual(await call(api, 'Disconnect', { user: 'bob', disconnect: { code: 4500, reason: 'bye' } }), { result: {} });
    assert.equal((await disconnected).code, 4500);
    const bad = await call(api, 'Disconnect', { user: 'bob', disconnect: { code: 1, reason: 'x' } });
    assert.equal(bad.error.code, 107);
  });

  it('transport error mode: a failure ends with the mapped status, its error in the details', async () => {
    const unknown = assertTransportError(await failure(transportCall(api, 'Publish', { channel: 'nowhere:x', data: json(1) })), grpc.status.NOT_FOUND, 102);
    assert.match(unknown.message, /^unknown channel/);
    assertTransportError(await failure(transportCall(api, 'Publish', { channel: 'chat:x' })), grpc.status.INVALID_ARGUMENT, 107);
    assertTransportError(await failure(transportCall(api, 'Connections', {})), grpc.status.NOT_FOUND, 104);
    assertTransportError(await failure(transportCall(api, 'History', { channel: 'news' })), grpc.status.INVALID_ARGUMENT, 108);
    assertTransportError(await failure(transportCall(api, 'History', { channel: 'chat:grpc', since: { offset: 1, epoch: 'other' } })), grpc.status.OUT_OF_RANGE, 112);
    assertTransportError(await failure(transportCall(api, 'Broadcast', { channels: [], data: json(1) })), grpc.status.INVALID_ARGUMENT, 107);

    // A success is an OK answer as always.
    const ok = await transportCall(api, 'Publish', { channel: 'chat:transport', data: json(1) });
    assert.equal(ok.error, undefined);
    assert.equal(ok.result.offset, 1);
    // Batch and broadcast keep their per-command errors.
    const batch = await transportCall(api, 'Batch', { commands: [{ publish: { channel: 'nowhere:x', data: json(1) } }, { publish: { channel: 'chat:transport', data: json(2) } }] });
    assert.equal(batch.replies[0].error.code, 102);
    assert.equal(batch.replies[1].publish.offset, 2);
    const broadcast = await transportCall(api, 'Broadcast', { channels: ['nowhere:x', 'chat:transport'], data: json(3) });
    assert.equal(broadcast.error, undefined);
    assert.equal(broadcast.result.responses[0].error.code, 102);
    assert.equal(broadcast.result.responses[1].result.offset, 3);

    // Without the metadata, or with any other value: OK with the error in the message.
    for (const extra of [{}, { 'x-centrifugo-error-mode': 'Transport' }, { 'x-centrifugo-error-mode': 'any' }] as Record<string, string>[]) {
      const r = await call(api, 'Publish', { channel: 'nowhere:x', data: json(1) }, GRPC_KEY, extra);
      assert.equal(r.error.code, 102, JSON.stringify(extra));
    }
  });

  it('stops cleanly with the GRPC API serving', async () => {
    assert.equal(await server.stop(), 0);
  });
});

describe('GRPC API over TLS', () => {
  let server: TestServer;
  let grpcPort: number;

  before(async () => {
    grpcPort = await freePort();
    // The certificate as a file path, the key as PEM text: two of the forms grpc_api.tls takes.
    const tls = { enabled: true, cert_pem: TLS_FILES.cert, key_pem: fs.readFileSync(TLS_FILES.key, 'utf8') };
    server = await startServer({ config: config(grpcPort, {}), env: { GYRE_GRPC_API_TLS_ENABLED: 'true', GYRE_GRPC_API_TLS_CERT_PEM: tls.cert_pem, GYRE_GRPC_API_TLS_KEY_PEM: tls.key_pem } });
  });
  after(async () => {
    await server?.stop();
  });

  it('serves TLS clients that trust the certificate, and no plaintext ones', async () => {
    const secure = grpcClient(grpcPort, grpc.credentials.createSsl(fs.readFileSync(TLS_FILES.ca)), { 'grpc.ssl_target_name_override': 'localhost' });
    const r = await call(secure, 'Publish', { channel: 'chat:tls', data: json(1) });
    assert.equal(r.result.offset, 1);
    const plain = grpcClient(grpcPort);
    await assert.rejects(call(plain, 'Info', {}), (err: grpc.ServiceError) => err.code === grpc.status.UNAVAILABLE);
  });
});

describe('GRPC API without grpc_api.key', () => {
  let server: TestServer;
  let grpcPort: number;

  before(async () => {
    grpcPort = await freePort();
    server = await startServer({ config: config(grpcPort, { grpc_api: { enabled: true, port: grpcPort, key: '' } }) });
  });
  after(async () => {
    await server?.stop();
  });

  it('refuses every call, as the HTTP API refuses every request without api.key', async () => {
    const api = grpcClient(grpcPort);
    for (const key of [null, '', 'test-api-key']) {
      await assert.rejects(call(api, 'Info', {}, key), (err: grpc.ServiceError) => err.code === grpc.status.UNAUTHENTICATED, String(key));
    }
  });
});

describe('GRPC API on the Redis engine with 2 workers', () => {
  let server: TestServer;
  let redis: TestRedis;
  let grpcPort: number;

  before(async () => {
    redis = await startRedis();
    grpcPort = await freePort();
    server = await startServer({
      config: config(grpcPort, { engine: 'redis', workers: 2, redis: { url: redis.url, prefix: 'grpcapi' }, log: { level: 'info' } }),
      // Node's round-robin hand-off: connections alternate between the workers, so both are seen for certain.
      env: { NODE_CLUSTER_SCHED_POLICY: 'rr' },
    });
    await workersServing(server, 2);
  });
  after(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('every worker answers, and a publish through any of them reaches a subscriber of either', async () => {
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'carol' }) });
    const sub = c.newSubscription('chat:workers');
    const pubs = collect(sub, 'publication');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);

    const answering = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const api = grpcClient(grpcPort);
      const info = await call(api, 'Info', {});
      // The answering worker lists itself first, then the other nodes it knows through Redis.
      answering.add(info.result.nodes[0].uid);
      assert.equal((await call(api, 'Publish', { channel: 'chat:workers', data: json({ i }) })).result.offset, i + 1);
    }
    assert.equal(answering.size, 2, 'both workers served GRPC calls');
    await eventually(() => pubs.length === 4, 5000, 'four publications');
    assert.deepEqual(pubs.map((p) => p.data), [{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }]);
    const p = await call(grpcClient(grpcPort), 'Presence', { channel: 'chat:workers' });
    assert.deepEqual((Object.values(p.result.presence) as any[]).map((e) => e.user), ['carol']);
  });

  it('transport error mode with Redis down: 100 is INTERNAL over GRPC, 500 over HTTP', async () => {
    await redis.stop();
    try {
      await eventually(async () => (await fetch(`${server.httpUrl}/health`)).status === 503, 10_000, 'health 503');
      const request = { channel: 'chat:down', data: json(1) };
      assertTransportError(await failure(transportCall(grpcClient(grpcPort), 'Publish', request)), grpc.status.INTERNAL, 100);
      const http = await fetch(`${server.httpUrl}/api/publish`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'x-centrifugo-error-mode': 'transport' },
        body: JSON.stringify({ channel: 'chat:down', data: 1 }),
      });
      assert.equal(http.status, 500);
      // The bare error, still marked temporary as in every Gyre answer carrying 100.
      assert.deepEqual(await http.json(), { code: 100, message: 'internal server error', temporary: true });
    } finally {
      await redis.start();
    }
    await eventually(async () => (await fetch(`${server.httpUrl}/health`)).ok, 10_000, 'healthy again');
  });
});
