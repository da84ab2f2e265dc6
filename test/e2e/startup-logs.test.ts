/**
 * What an operator reads in the first minutes: one warning per insecure
 * setting, from the primary only; a healthy Redis start warns about nothing;
 * Redis error lines are JSON without repeated keys.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startRedis } from '../helpers/redis';
import { eventually, sleep, startServer } from '../helpers/server';

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

  it('a healthy Redis start warns about nothing; a Redis outage logs lines without repeated keys', async () => {
    const redis = await startRedis();
    const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url }, log: { level: 'info' } } });
    await sleep(500);
    const atStart = lines(server.output());
    assert.deepEqual(atStart.filter((l) => JSON.parse(l).level >= 40), [], 'no warnings at a healthy start');
    await redis.stop();
    await eventually(() => /redis connection error/.test(server.output()), 5000, 'the outage is logged');
    await redis.start();
    await eventually(() => /redis connection restored/.test(server.output()), 10_000, 'the recovery is logged');
    for (const l of lines(server.output())) assert.equal(repeatedKey(l), undefined, l);
    await server.stop();
    await redis.stop();
  });
});
