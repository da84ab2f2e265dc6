/**
 * docker-compose.yml parses (Debian's docker-compose validates offline; no
 * engine is needed) and runs what the contract promises: Redis with AOF and
 * a healthcheck, Gyre on the Redis engine with one worker per core on 8000.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
});
