/**
 * The admin behind a reverse proxy (admin.trusted_proxies): the test plays the
 * proxy from 127.0.0.1, writing the client's address in X-Forwarded-For or
 * Forwarded. Login attempts are counted per client, so a guesser does not
 * lock out the admin; without trusted proxies the headers are ignored, so a
 * spoofed header does not reset the count; a bad entry stops the start.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startRedis, type TestRedis } from '../helpers/redis';
import { CLI, eventually, SECRET, startServer, type TestServer, tmpFile } from '../helpers/server';

const PASSWORD = 'correct horse battery staple';
const admin = (extra: Record<string, unknown> = {}) => ({ admin: { enabled: true, password: PASSWORD, secret: 'admin-token-signing-key', ...extra } });

let redis: TestRedis;
const servers: TestServer[] = [];
before(async () => {
  redis = await startRedis();
});
after(async () => {
  for (const s of servers) await s.stop();
  await redis?.stop();
});

async function start(config: Record<string, unknown>): Promise<TestServer> {
  const s = await startServer({ config });
  servers.push(s);
  return s;
}

/** A POST on a connection of its own (so the primary may hand it to either worker), with the proxy's headers. */
function post(target: TestServer, urlPath: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${target.httpUrl}${urlPath}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const login = (s: TestServer, password: string, headers: Record<string, string>) => post(s, '/admin/auth', { password }, headers).then((r) => r.status);

describe('admin behind a trusted proxy', () => {
  it("a guesser's failed logins under one X-Forwarded-For do not lock out the admin under another; the action log names the client", async () => {
    const s = await start({ engine: 'redis', workers: 2, redis: { url: redis.url, prefix: 'trusted' }, log: { level: 'info' }, ...admin({ trusted_proxies: ['127.0.0.1'] }) });
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push(await login(s, `guess ${i}`, attacker));
    assert.deepEqual(statuses, [...Array(5).fill(401), 429, 429]);
    // Writing the admin's address left of what the proxy appended, or in the header the proxy does not write, changes nothing.
    assert.equal(await login(s, 'guess', { 'x-forwarded-for': '198.51.100.20, 203.0.113.7' }), 429, 'a spoofed left part');
    assert.equal(await login(s, 'guess', { ...attacker, forwarded: 'for=198.51.100.20' }), 429, 'Forwarded is not the configured header');
    assert.equal(await login(s, PASSWORD, attacker), 429, 'the guesser is locked out even with the password');

    const ok = await post(s, '/admin/auth', { password: PASSWORD }, { 'x-forwarded-for': '198.51.100.20' });
    assert.equal(ok.status, 200, 'the admin at another address logs in');
    const action = await post(s, '/admin/api/publish', { channel: 'news', data: { text: 'hi' } }, { 'x-forwarded-for': '198.51.100.20', authorization: `token ${ok.body.token}` });
    assert.equal(action.status, 200);
    const logged = await eventually(
      () => s.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.msg === 'admin action'),
      5000,
      'the admin action log line',
    );
    assert.equal(logged.address, '198.51.100.20');
    assert.equal(logged.method, 'publish');
  });

  it('with admin.proxy_header forwarded: the RFC 7239 for= address counts, and X-Forwarded-For is ignored', async () => {
    const s = await start({ ...admin({ trusted_proxies: ['10.0.0.0/8', '::ffff:127.0.0.0/104'], proxy_header: 'forwarded' }) });
    const attacker = { forwarded: 'for="[2001:db8::7]:4711";proto=https' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await login(s, `guess ${i}`, { ...attacker, 'x-forwarded-for': `192.0.2.${i}` }));
    assert.deepEqual(statuses, [...Array(5).fill(401), 429]);
    assert.equal(await login(s, PASSWORD, { forwarded: 'for=192.0.2.60;proto=http, for=10.1.2.3' }), 200, 'another client, through two trusted proxies');
  });
});

describe('admin without trusted proxies', () => {
  it('ignores X-Forwarded-For and Forwarded: spoofed values share the peer address, so they do not reset the count', async () => {
    const s = await start({ ...admin() });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await login(s, `guess ${i}`, { 'x-forwarded-for': `203.0.113.${i}`, forwarded: `for=198.51.100.${i}` }));
    assert.deepEqual(statuses, [...Array(5).fill(401), 429]);
    assert.equal(await login(s, PASSWORD, { 'x-forwarded-for': '192.0.2.99' }), 429);
  });

  it('refuses to start with an entry that is not an IP address or CIDR range, naming the key', () => {
    const env = { ...process.env, GYRE_TOKEN_HMAC_SECRET: SECRET, GYRE_ADMIN_ENABLED: 'true', GYRE_ADMIN_PASSWORD: 'p', GYRE_ADMIN_SECRET: 's' };
    for (const bad of ['10.0.0.0/33', '127.0.0.1, proxy.local', 'fd00::/129']) {
      const res = spawnSync(process.execPath, [CLI, 'serve', '--port', '0'], { encoding: 'utf8', timeout: 10_000, env: { ...env, GYRE_ADMIN_TRUSTED_PROXIES: bad } });
      assert.equal(res.status, 1, res.stdout + res.stderr);
      assert.match(res.stderr, /admin\.trusted_proxies: "[^"]+" is not an IP address or CIDR range/, bad);
    }
    const file = tmpFile('config.json', JSON.stringify({ admin: { trusted_proxies: ['10.0.0.0/8', '10.0.0.0/8/8'] } }));
    const res = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--config', file], { encoding: 'utf8', timeout: 10_000, env });
    assert.equal(res.status, 1, res.stdout + res.stderr);
    assert.match(res.stderr, /admin\.trusted_proxies: "10\.0\.0\.0\/8\/8" is not/);
  });
});
