/**
 * docker-compose.yml parses (Debian's docker-compose validates offline; no
 * engine is needed) and runs what the contract promises: Redis with AOF and
 * a healthcheck, Gyre on the Redis engine with one worker per core on 8000.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

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
});
