/**
 * docker-compose.yml parses (Debian's docker-compose validates offline; no
 * engine is needed) and runs what the contract promises: Redis with AOF and
 * a healthcheck, Gyre on the Redis engine with one worker per core on 8000.
 * docker-compose.sentinel.yml, layered over it, adds a replica and three
 * Sentinels and points Gyre at them with a URL the configuration accepts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseShards } from '../../src/engine/redis/topology';

const root = path.resolve(__dirname, '../../..');

describe('docker-compose.yml', () => {
  it('is valid and wires Redis (AOF, healthcheck) to Gyre on the Redis engine', () => {
    const r = spawnSync('docker-compose', ['-f', path.join(root, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env: { ...process.env, GYRE_TOKEN_HMAC_SECRET: 's', GYRE_API_KEY: 'k' } });
    assert.equal(r.error, undefined, 'docker-compose must be installed (apt-get install -y docker-compose)');
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, /appendonly/);
    assert.match(out, /redis-cli/);
    assert.match(out, /GYRE_ENGINE: redis/);
    assert.match(out, /GYRE_REDIS_URL: redis:\/\/redis:6379/);
    assert.match(out, /GYRE_WORKERS: '0'/);
    assert.match(out, /published: 8000/);
    assert.match(out, /condition: service_healthy/);
  });

  it('refuses to start without the token secret and the API key (no placeholder secrets)', () => {
    const env = { ...process.env };
    delete env['GYRE_TOKEN_HMAC_SECRET'];
    delete env['GYRE_API_KEY'];
    const r = spawnSync('docker-compose', ['-f', path.join(root, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /GYRE_TOKEN_HMAC_SECRET|GYRE_API_KEY/);
    const onlySecret = spawnSync('docker-compose', ['-f', path.join(root, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env: { ...env, GYRE_TOKEN_HMAC_SECRET: 's' } });
    assert.notEqual(onlySecret.status, 0);
    assert.match(onlySecret.stderr, /GYRE_API_KEY/);
    assert.doesNotMatch(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), /change-me/);
  });

  it('with docker-compose.sentinel.yml: a replica and three Sentinels, and Gyre finding the master through them', () => {
    const files = ['docker-compose.yml', 'docker-compose.sentinel.yml'].flatMap((f) => ['-f', path.join(root, f)]);
    const r = spawnSync('docker-compose', [...files, 'config'], { encoding: 'utf8', env: { ...process.env, GYRE_TOKEN_HMAC_SECRET: 's', GYRE_API_KEY: 'k' } });
    assert.equal(r.error, undefined, 'docker-compose must be installed (apt-get install -y docker-compose)');
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    for (const service of ['redis', 'redis-replica', 'sentinel-1', 'sentinel-2', 'sentinel-3', 'gyre']) assert.match(out, new RegExp(`^  ${service}:$`, 'm'), service);
    // The commands' scripts, as written (the merged output folds long strings).
    const text = fs.readFileSync(path.join(root, 'docker-compose.sentinel.yml'), 'utf8');
    assert.match(text, /'replicaof redis 6379'/);
    assert.match(text, /'sentinel monitor gyre redis 6379 2'/);
    assert.equal(text.match(/'appendfsync always'/g)?.length, 2, 'both data nodes keep AOF with fsync on every write');
    const url = /GYRE_REDIS_URL: (\S+)/.exec(out)?.[1];
    assert.ok(url, out);
    const [shard, ...more] = parseShards(url);
    assert.equal(more.length, 0);
    assert.equal(shard!.kind, 'sentinel');
    assert.equal(shard!.masterName, 'gyre');
    assert.deepEqual(shard!.addresses.map((a) => `${a.host}:${a.port}`), ['sentinel-1:26379', 'sentinel-2:26379', 'sentinel-3:26379']);
  });
});
