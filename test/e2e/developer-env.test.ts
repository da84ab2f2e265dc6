/**
 * A developer's exported GYRE_* variables (which outrank a config file) reach neither the servers the tests start
 * nor the CLI they run: tests never touch a Redis the developer runs, as the README promises.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { gyreEnv } from '../helpers/process';
import { CLI, startServer } from '../helpers/server';

/** Runs `fn` with `vars` exported in this test process, as a developer's shell would, then restores them. */
async function withExported(vars: Record<string, string>, fn: () => Promise<void>): Promise<void> {
  const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, vars);
  try {
    await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("a developer's exported GYRE_* variables", () => {
  it("do not reach a test server: it runs on the memory engine with the test's API key, not on the Redis they name", async () => {
    // A server on this Redis would answer /health 503 and never be healthy; one with this key would refuse the API.
    await withExported({ GYRE_ENGINE: 'redis', GYRE_REDIS_URL: 'redis://127.0.0.1:1', GYRE_API_KEY: 'the-developers-key' }, async () => {
      const server = await startServer({ config: { log: { level: 'info' } } });
      try {
        assert.equal((await fetch(`${server.httpUrl}/health`)).status, 200);
        assert.equal((await server.api('info')).result.nodes.length, 1, 'the API answers the test key');
        assert.match(server.output(), /"engine":"memory"/);
        assert.doesNotMatch(server.output(), /"engine":"redis"/);
      } finally {
        await server.stop();
      }
    });
  });

  it('do not reach the CLI a test runs, while the variables the test sets do', async () => {
    await withExported({ GYRE_API_QUEUE_SHARDS: '4', GYRE_REDIS_PREFIX: 'dev' }, async () => {
      const shard = (env?: Record<string, string>) => spawnSync(process.execPath, [CLI, 'queue-shard', 'news'], { encoding: 'utf8', timeout: 10_000, env: gyreEnv(env) }).stdout.trim();
      assert.equal(shard(), 'gyre.api');
      assert.equal(shard({ GYRE_API_QUEUE_SHARDS: '8' }), 'gyre.api.6');
    });
  });
});
