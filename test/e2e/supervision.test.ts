/**
 * A worker that dies is replaced with backoff (README, "Operations"): killed
 * again and again, each replacement waits longer than the last, and the server
 * keeps serving on its other worker meanwhile; its clients reconnect and miss
 * nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { closeClients, collect, subscribedClient } from '../helpers/clients';
import { startRedis } from '../helpers/redis';
import { eventually, sleep, startServer, statusOf, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  closeClients();
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

function workerPids(server: TestServer): number[] {
  return execFileSync('pgrep', ['-P', String(server.proc.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
}

/** The primary's "worker died; restarting" lines so far, as logged. */
function restarts(server: TestServer): { restartInMs: number; signal: string | null }[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.includes('worker died; restarting'))
    .map((l) => JSON.parse(l));
}

describe('worker supervision', () => {
  it('replaces a worker killed again and again, each time after a longer delay, while the other worker serves', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url, prefix: 'supervision' }, channel: channelConfig } });
    cleanups.push(() => server.stop('SIGKILL'));
    const ch = 'chat:supervision';
    const { sub } = await subscribedClient(server.wsUrl, 'survivor', ch);
    const pubs = collect(sub, 'publication');

    const kills = 3;
    const waited: number[] = [];
    let victim = workerPids(server)[0]!;
    for (let k = 1; k <= kills; k++) {
      const before = new Set(workerPids(server));
      const killedAt = Date.now();
      process.kill(victim, 'SIGKILL');
      await eventually(() => restarts(server).length === k, 5000, `restart ${k} logged`);
      // While the replacement waits out its delay, the other worker answers.
      let replacement: number | undefined;
      const deadline = Date.now() + 10_000;
      while (!(replacement = workerPids(server).find((p) => !before.has(p)))) {
        assert.equal(await statusOf(`${server.httpUrl}/health`), 200, 'the other worker serves meanwhile');
        assert.ok(Date.now() < deadline, `no replacement ${k} within 10 s`);
        await sleep(25);
      }
      waited.push(Date.now() - killedAt);
      assert.equal((await server.api('publish', { channel: ch, data: { k } })).result.offset, k);
      victim = replacement;
    }

    const logged = restarts(server);
    assert.deepEqual(
      logged.map((r) => r.signal),
      Array(kills).fill('SIGKILL'),
    );
    const delays = logged.map((r) => r.restartInMs);
    assert.deepEqual(delays, [250, 500, 1000], 'the delay doubles with each death in a row');
    for (let i = 0; i < kills; i++) assert.ok(waited[i]! >= delays[i]!, `replacement ${i + 1} came after ${waited[i]} ms, not before its ${delays[i]} ms delay`);

    // The client lived through it all (reconnecting to whichever worker was up) and missed nothing.
    await eventually(() => pubs.length === kills, 10_000, 'every publication delivered');
    assert.deepEqual(
      pubs.map((p) => p.data.k),
      [1, 2, 3],
    );
    assert.equal(workerPids(server).length, 2);
  });
});
