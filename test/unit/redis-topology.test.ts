/** redis.url: the URL forms of each topology, refused typos, and the channel → shard placement. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load';
import { consistentIndex, fnv1a64, jumpHash } from '../../src/engine/redis/jump-hash';
import { parseRedisUrl, parseShards } from '../../src/engine/redis/topology';

describe('redis.url', () => {
  it('parses each topology with its addresses, credentials, database and TLS, and labels it without secrets', () => {
    assert.deepEqual(parseRedisUrl('redis://127.0.0.1:6390'), { kind: 'standalone', tls: false, addresses: [{ host: '127.0.0.1', port: 6390 }], db: 0, label: 'redis://127.0.0.1:6390' });
    const tls = parseRedisUrl('rediss://app:s%40cret@redis.internal/3');
    assert.equal(tls.kind, 'standalone');
    assert.equal(tls.tls, true);
    assert.equal(tls.username, 'app');
    assert.equal(tls.password, 's@cret');
    assert.equal(tls.db, 3);
    assert.deepEqual(tls.addresses, [{ host: 'redis.internal', port: 6379 }]);
    assert.equal(tls.label, 'rediss://redis.internal:6379/3');
    const s = parseRedisUrl('redis+sentinel://:mpw@10.0.0.1:26379?sentinel_master_name=mymaster&addr=10.0.0.2:26380&addr=10.0.0.3&sentinel_user=su&sentinel_password=spw');
    assert.equal(s.kind, 'sentinel');
    assert.equal(s.masterName, 'mymaster');
    assert.equal(s.password, 'mpw');
    assert.equal(s.sentinelUsername, 'su');
    assert.equal(s.sentinelPassword, 'spw');
    assert.deepEqual(s.addresses, [
      { host: '10.0.0.1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
      { host: '10.0.0.3', port: 26379 },
    ]);
    assert.doesNotMatch(s.label, /pw/);
    const c = parseRedisUrl('rediss+cluster://a:7000?addr=b:7001&addr=[::1]:7002');
    assert.equal(c.kind, 'cluster');
    assert.equal(c.tls, true);
    assert.deepEqual(c.addresses, [
      { host: 'a', port: 7000 },
      { host: 'b', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
  });

  it('refuses what would fail later, saying why', () => {
    const refused: [string, RegExp][] = [
      ['notaurl', /not a URL/],
      ['http://h:1', /unknown scheme "http:"/],
      ['redis+sentinel://h:26379', /needs sentinel_master_name/],
      ['redis://h:6379?addr=b:1', /unknown parameter "addr"/],
      ['redis+cluster://h:7000?sentinel_master_name=m', /unknown parameter "sentinel_master_name"/],
      ['redis+cluster://h:7000/1', /only database 0/],
      ['redis://h:6379/x', /database "x"/],
      ['redis+cluster://h:7000?addr=b:99999', /addr "b:99999"/],
      ['redis+cluster://h:7000?addr=b:7001/x', /addr "b:7001\/x"/],
    ];
    for (const [url, why] of refused) assert.throws(() => parseRedisUrl(url), why, url);
    assert.throws(() => parseRedisUrl('redis//u:secret@h'), (err: Error) => !err.message.includes('secret'));
  });

  it('takes a list, or a comma-separated string (the environment form), as shards in order', () => {
    const list = parseShards(['redis://a:1', 'redis+cluster://b:2']);
    assert.deepEqual(
      list.map((s) => s.kind),
      ['standalone', 'cluster'],
    );
    assert.deepEqual(
      parseShards('redis://a:1, redis://b:2').map((s) => s.label),
      ['redis://a:1', 'redis://b:2'],
    );
    assert.throws(() => parseShards(''), /at least one/);
    assert.throws(() => parseShards('redis://a:1,redis://a:1'), /listed twice/);
    assert.throws(() => parseShards('redis://a:1,nope'), /shard 1 \(URL 2 of 2\): "nope" is not a URL/);
    // One server as two shards: two databases, one Cluster by two seed lists, one Sentinel master twice.
    assert.throws(() => parseShards('redis://a:1/0,redis://b:2,redis://a:1/1'), /shards 0 and 2 are both a:1: shards must be distinct Redis servers/);
    assert.throws(() => parseShards('redis+cluster://a:1?addr=b:2,redis+cluster://c:3?addr=a:1'), /shards 0 and 1 are both a:1/);
    assert.throws(() => parseShards('redis://a:1,redis+cluster://b:2?addr=a:1'), /shards 0 and 1 are both a:1/);
    assert.throws(
      () => parseShards('redis+sentinel://s:1?sentinel_master_name=m,redis+sentinel://t:1?sentinel_master_name=m&addr=s:1'),
      /shards 0 and 1 are both the master m of the Sentinel at s:1/,
    );
    // One Sentinel group watching two masters is two servers.
    assert.equal(parseShards('redis+sentinel://s:1?sentinel_master_name=m1,redis+sentinel://s:1?sentinel_master_name=m2').length, 2);
  });

  it('is checked when the configuration loads, from the environment too', () => {
    assert.throws(() => loadConfig({ args: [], env: { GYRE_REDIS_URL: 'notaurl' } }), /redis\.url.*not a URL/s);
    const config = loadConfig({ args: [], env: { GYRE_REDIS_URL: 'redis://a:1,redis+sentinel://b:2?sentinel_master_name=m' } });
    assert.equal(parseShards(config.redis.url).length, 2);
  });
});

describe('channel placement (jump hash over FNV-1a 64, as the Centrifuge library)', () => {
  const reference = (s: string) => {
    let h = 0xcbf29ce484222325n;
    for (const b of Buffer.from(s, 'utf8')) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return h;
  };

  it('hashes like FNV-1a 64 (published vectors, and a BigInt reference over ASCII and multi-byte names)', () => {
    const hex = (s: string) => fnv1a64(s).map((x) => x.toString(16).padStart(8, '0')).join('');
    assert.equal(hex(''), 'cbf29ce484222325');
    assert.equal(hex('a'), 'af63dc4c8601ec8c');
    assert.equal(hex('foobar'), '85944171f73967e8');
    for (const s of ['news', 'chat:room-1', 'user#42', 'ünïcødé', '日本語チャンネル', 'x'.repeat(300)]) assert.equal(hex(s), reference(s).toString(16).padStart(16, '0'), s);
  });

  it('spreads channels evenly and moves only about 1/(n+1) of them when a shard is added, all to the new one', () => {
    const channels = Array.from({ length: 6000 }, (_, i) => `channel-${i}`);
    for (const n of [2, 3, 5]) {
      const counts = new Array(n).fill(0);
      for (const c of channels) counts[consistentIndex(c, n)]++;
      for (const k of counts) assert.ok(Math.abs(k - 6000 / n) < 6000 / n / 8, `n=${n}: ${counts}`);
      let moved = 0;
      for (const c of channels) {
        const before = consistentIndex(c, n);
        const after = consistentIndex(c, n + 1);
        if (before !== after) {
          assert.equal(after, n, `${c} moved between old shards`);
          moved++;
        }
      }
      assert.ok(Math.abs(moved - 6000 / (n + 1)) < 6000 / (n + 1) / 5, `n=${n}: moved ${moved}`);
    }
    assert.equal(consistentIndex('anything', 1), 0);
    assert.equal(jumpHash(reference('news'), 1), 0);
  });
});
