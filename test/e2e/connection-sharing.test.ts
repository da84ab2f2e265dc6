/**
 * How workers get their connections (src/primary/primary.ts,
 * connectionSharing): with no more workers than cores each worker accepts
 * from the shared listening socket itself, without a per-connection IPC
 * handoff through the primary, and a burst of connections still spreads over
 * the workers; Node's NODE_CLUSTER_SCHED_POLICY=rr brings the handoff back.
 * Which processes hold the listening socket is read from /proc.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startServer, type TestServer, workersServing } from '../helpers/server';

let redis: TestRedis | undefined;
const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.stop('SIGKILL').catch(() => {});
  await redis?.stop();
});

/** A Gyre of 2 workers on the Redis engine, once both serve: /health answers as soon as the first one does. */
async function start(env: Record<string, string> = {}): Promise<TestServer> {
  redis ??= await startRedis();
  const config = { engine: 'redis', workers: 2, redis: { url: redis.url, prefix: `sharing${servers.length}` }, log: { level: 'info' } };
  const server = await startServer({ config, env });
  servers.push(server);
  await workersServing(server, 2);
  return server;
}

function workerPids(server: TestServer): number[] {
  return execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
}

/** The inode of the socket listening on `port` (/proc/net/tcp: local address hex, state 0A = LISTEN). */
function listeningInode(port: number): string {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A') return f[9]!;
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

/** The inodes of the sockets a process holds. */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Opens `n` WebSocket connections at once; resolves once all are open. */
async function openAtOnce(url: string, n: number): Promise<WebSocket[]> {
  const sockets = Array.from({ length: n }, () => new WebSocket(url));
  await Promise.all(sockets.map((ws) => new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))));
  return sockets;
}

describe('connection sharing between workers', () => {
  it('with no more workers than cores, each worker accepts itself and a burst spreads over both', async () => {
    assert.ok(os.availableParallelism() >= 2, 'this check needs 2 cores, as the machines that run the suite have');
    const server = await start();
    const inode = listeningInode(server.port);
    const workers = workerPids(server);
    assert.equal(workers.length, 2);
    for (const pid of workers) assert.ok(socketInodes(pid).has(inode), `worker ${pid} holds the listening socket`);
    const before = workers.map((pid) => socketInodes(pid).size);
    const sockets = await openAtOnce(server.wsUrl, 400);
    const taken = workers.map((pid, i) => socketInodes(pid).size - before[i]!);
    for (const ws of sockets) ws.terminate();
    assert.ok(taken[0]! + taken[1]! >= 400, `the workers hold the connections: ${taken}`);
    for (const t of taken) assert.ok(t >= 40, `each worker took at least a tenth of 400 connections at once: ${taken}`);
  });

  it('NODE_CLUSTER_SCHED_POLICY=rr has the primary hand every connection over instead', async () => {
    const server = await start({ NODE_CLUSTER_SCHED_POLICY: 'rr' });
    const inode = listeningInode(server.port);
    assert.ok(socketInodes(server.proc.pid!).has(inode), 'the primary listens');
    for (const pid of workerPids(server)) assert.ok(!socketInodes(pid).has(inode), `worker ${pid} does not hold the listening socket`);
    const sockets = await openAtOnce(server.wsUrl, 20);
    for (const ws of sockets) ws.terminate();
  });
});
