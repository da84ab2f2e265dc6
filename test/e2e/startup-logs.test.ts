/**
 * What an operator reads in the first minutes: one warning per insecure
 * setting, from the primary only; a healthy Redis start warns about nothing;
 * Redis error lines are JSON without repeated keys.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startRedis } from '../helpers/redis';
import { sleep, startServer } from '../helpers/server';

/** The log lines (JSON) of a server's output. */
function lines(out: string): string[] {
  return out.split('\n').filter((l) => l.startsWith('{'));
}

describe('startup logs', () => {
  it('warns once for each insecure setting, from the primary only', async () => {
    const warningsOf = async (config: Record<string, unknown>) => {
      const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url }, log: { level: 'info' }, ...config } });
      await sleep(300);
      await server.stop();
      return lines(server.output())
        .map((l) => JSON.parse(l))
        .filter((l) => l.level === 40);
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
});
