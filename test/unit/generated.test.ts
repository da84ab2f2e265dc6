/** Checked-in artefacts that are derived from a source of truth must match it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REFERENCE_END, REFERENCE_START, renderConfigReference } from '../../src/config/reference';

const root = path.resolve(__dirname, '../../..');

describe('derived files', () => {
  it('the README configuration reference matches the schema', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const start = readme.indexOf(REFERENCE_START);
    const end = readme.indexOf(REFERENCE_END);
    assert.ok(start !== -1 && end > start, 'README has the reference markers');
    assert.equal(readme.slice(start + REFERENCE_START.length, end).trim(), renderConfigReference(), 'run npm run gen:docs');
  });

  it('every key of the contract is in the reference with its env name', () => {
    const table = renderConfigReference();
    for (const [key, env] of [
      ['port', 'GYRE_PORT'],
      ['workers', 'GYRE_WORKERS'],
      ['engine', 'GYRE_ENGINE'],
      ['redis.url', 'GYRE_REDIS_URL'],
      ['redis.prefix', 'GYRE_REDIS_PREFIX'],
      ['token.hmac_secret', 'GYRE_TOKEN_HMAC_SECRET'],
      ['client.allowed_origins', 'GYRE_CLIENT_ALLOWED_ORIGINS'],
      ['client.ping_interval', 'GYRE_CLIENT_PING_INTERVAL'],
      ['api.key', 'GYRE_API_KEY'],
      ['log.level', 'GYRE_LOG_LEVEL'],
      ['channel.history_size', 'GYRE_HISTORY_SIZE'],
      ['channel.allow_user_limited_channels', 'GYRE_ALLOW_USER_LIMITED_CHANNELS'],
      ['api.max_batch_size', 'GYRE_API_MAX_BATCH_SIZE'],
      ['channel.publication_data_format', 'GYRE_PUBLICATION_DATA_FORMAT'],
    ]) {
      assert.ok(table.includes(`| \`${key}\` | \`${env}\` |`), `${key} / ${env}`);
    }
  });

  it('src/protocol/generated matches proto/client.proto', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/gen-proto.js'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
