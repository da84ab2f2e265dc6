/**
 * The process model: graceful shutdown (clients get 3001 and come back once a
 * server is up again, in-flight API requests finish), a killed worker is
 * replaced, and a start that cannot succeed exits 1 with the cause.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { closeClients, CODECS, makeClient, nextEvent, token } from '../helpers/clients';
import { gyreEnv } from '../helpers/process';
import { API_KEY, CLI, eventually, freePort, startServer, tmpFile, within } from '../helpers/server';
import { channelConfig } from './fixtures';

after(() => closeClients());

describe('graceful shutdown', () => {
  it('closes clients with 3001, finishes in-flight API and admin requests, exits 0; clients reconnect to the next server', async () => {
    const port = await freePort();
    const admin = { enabled: true, password: 'pw', secret: 'admin-secret' };
    const server = await startServer({ port, config: { channel: channelConfig, admin } });
    const clients = CODECS.map((codec) => makeClient(server.wsUrl, codec, { token: token({ sub: `s-${codec}` }) }));
    for (const c of clients) c.connect();
    await Promise.all(clients.map((c) => c.ready(3000)));
    const reconnecting = clients.map((c) => nextEvent(c, 'connecting', 5000));
    const login = (await (await fetch(`${server.httpUrl}/admin/auth`, { method: 'POST', body: JSON.stringify({ password: 'pw' }) })).json()) as { token: string };

    // An API request and an admin request whose bodies are still arriving when the shutdown starts (the admin one
    // finishing last). `Expect: 100-continue` makes the server say when it has taken a request up (Node answers
    // 100 Continue as it hands the request to Gyre), so the test knows both are in flight before it signals.
    const slowPost = (path: string, headers: Record<string, string>, body: string) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, expect: '100-continue', 'content-length': Buffer.byteLength(body) } });
      const taken = new Promise<void>((resolve) => req.once('continue', resolve));
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 10));
      return { taken, response, finish: () => req.end(body.slice(10)) };
    };
    const api = slowPost('/api/publish', { 'x-api-key': API_KEY }, JSON.stringify({ channel: 'chat:last-words', data: { bye: true } }));
    const adminApi = slowPost('/admin/api/publish', { authorization: `token ${login.token}` }, JSON.stringify({ channel: 'chat:admin-last-words', data: { bye: true } }));
    await Promise.all([api.taken, adminApi.taken]);
    const code = server.stop('SIGTERM');

    // The clients being told 3001 shows the drain has begun: only now do the bodies' last parts arrive.
    for (const ev of await Promise.all(reconnecting)) {
      assert.equal(ev.code, 3001);
      assert.equal(ev.reason, 'shutdown');
    }
    api.finish();
    const r = await api.response;
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.text).result.offset, 1);
    adminApi.finish();
    const a = await adminApi.response;
    assert.equal(a.status, 200);
    assert.equal(JSON.parse(a.text).result.offset, 1);
    assert.equal(await code, 0);

    const reconnected = Promise.all(clients.map((c) => nextEvent(c, 'connected', 10_000)));
    const next = await startServer({ port, config: { channel: channelConfig } });
    try {
      await reconnected;
      for (const c of clients) assert.equal(c.state, 'connected');
    } finally {
      closeClients();
      await next.stop();
    }
  });
});

describe('worker supervision', () => {
  it('replaces a killed worker; its clients reconnect', async () => {
    const server = await startServer({ config: { channel: channelConfig } });
    try {
      const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'w' }) });
      c.connect();
      await c.ready(3000);
      const worker = execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim().split('\n')[0]!;
      const reconnecting = nextEvent(c, 'connecting', 3000);
      process.kill(Number(worker), 'SIGKILL');
      await reconnecting;
      await nextEvent(c, 'connected', 10_000);
      await eventually(() => /worker died; restarting/.test(server.output()), 3000, 'restart logged');
      const replacement = execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim();
      assert.notEqual(replacement, worker);
      assert.equal((await server.api('info')).result.nodes[0].num_clients, 1);
    } finally {
      closeClients();
      await server.stop();
    }
  });

  it('runs one worker with the memory engine and says why', async () => {
    const server = await startServer({ config: { workers: 4 } });
    try {
      await eventually(() => /1 worker runs instead of 4/.test(server.output()), 3000, 'explanation');
      const workers = execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim().split('\n');
      assert.equal(workers.length, 1);
    } finally {
      await server.stop();
    }
  });

  it('a start that cannot listen exits 1 naming the cause', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const file = tmpFile('c.json', JSON.stringify({ port, address: '127.0.0.1', log: { level: 'warn' } }));
      const proc = spawn(process.execPath, [CLI, 'serve', '--config', file], { env: gyreEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      proc.stdout.on('data', (d) => (out += d));
      proc.stderr.on('data', (d) => (out += d));
      const code = await within(new Promise((resolve) => proc.on('exit', resolve)), 15_000, 'the server to exit');
      assert.equal(code, 1);
      assert.match(out, /EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
