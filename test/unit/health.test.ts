/** /health's body: 200 only while the worker can serve, and a 503 names an unreachable shard or says why else. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShardState } from '../../src/engine/redis/shards';
import { healthBody } from '../../src/http/health';

const shard = (reachable: boolean): ShardState => ({ shard: 0, kind: 'standalone', address: 'redis://127.0.0.1:6379', reachable, masters: ['127.0.0.1:6379'] });

describe('/health body', () => {
  it('is {} with the memory engine while serving, and the reason otherwise', () => {
    assert.deepEqual(healthBody(null, undefined), {});
    assert.deepEqual(healthBody('shutting down', undefined), { error: 'shutting down' });
  });

  it('names an unreachable shard, and says why when the worker cannot serve with every shard reachable', () => {
    assert.equal(healthBody(null, [shard(true)]).error, undefined);
    assert.match(healthBody('engine unavailable', [shard(false)]).error!, /redis shard 0 \(redis:\/\/127\.0\.0\.1:6379\) unreachable/);
    // The publish connection of redis.wait_replicas down: the shards look fine, the worker still cannot publish.
    assert.equal(healthBody('engine unavailable', [shard(true)]).error, 'engine unavailable');
    assert.equal(healthBody('shutting down', [shard(false)]).error, 'shutting down');
  });
});
