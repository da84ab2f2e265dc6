/** The gyre CLI: tokens it mints work against a real server; usage and configuration errors exit 1. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { closeClients, makeClient, nextEvent } from '../helpers/clients';
import { gyreEnv } from '../helpers/process';
import { CLI, SECRET, startServer, type TestServer, tmpFile } from '../helpers/server';
import { channelConfig } from './fixtures';

let server: TestServer;
before(async () => {
  server = await startServer({ config: { channel: channelConfig } });
});
after(async () => {
  closeClients();
  await server.stop();
});

const gyre = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000, env: gyreEnv({ GYRE_TOKEN_HMAC_SECRET: SECRET, ...env }) });

describe('gyre CLI', () => {
  it('gentoken mints a connection token the server accepts, with ttl, info and channels', async () => {
    const r = gyre(['gentoken', '--user', '42', '--ttl', '600', '--info', '{"name":"Ann"}', '--channels', 'feed:a,feed:b']);
    assert.equal(r.status, 0, r.stderr);
    const claims = jwt.verify(r.stdout.trim(), SECRET) as jwt.JwtPayload;
    assert.equal(claims.sub, '42');
    assert.equal(claims.exp! - claims.iat!, 600);
    assert.deepEqual(claims['info'], { name: 'Ann' });
    const c = makeClient(server.wsUrl, 'json', { token: r.stdout.trim() });
    const subs: string[] = [];
    c.on('subscribed', (ctx) => subs.push(ctx.channel));
    c.connect();
    await nextEvent(c, 'connected');
    await new Promise((res) => setTimeout(res, 100));
    assert.deepEqual(subs.sort(), ['feed:a', 'feed:b']);
    c.disconnect();
  });

  it('gentoken --ttl 0 mints a token without expiry; gensubtoken a subscription token', async () => {
    const forever = jwt.decode(gyre(['gentoken', '--user', '7', '--ttl', '0']).stdout.trim()) as jwt.JwtPayload;
    assert.equal(forever.exp, undefined);
    const sub = gyre(['gensubtoken', '--user', '7', '--channel', '$room']);
    assert.equal(sub.status, 0, sub.stderr);
    const c = makeClient(server.wsUrl, 'json', { token: gyre(['gentoken', '--user', '7']).stdout.trim() });
    const s = c.newSubscription('$room', { token: sub.stdout.trim() });
    s.subscribe();
    c.connect();
    await s.ready(3000);
    c.disconnect();
  });

  it('refuses to sign without a secret, and wrong usage, with exit 1', () => {
    const noSecret = gyre(['gentoken', '--user', '1'], { GYRE_TOKEN_HMAC_SECRET: '' });
    assert.equal(noSecret.status, 1);
    assert.match(noSecret.stderr, /token\.hmac_secret/);
    assert.equal(gyre(['gentoken']).status, 1);
    assert.equal(gyre(['gensubtoken', '--user', '1']).status, 1);
    assert.equal(gyre(['gentoken', '--user', '1', '--ttl', 'soon']).status, 1);
    const unknown = gyre(['frobnicate']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /unknown command/);
  });

  it('every command answers -h/--help with its usage and exits 0 without doing anything', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['serve', '--help'], ['serve', '-h'], ['gentoken', '--help'], ['gensubtoken', '-h'], ['queue-shard', '--help'], ['checkconfig', '-h'], ['genconfig', '--help'], ['version', '--help'], ['checktoken', '--help'], ['defaultconfig', '-h'], ['defaultenv', '--help']]) {
      // A serve that started would not exit: spawnSync's timeout turns that into a failure here.
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 5000, env: gyreEnv({ GYRE_PORT: String(server.port) }) });
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /gyre/, args.join(' '));
      assert.doesNotMatch(r.stdout, /^eyJ|"level"/m, `${args.join(' ')} printed usage, not a token or logs`);
    }
    assert.match(gyre(['serve', '--help']).stdout, /--config FILE/);
  });

  it('an unknown flag or extra word exits 1 naming it, before anything starts', () => {
    for (const [args, name] of [
      [['serve', '--prot', '9000'], '--prot'],
      [['--prot', '9000'], '--prot'],
      [['gentoken', '--user', '1', '--tll', '60'], '--tll'],
      [['version', 'extra'], 'extra'],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 5000, env: gyreEnv() });
      assert.equal(r.status, 1, args.join(' '));
      assert.ok(r.stderr.includes(name), `${args.join(' ')} names ${name}: ${r.stderr}`);
    }
  });

  it('queue-shard prints the shard queue of a channel (FNV-1a 32 of its UTF-8 bytes, modulo the shards)', () => {
    // Expected values computed independently: h = 2166136261; h = ((h ^ byte) * 16777619) mod 2^32; h mod 8.
    for (const [ch, shard] of [['news', 6], ['chat:room1', 7], ['dialog#42,56', 3], ['ünï', 6]] as const) {
      const r = gyre(['queue-shard', ch, '--shards', '8']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), `gyre.api.${shard}`);
    }
    assert.equal(gyre(['queue-shard', 'news'], { GYRE_REDIS_PREFIX: 'app' }).stdout.trim(), 'app.api', 'no shards: the main queue');
    assert.equal(gyre(['queue-shard', 'news'], { GYRE_API_QUEUE_SHARDS: '4' }).stdout.trim(), 'gyre.api.2');
    assert.equal(gyre(['queue-shard']).status, 1);
  });

  it('checkconfig refuses a bad redis.url naming the shard and why, from a file or GYRE_REDIS_URL, without echoing passwords', () => {
    const file = tmpFile('shards.json', JSON.stringify({ engine: 'redis', redis: { url: ['redis://:s3cret@10.0.0.1:6379', 'redis+sentinel://10.0.0.2:26379?addr=10.0.0.3:26379'] } }));
    const fromFile = gyre(['checkconfig', file]);
    assert.equal(fromFile.status, 1);
    assert.match(fromFile.stderr, /redis\.url: shard 1 \(URL 2 of 2\): redis\+sentinel:\/\/ needs sentinel_master_name=NAME/);
    const fromEnv = gyre(['checkconfig'], { GYRE_REDIS_URL: 'redis://:s3cret@10.0.0.1:6379,redis://10.0.0.2:6379,redis+cluster://10.0.0.4:7000?addr=10.0.0.5:seven' });
    assert.equal(fromEnv.status, 1);
    assert.match(fromEnv.stderr, /redis\.url: shard 2 \(URL 3 of 3\): addr "10\.0\.0\.5:seven" is not HOST:PORT/);
    const scheme = gyre(['checkconfig'], { GYRE_REDIS_URL: 'redis://10.0.0.1:6379, http://10.0.0.2:6379' });
    assert.match(scheme.stderr, /shard 1 \(URL 2 of 2\): unknown scheme "http:"/);
    for (const r of [fromFile, fromEnv]) assert.doesNotMatch(r.stderr, /s3cret/, 'a refused value is not echoed with its password');
  });

  it('checkconfig passes a list of Sentinel, Cluster and TLS URLs, from a file and from GYRE_REDIS_URL', () => {
    const urls = [
      'redis+sentinel://10.0.0.1:26379?sentinel_master_name=mymaster&addr=10.0.0.2:26379&addr=10.0.0.3:26379&sentinel_password=sp',
      'redis+cluster://10.0.1.1:7000?addr=10.0.1.2:7000&addr=10.0.1.3:7000',
      'rediss://app:pw@redis.example.com:6380/2',
    ];
    const file = tmpFile('shards.json', JSON.stringify({ engine: 'redis', redis: { url: urls } }));
    const fromFile = gyre(['checkconfig', file]);
    assert.equal(fromFile.status, 0, fromFile.stderr);
    assert.match(fromFile.stdout, /is valid/);
    const fromEnv = gyre(['checkconfig'], { GYRE_ENGINE: 'redis', GYRE_REDIS_URL: urls.join(',') });
    assert.equal(fromEnv.status, 0, fromEnv.stderr);
  });

  it('version prints the package version', () => {
    const pkg = require('../../../package.json') as { version: string };
    assert.equal(execFileSync(process.execPath, [CLI, 'version'], { encoding: 'utf8', env: gyreEnv() }).trim(), `gyre ${pkg.version}`);
  });
});
