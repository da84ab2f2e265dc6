/**
 * What an operator reads in the first minutes: one warning per insecure
 * setting, from the primary only; a healthy Redis start warns about nothing;
 * Redis error lines are JSON without repeated keys; a Redis outage is one
 * warning and one recovery line per worker, not a flood of stack traces.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import { closeClients, collect, subscribedClient } from '../helpers/clients';
import { atLeast, type LogLine, logLines as parseLogLines, timeOf } from '../helpers/logs';
import { startRedis } from '../helpers/redis';
import { API_KEY, eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

after(() => closeClients());

/** The log lines (JSON) of a server's output. */
function lines(out: string): string[] {
  return out.split('\n').filter((l) => l.startsWith('{'));
}

/** A key that appears twice in one JSON object line (JSON.parse would silently keep the last). */
function repeatedKey(line: string): string | undefined {
  const seen = new Set<string>();
  for (const m of line.matchAll(/[{,]"([a-zA-Z_]+)":/g)) {
    if (seen.has(m[1]!)) return m[1];
    seen.add(m[1]!);
  }
  return undefined;
}

describe('startup logs', () => {
  it('warns once for each insecure setting, from the primary only', async () => {
    const warningsOf = async (config: Record<string, unknown>) => {
      const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url }, log: { level: 'info' }, ...config } });
      await sleep(300);
      await server.stop();
      return parseLogLines(server.output()).filter((l) => l.level === 'warn');
    };
    const redis = await startRedis();
    const open = await warningsOf({ client: { insecure: true }, api: { insecure: true } });
    for (const key of ['client.insecure', 'api.insecure']) {
      assert.equal(open.filter((w) => w.msg.startsWith(key)).length, 1, `one warning for ${key}: ${JSON.stringify(open)}`);
    }
    const keyless = await warningsOf({ token: { hmac_secret: '' }, api: { key: '' } });
    assert.equal(keyless.filter((w) => /^no token key/.test(w.msg)).length, 1, JSON.stringify(keyless));
    assert.equal(keyless.filter((w) => /^api\.key is not set/.test(w.msg)).length, 1, JSON.stringify(keyless));
    assert.deepEqual(await warningsOf({}), [], 'a secure configuration starts without warnings');
    await redis.stop();
  });

  it('a healthy Redis start warns about nothing; a Redis outage logs lines without repeated keys', async () => {
    const redis = await startRedis();
    const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url }, log: { level: 'info' } } });
    await sleep(500);
    const atStart = lines(server.output());
    assert.deepEqual(atStart.filter((l) => atLeast(JSON.parse(l), 'warn')), [], 'no warnings at a healthy start');
    await redis.stop();
    await eventually(() => /redis failing/.test(server.output()), 5000, 'the outage is logged');
    await redis.start();
    await eventually(() => /redis recovered/.test(server.output()), 10_000, 'the recovery is logged');
    for (const l of lines(server.output())) assert.equal(repeatedKey(l), undefined, l);
    await server.stop();
    await redis.stop();
  });

  it('a Redis outage of ~10 s under load: one warning per worker, no stack above debug, one recovery line per worker', async () => {
    const redis = await startRedis();
    const admin = { enabled: true, password: 'admin password', secret: 'admin secret' };
    const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url }, channel: channelConfig, log: { level: 'info' }, admin } });
    try {
      // Subscribers on both workers (each connection goes to either), so both hold pub/sub subscriptions and presence.
      const clients = [];
      for (let i = 0; i < 4; i++) clients.push(await subscribedClient(server.wsUrl, `outage-${i}`, 'chat:outage'));
      const stoppedAt = Date.now();
      await redis.stop();
      // A connected client subscribing during the outage is refused with 100 and retries (each retry a failed command).
      // (New connections are refused while the engine is down: /health and the upgrade answer 503.)
      const lateSub = clients[0]!.client.newSubscription('chat:late');
      const lateErrors = collect(lateSub, 'error');
      lateSub.subscribe();
      // ~10 s of API calls, each on a connection of its own so both workers serve them: every one that needs Redis fails.
      const answers: any[] = [];
      while (Date.now() - stoppedAt < 10_000) {
        const batch = await Promise.all([
          apiCall(server, 'publish', { channel: 'chat:outage', data: { n: answers.length } }),
          apiCall(server, 'history', { channel: 'chat:outage', limit: 1 }),
          apiCall(server, 'presence', { channel: 'chat:outage' }),
          apiCall(server, 'channels', {}),
          apiCall(server, 'disconnect', { user: 'nobody' }),
          // The login limit falls back to the worker's own count (a wrong password would add its own warning, not Redis's).
          post(server, '/admin/auth', { password: admin.password }, {}),
        ]);
        answers.push(...batch);
        await sleep(200);
      }
      const restartedAt = Date.now();
      await redis.start();
      assert.ok(answers.filter((a) => a.error?.code === 100).length >= 50, 'the API answered 100 while Redis was down');
      assert.ok(lateErrors.some((e) => e.error?.code === 100), 'the late subscription was refused with 100');
      assert.ok(answers.some((a) => a.status === 200 && a.token), 'the admin logged in, counted by the worker itself');

      await eventually(async () => (await apiCall(server, 'publish', { channel: 'chat:outage', data: {} })).result, 15_000, 'publishing works again');
      await lateSub.ready(15_000);
      const during = logLines(server).filter((l) => timeOf(l) >= stoppedAt && timeOf(l) < restartedAt);
      const loud = during.filter((l) => atLeast(l, 'warn'));
      // The API's refusals are the outage's, answered 100 and counted in metrics: they add no line of their own.
      assert.deepEqual(loud.map((l) => [l.worker, l.level, l.msg]).sort(), [
        [0, 'warn', 'redis failing; further failures are logged at debug until it recovers'],
        [1, 'warn', 'redis failing; further failures are logged at debug until it recovers'],
      ], `${loud.length} lines at warn or above; the first: ${JSON.stringify(loud.slice(0, 3), null, 1)}`);
      const recoveries = () => logLines(server).filter((l) => l.msg === 'redis recovered');
      await eventually(() => recoveries().length >= 2, 10_000, 'a recovery line from each worker');
      assert.deepEqual(recoveries().map((l) => l.worker).sort(), [0, 1], 'one recovery line per worker');
      for (const r of recoveries()) assert.ok(((r.failures as number) ?? 0) > 10 && timeOf(r) >= restartedAt, JSON.stringify(r));
      const stacks = logLines(server).filter((l) => atLeast(l, 'info') && JSON.stringify(l).includes('stack'));
      assert.deepEqual(stacks, [], 'no stack trace at info or above');
    } finally {
      closeClients();
      await server.stop();
      await redis.stop();
    }
  });
});

function logLines(server: TestServer): LogLine[] {
  return parseLogLines(server.output());
}

/** A POST on a connection of its own (so the primary may hand it to either worker); the parsed answer, with the status. */
function post(server: TestServer, urlPath: string, body: unknown, headers: Record<string, string>): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.httpUrl}${urlPath}`, { method: 'POST', agent: false, timeout: 10_000, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, ...JSON.parse(text) }));
    });
    req.on('timeout', () => req.destroy(new Error(`${urlPath}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const apiCall = (server: TestServer, method: string, params: unknown) => post(server, `/api/${method}`, params, { 'x-api-key': API_KEY });
