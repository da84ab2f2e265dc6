/**
 * What a drain looks like from outside (README, "Operations"): the port closes
 * at once, so health checks and new connections are refused while in-flight
 * work finishes; `shutdown_timeout` cuts off what does not finish and the
 * primary then exits 1; a worker too stuck to end itself is killed; a signal
 * sent to the whole process group drains once, not twice.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { after, describe, it } from 'node:test';
import { closeClients, makeClient, nextEvent, rawSocket, token } from '../helpers/clients';
import { API_KEY, eventually, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

after(() => closeClients());

/** An API publish whose body is only partly sent: `finish()` sends the rest; `ended` tells how the request ended and when. */
function heldPublish(server: TestServer, channel: string) {
  const body = JSON.stringify({ channel, data: { last: true } });
  const req = http.request({
    host: '127.0.0.1',
    port: server.port,
    path: '/api/publish',
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-length': Buffer.byteLength(body) },
  });
  const ended = new Promise<{ status?: number; text?: string; error?: string; at: number }>((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text, at: Date.now() }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message, at: Date.now() }));
  });
  req.write(body.slice(0, 10));
  // Wait until the server has the request (its headers parsed, the body pending) before the test signals.
  const arrived = new Promise<void>((resolve) => req.once('socket', (s) => s.once('connect', () => setTimeout(resolve, 200))));
  return { arrived, ended, finish: () => req.end(body.slice(10)) };
}

/** How a connection attempt to the server's /health ends: a status, or the socket error's code. */
async function healthCheck(server: TestServer): Promise<number | string> {
  try {
    const res = await fetch(`${server.httpUrl}/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? (err as Error).message;
  }
}

function workerPids(server: TestServer): number[] {
  return execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
}

/** Whether `pid` is a live process (not gone, not a zombie waiting to be reaped). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^Z/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Resolves with the exit code, or rejects if the process is still running after `ms`. */
function exitWithin(server: TestServer, ms: number): Promise<number | null> {
  return Promise.race([server.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${ms} ms after SIGTERM:\n${server.output()}`)), ms).unref())]);
}

describe('drain', () => {
  it('refuses health checks and new connections at once while it finishes an in-flight API request; exits 0', async () => {
    const server = await startServer({ config: { channel: channelConfig, shutdown_timeout: 10 } });
    try {
      const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'drain' }) });
      c.connect();
      await c.ready(3000);
      assert.equal(await healthCheck(server), 200);
      const held = heldPublish(server, 'chat:drain-held');
      await held.arrived;
      const closed = nextEvent(c, 'connecting', 5000);
      server.proc.kill('SIGTERM');
      assert.equal((await closed).code, 3001, 'the client is told the server shuts down');
      c.disconnect();

      // Draining now (the held request keeps it so): a load balancer's check and a new client are both refused.
      assert.equal(await healthCheck(server), 'ECONNREFUSED');
      await assert.rejects(rawSocket(server.wsUrl).opened, /ECONNREFUSED/, 'a new WebSocket is refused');

      held.finish();
      const r = await held.ended;
      assert.equal(r.status, 200, `the in-flight request completes: ${JSON.stringify(r)}`);
      assert.equal(JSON.parse(r.text!).result.offset, 1);
      assert.equal(await exitWithin(server, 5000), 0);
    } finally {
      closeClients();
      await server.stop('SIGKILL');
    }
  });

  it('drains once when the signal reaches every process of the group (Ctrl-C, systemd)', async () => {
    const server = await startServer({ config: { channel: channelConfig, shutdown_timeout: 10 } });
    try {
      const held = heldPublish(server, 'chat:group-signal');
      await held.arrived;
      const [worker] = workerPids(server);
      server.proc.kill('SIGTERM');
      process.kill(worker!, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      held.finish();
      const r = await held.ended;
      assert.equal(r.status, 200, `the in-flight request completes: ${JSON.stringify(r)}`);
      assert.equal(await exitWithin(server, 5000), 0);
    } finally {
      await server.stop('SIGKILL');
    }
  });
});

describe('shutdown_timeout', () => {
  it('cuts off an API request whose body never completes after shutdown_timeout; the primary exits 1', async () => {
    const timeout = 2;
    const server = await startServer({ config: { channel: channelConfig, shutdown_timeout: timeout } });
    try {
      const held = heldPublish(server, 'chat:never-finished');
      await held.arrived;
      const signalled = Date.now();
      server.proc.kill('SIGTERM');
      const r = await held.ended;
      const cutAfter = r.at - signalled;
      assert.equal(r.status, undefined, `no answer to a request that never finished: ${JSON.stringify(r)}`);
      assert.ok(cutAfter >= timeout * 1000 - 100, `the drain waited for the request until shutdown_timeout (cut after ${cutAfter} ms)`);
      // The worker ends it by itself at the deadline, well before the primary would kill it (2 s later).
      assert.ok(cutAfter < timeout * 1000 + 1500, `cut off at shutdown_timeout, not later (after ${cutAfter} ms)`);
      assert.equal(await exitWithin(server, timeout * 1000 + 3000), 1, 'a shutdown that cut work off is not clean');
      assert.match(server.output(), /shutdown_timeout passed; in-flight work was cut off/);
    } finally {
      await server.stop('SIGKILL');
    }
  });

  it('kills a worker that cannot drain at all (frozen) 2 s after shutdown_timeout; the primary exits 1', async () => {
    const timeout = 1;
    const server = await startServer({ config: { channel: channelConfig, shutdown_timeout: timeout } });
    const [worker] = workerPids(server);
    try {
      process.kill(worker!, 'SIGSTOP');
      const signalled = Date.now();
      server.proc.kill('SIGTERM');
      assert.equal(await exitWithin(server, timeout * 1000 + 5000), 1);
      const took = Date.now() - signalled;
      assert.ok(took >= timeout * 1000 + 2000 - 100, `the frozen worker got shutdown_timeout + 2 s (${took} ms)`);
      assert.match(server.output(), /shutdown deadline passed; killing workers/);
      await eventually(() => !running(worker!), 3000, 'the frozen worker killed');
    } finally {
      try {
        process.kill(worker!, 'SIGKILL');
      } catch {
        /* killed by the primary */
      }
      await server.stop('SIGKILL');
    }
  });
});
