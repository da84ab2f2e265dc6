import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/load';
import { gyreEnv } from '../helpers/process';
import { CLI, tmpFile } from '../helpers/server';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('expected a configuration error');
};

describe('configuration', () => {
  it('resolves defaults < file < env < flags', () => {
    const file = tmpFile('c.json', JSON.stringify({ port: 8100, client: { ping_interval: 5 }, log: { level: 'debug' } }));
    const c = loadConfig({ file, env: { GYRE_PORT: '8200', GYRE_LOG_LEVEL: 'error' }, args: ['--log.level', 'fatal'] });
    assert.equal(c.port, 8200);
    assert.equal(c.client.ping_interval, 5);
    assert.equal(c.log.level, 'fatal');
    assert.equal(c.address, '0.0.0.0');
    assert.equal(c.channel.history_meta_ttl, 2592000);
    assert.equal(c.redis.sharded_pubsub, false);
    assert.equal(loadConfig({ env: { GYRE_REDIS_SHARDED_PUBSUB: 'true' } }).redis.sharded_pubsub, true);
  });

  it('reads top-level channel options and lists from the environment', () => {
    const c = loadConfig({
      env: { GYRE_HISTORY_SIZE: '10', GYRE_HISTORY_TTL: '60', GYRE_PRESENCE: 'true', GYRE_CLIENT_ALLOWED_ORIGINS: 'https://a.example, https://b.example' },
    });
    assert.equal(c.channel.history_size, 10);
    assert.equal(c.channel.presence, true);
    assert.deepEqual(c.client.allowed_origins, ['https://a.example', 'https://b.example']);
  });

  it('accepts commented JSON and completes namespaces with defaults', () => {
    const file = tmpFile('c.json', '{\n // a comment\n "channel": {"namespaces": [{"name": "chat", "presence": true /* inline */}]}, "name": "a//b"}');
    const c = loadConfig({ file, env: {} });
    assert.equal(c.name, 'a//b');
    assert.equal(c.channel.namespaces[0]!.presence, true);
    assert.equal(c.channel.namespaces[0]!.history_size, 0);
  });

  it('names the key in every error', () => {
    assert.match(errorOf(() => loadConfig({ env: { GYRE_PORT: '70000' } })), /^port: /);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_ENGINE: 'mongo' } })), /engine: must be one of/);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_CLIENT_PING_INTERVAL: '-1' } })), /client\.ping_interval: must be a number/);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_CLIENT_INSECURE: 'yes' } })), /client\.insecure: must be true or false/);
    // 0 would mean no bound at all to ws (and 64 MiB to SockJS's WebSocket), not 'refuse everything'.
    assert.match(errorOf(() => loadConfig({ env: { GYRE_WEBSOCKET_MESSAGE_SIZE_LIMIT: '0' } })), /websocket\.message_size_limit: must be an integer >= 1/);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_HISTORY_SIZE: '5' } })), /channel\.history_size and channel\.history_ttl/);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_FORCE_RECOVERY: 'true' } })), /channel\.force_recovery: needs history/);
    // Redis reads WAIT n 0 as "wait forever".
    assert.match(errorOf(() => loadConfig({ env: { GYRE_REDIS_WAIT_REPLICAS: '1', GYRE_REDIS_WAIT_TIMEOUT: '0' } })), /redis\.wait_timeout: must be more than 0/);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_REDIS_WAIT_REPLICAS: '-1' } })), /redis\.wait_replicas: must be an integer >= 0/);
    assert.match(errorOf(() => loadConfig({ file: tmpFile('c.json', '{"prot": 1}'), env: {} })), /prot: unknown configuration key/);
    assert.match(errorOf(() => loadConfig({ file: tmpFile('c.json', '{"client": {"pingg": 1}}'), env: {} })), /client\.pingg: unknown configuration key/);
    assert.match(errorOf(() => loadConfig({ file: tmpFile('c.json', '{nope'), env: {} })), /not valid JSON/);
    assert.match(errorOf(() => loadConfig({ file: '/nonexistent/gyre.json', env: {} })), /config file \/nonexistent\/gyre\.json/);
    assert.match(errorOf(() => loadConfig({ env: { GYRE_TOKEN_RSA_PUBLIC_KEY: 'not a pem' } })), /token\.rsa_public_key: must be a PEM/);
    const truncated = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----';
    assert.match(errorOf(() => loadConfig({ env: { GYRE_TOKEN_ECDSA_PUBLIC_KEY: truncated } })), /token\.ecdsa_public_key: must be a PEM/);
  });

  it('validates every namespace entry', () => {
    const ns = (entries: unknown) => tmpFile('c.json', JSON.stringify({ channel: { namespaces: entries } }));
    assert.match(errorOf(() => loadConfig({ file: ns([{ name: 'x' }]), env: {} })), /channel\.namespaces\[0\]\.name: must match/);
    assert.match(errorOf(() => loadConfig({ file: ns([{ name: 'chat' }, { name: 'chat' }]), env: {} })), /namespaces\[1\]\.name: duplicate/);
    assert.match(errorOf(() => loadConfig({ file: ns([{ name: 'chat', presense: true }]), env: {} })), /namespaces\[0\]\.presense: unknown option/);
    assert.match(errorOf(() => loadConfig({ file: ns([{ name: 'chat', history_ttl: 'long' }]), env: {} })), /namespaces\[0\]\.history_ttl: must be/);
    assert.match(errorOf(() => loadConfig({ file: ns([{ name: 'chat', history_size: 5 }]), env: {} })), /namespaces\[0\]\.history_size and/);
    assert.match(errorOf(() => loadConfig({ file: ns([{ name: 'chat', channel_regex: '(' }]), env: {} })), /namespaces\[0\]\.channel_regex: not a valid/);
    assert.match(errorOf(() => loadConfig({ file: ns({ name: 'chat' }), env: {} })), /channel\.namespaces: must be a list/);
  });

  it('checkconfig and serve exit 1 naming the key; genconfig output is valid', () => {
    const bad = tmpFile('bad.json', '{"port": "eighty"}');
    const r = spawnSync(process.execPath, [CLI, 'checkconfig', bad], { encoding: 'utf8', env: gyreEnv() });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /port: /);
    const s = spawnSync(process.execPath, [CLI, 'serve', '--config', bad], { encoding: 'utf8', timeout: 10_000, env: gyreEnv() });
    assert.equal(s.status, 1);
    assert.match(s.stderr, /port: /);
    const generated = tmpFile('gen.json', execFileSync(process.execPath, [CLI, 'genconfig'], { encoding: 'utf8', env: gyreEnv() }));
    const ok = spawnSync(process.execPath, [CLI, 'checkconfig', generated], { encoding: 'utf8', env: gyreEnv() });
    assert.equal(ok.status, 0, ok.stderr);
    const c = loadConfig({ file: generated, env: {} });
    assert.ok(c.token.hmac_secret.length >= 20 && c.api.key.length >= 20);
  });

  it('sockjs.url must be an http(s) URL: anything else is refused at start, naming the key (exit 1)', () => {
    for (const url of ['"><script>alert(1)</script>', 'javascript:alert(1)', 'ftp://example.com/sockjs.js', '//cdn.example.com/sockjs.js', 'https://cdn.example.com/a b.js', '']) {
      assert.match(errorOf(() => loadConfig({ env: { GYRE_SOCKJS_URL: url } })), /^sockjs\.url: must be an absolute http:\/\/ or https:\/\/ URL/, url);
    }
    assert.equal(loadConfig({ env: { GYRE_SOCKJS_URL: 'https://cdn.example.com/sockjs.min.js?v="1"' } }).sockjs.url, 'https://cdn.example.com/sockjs.min.js?v="1"');
    const bad = tmpFile('bad.json', JSON.stringify({ sockjs: { url: '"><script>alert(1)</script>' } }));
    const s = spawnSync(process.execPath, [CLI, 'serve', '--config', bad], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(s.status, 1);
    assert.match(s.stderr, /sockjs\.url: must be an absolute http/);
  });

  it('every example in config/ is valid', () => {
    const dir = path.resolve(__dirname, '../../../config');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 2);
    for (const f of files) assert.doesNotThrow(() => loadConfig({ file: path.join(dir, f), env: {} }), f);
  });
});
