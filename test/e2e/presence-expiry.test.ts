/**
 * Presence entries of a worker that died expire (README, "Running with
 * Redis"): nothing removes them, so they must vanish on their own within
 * `redis.presence_ttl`, while the entries of live connections, refreshed every
 * `client.presence_update_interval`, stay however long they live. The window
 * is shortened from the default 60 s to 3 s here; the mechanism is the same.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/load';
import { closeClients, makeClient, nextEvent, token } from '../helpers/clients';
import { startRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  closeClients();
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const TTL = 3;

/** A client of `user` subscribed to `channel` on `server`; resolves with its client id once it is present. */
async function presentClient(server: TestServer, user: string, channel: string) {
  const c = makeClient(server.wsUrl, 'json', { token: token({ sub: user }) });
  const sub = c.newSubscription(channel);
  const connected = nextEvent(c, 'connected', 5000);
  sub.subscribe();
  c.connect();
  const id: string = (await connected).client;
  await sub.ready(5000);
  return { c, id };
}

async function presentIds(server: TestServer, channel: string): Promise<string[]> {
  return Object.keys((await server.api('presence', { channel })).result.presence);
}

describe('presence of a dead worker (redis engine)', () => {
  it('expires within redis.presence_ttl, while live connections stay present past it', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const config = {
      engine: 'redis',
      workers: 1,
      redis: { url: redis.url, prefix: 'presence-ttl', presence_ttl: TTL },
      client: { presence_update_interval: 1 },
      channel: channelConfig,
    };
    const doomed = await startServer({ config });
    cleanups.push(() => doomed.stop('SIGKILL'));
    const observer = await startServer({ config });
    cleanups.push(() => observer.stop('SIGKILL'));
    const ch = 'chat:presence-expiry';

    const victim = await presentClient(doomed, 'victim', ch);
    const survivor = await presentClient(observer, 'survivor', ch);
    const survivorSince = Date.now();
    await eventually(async () => (await presentIds(observer, ch)).length === 2, 5000, 'both present');

    // The victim's worker dies without a word: no leave, no presence removal.
    const [worker] = execFileSync('pgrep', ['-P', String(doomed.proc.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
    const reconnected = nextEvent(victim.c, 'connected', 10_000);
    const killedAt = Date.now();
    process.kill(worker!, 'SIGKILL');
    const again: string = (await reconnected).client;
    assert.notEqual(again, victim.id);

    // Its entry outlives the worker by at most the TTL (plus Redis's whole-second clock and a poll).
    await eventually(async () => !(await presentIds(observer, ch)).includes(victim.id), (TTL + 3) * 1000, 'the dead worker\'s entry expires');
    const gone = Date.now() - killedAt;
    assert.ok(gone <= (TTL + 2) * 1000, `expired ${gone} ms after the worker died`);

    // The live connections' entries are refreshed: still there well past one TTL.
    await sleep(Math.max(0, survivorSince + (TTL + 2) * 1000 - Date.now()));
    const ids = await presentIds(observer, ch);
    assert.ok(ids.includes(survivor.id), 'the live client on the other server stays present');
    assert.ok(ids.includes(again), 'the reconnected client is present under its new id');
    assert.equal(ids.length, 2);
  });

  it('refuses a refresh interval that is not shorter than the TTL', () => {
    const env = { GYRE_ENGINE: 'redis', GYRE_REDIS_PRESENCE_TTL: '5', GYRE_CLIENT_PRESENCE_UPDATE_INTERVAL: '5' };
    assert.throws(() => loadConfig({ env }), (err) => err instanceof ConfigError && /client\.presence_update_interval \(5\) must be less than redis\.presence_ttl \(5\)/.test(err.message));
    assert.equal(loadConfig({ env: { ...env, GYRE_CLIENT_PRESENCE_UPDATE_INTERVAL: '2' } }).redis.presence_ttl, 5);
    assert.throws(() => loadConfig({ env: { GYRE_CLIENT_PRESENCE_UPDATE_INTERVAL: '0' } }), /client\.presence_update_interval: must be more than 0/);
  });
});
