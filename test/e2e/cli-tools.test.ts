/**
 * The gyre CLI's tools, as real runs of the built command: checktoken against
 * every kind of key the server takes, defaultconfig / defaultenv / genconfig
 * output read back by the configuration loader, --version, and the one-line
 * answers to a mistyped flag, command or value.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { editDistance } from '../../src/cli/suggest';
import { loadConfig } from '../../src/config/load';
import { schema } from '../../src/config/schema';
import { gyreEnv } from '../helpers/process';
import { CLI, SECRET, tmpFile } from '../helpers/server';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One run of the CLI, not blocking this process: the tests of a file run side by side (each spawns its own
 * processes), and a run may talk to a server the test itself serves.
 */
const gyre = (args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> => gyreAsync(args, { GYRE_TOKEN_HMAC_SECRET: SECRET, ...env }, input);

function gyreAsync(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: gyreEnv(env), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) p.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (d: Buffer) => (stdout += d));
    p.stderr!.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    p.on('error', reject);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const now = () => Math.floor(Date.now() / 1000);

/** Every key of the schema as a dotted path, with its environment variable (walked here, not with the CLI's code). */
function schemaKeys(): { key: string; env?: string }[] {
  const out: { key: string; env?: string }[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && 'doc' in v && 'default' in v) out.push({ key, env: (v as { env?: string }).env });
      else walk(v as Record<string, unknown>, key);
    }
  };
  walk(schema as unknown as Record<string, unknown>, '');
  return out;
}

const lookup = (obj: unknown, key: string) => key.split('.').reduce<unknown>((o, part) => (o && typeof o === 'object' && part in o ? (o as Record<string, unknown>)[part] : undefined), obj);

describe('gyre checktoken', { concurrency: true }, () => {
  it('prints the claims of a valid connection token as JSON and exits 0', async () => {
    const token = jwt.sign({ sub: '42', info: { name: 'Ann' }, channels: ['news'], exp: now() + 600 }, SECRET);
    const r = await gyre(['checktoken', token]);
    assert.equal(r.status, 0, r.stderr);
    const claims = JSON.parse(r.stdout);
    assert.equal(claims.sub, '42');
    assert.deepEqual(claims.info, { name: 'Ann' });
    assert.deepEqual(claims.channels, ['news']);
    assert.match(r.stderr, /valid connection token: user "42", expires .* \(in \d+ s\)/);
  });

  it('takes a subscription token (one with a channel claim) and a token on stdin', async () => {
    const token = jwt.sign({ sub: '7', channel: '$room' }, SECRET);
    const r = await gyre(['checktoken', '-'], {}, `${token}\n`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).channel, '$room');
    assert.match(r.stderr, /valid subscription token: user "7", channel "\$room", never expires/);
  });

  it('refuses an expired token, one signed with another secret, and a wrong audience or issuer: one line why, exit 1', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [jwt.sign({ sub: '1', exp: now() - 120 }, SECRET), {}, /^gyre: connection token refused: expired at \S+ \(1\d\d s ago\)\n$/],
      [jwt.sign({ sub: '1' }, 'not-the-secret'), {}, /^gyre: connection token refused: bad signature: not signed with token\.hmac_secret\n$/],
      [jwt.sign({ sub: '1', aud: 'other' }, SECRET), { GYRE_TOKEN_AUDIENCE: 'app' }, /wrong audience: the token has aud "other", token\.audience is "app"/],
      [jwt.sign({ sub: '1' }, SECRET), { GYRE_TOKEN_ISSUER: 'idp' }, /wrong issuer: the token has no iss claim, token\.issuer is "idp"/],
      [jwt.sign({ sub: '1', channel: 'x', exp: now() - 120 }, SECRET), {}, /subscription token refused: expired/],
      ['not.a-token', {}, /malformed/],
      [jwt.sign({ sub: '1' }, SECRET), { GYRE_TOKEN_HMAC_SECRET: '' }, /no key for algorithm HS256: set token\.hmac_secret/],
    ];
    const runs = await Promise.all(cases.map(([token, env]) => gyre(['checktoken', token], env)));
    for (const [i, [, , expected]] of cases.entries()) {
      const r = runs[i]!;
      assert.equal(r.status, 1, `${expected}: ${r.stdout}`);
      assert.equal(r.stdout, '', 'no claims printed for a refused token');
      assert.match(r.stderr, expected);
    }
  });

  it('checks RSA and ECDSA tokens with the configured public keys, refusing a foreign key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }) as string;
    const file = tmpFile('keys.json', JSON.stringify({ token: { rsa_public_key: pem(rsa.publicKey), ecdsa_public_key: pem(ec.publicKey) } }));
    const rs = await gyre(['checktoken', '--config', file, jwt.sign({ sub: 'r' }, rsa.privateKey, { algorithm: 'RS256' })]);
    assert.equal(rs.status, 0, rs.stderr);
    assert.equal(JSON.parse(rs.stdout).sub, 'r');
    const es = await gyre(['checktoken', '--config', file, jwt.sign({ sub: 'e' }, ec.privateKey, { algorithm: 'ES256' })]);
    assert.equal(es.status, 0, es.stderr);
    const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bad = await gyre(['checktoken', '--config', file, jwt.sign({ sub: 'r' }, foreign.privateKey, { algorithm: 'RS256' })]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /bad signature: not signed with the key of token\.rsa_public_key/);
    const none = await gyre(['checktoken', jwt.sign({ sub: 'r' }, rsa.privateKey, { algorithm: 'RS256' })]);
    assert.match(none.stderr, /no key for algorithm RS256: set token\.rsa_public_key or token\.jwks_public_endpoint/);
  });

  describe('with a JWKS endpoint', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const idp = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] }));
    });
    after(() => idp.close());

    it('fetches the key a token names by kid, and refuses a kid the set lacks', async () => {
      await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
      const env = { GYRE_TOKEN_JWKS_PUBLIC_ENDPOINT: `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks` };
      const ok = await gyreAsync(['checktoken', jwt.sign({ sub: 'j' }, rsa.privateKey, { algorithm: 'RS256', keyid: 'k1' })], env);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).sub, 'j');
      const unknown = await gyreAsync(['checktoken', jwt.sign({ sub: 'j' }, rsa.privateKey, { algorithm: 'RS256', keyid: 'k2' })], env);
      assert.equal(unknown.status, 1);
      assert.match(unknown.stderr, /no signing key k2/);
    });
  });
});

describe('gyre defaultconfig, defaultenv, genconfig', { concurrency: true }, () => {
  it('defaultconfig prints every schema key with its default as JSON, which loads as the defaults', async () => {
    const r = await gyre(['defaultconfig']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const defaults = loadConfig({ env: {} });
    for (const { key } of schemaKeys()) {
      assert.notEqual(lookup(doc, key), undefined, `${key} is in defaultconfig`);
    }
    assert.deepEqual(loadConfig({ file: tmpFile('defaults.json', r.stdout), env: {} }), defaults);
    assert.equal((await gyre(['checkconfig', tmpFile('defaults.json', r.stdout)])).status, 0);
  });

  it('defaultenv prints GYRE_*=default for every key with a variable, no secret, file-only keys as comments', async () => {
    const r = await gyre(['defaultenv'], { GYRE_TOKEN_HMAC_SECRET: 'sEcReT-hmac', GYRE_API_KEY: 'sEcReT-api', GYRE_PORT: '9999' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /sEcReT|9999/, 'defaults, not the values in effect');
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.ok(lines.includes('GYRE_PORT=8000'));
    assert.ok(lines.includes('GYRE_TOKEN_HMAC_SECRET='));
    assert.ok(lines.includes('GYRE_API_STREAMS=api.stream'));
    const env: Record<string, string> = {};
    for (const line of lines.filter((l) => !l.startsWith('#'))) {
      const m = /^(GYRE_[A-Z0-9_]+)=(.*)$/.exec(line);
      assert.ok(m, `an env line: ${line}`);
      env[m[1]!] = m[2]!;
    }
    for (const { key, env: name } of schemaKeys()) {
      if (name) assert.ok(name in env, `${name} (${key}) is listed`);
      else assert.ok(lines.some((l) => l.startsWith('#') && l.includes(` ${key} = `)), `${key} is listed as file only`);
    }
    // Read back as the environment, the lines give exactly the defaults (lists included).
    assert.deepEqual(loadConfig({ env }), loadConfig({ env: {} }));
  });

  it('genconfig prints plain JSON with fresh secrets that checkconfig accepts', async () => {
    const a = await gyre(['genconfig']);
    assert.equal(a.status, 0, a.stderr);
    const config = JSON.parse(a.stdout);
    assert.ok(config.token.hmac_secret.length >= 20 && config.api.key.length >= 20);
    assert.notEqual(JSON.parse((await gyre(['genconfig'])).stdout).token.hmac_secret, config.token.hmac_secret);
    const check = await gyre(['checkconfig', tmpFile('config.json', a.stdout)]);
    assert.equal(check.status, 0, check.stderr);
  });
});

describe('gyre version, and one-line answers to mistakes', { concurrency: true }, () => {
  it('--version and -v print what version prints', async () => {
    const version = (await gyre(['version'])).stdout;
    assert.match(version, /^gyre \d+\.\d+\.\d+/);
    for (const flag of ['--version', '-v']) {
      const r = await gyre([flag]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, version);
    }
  });

  it('an unknown flag is one line naming the closest known flag, without the usage', async () => {
    const cases = [
      [['--prot', '9000'], 'gyre: unknown flag --prot (did you mean --port?)'],
      [['serve', '--prot=9000'], 'gyre: serve: unknown flag --prot (did you mean --port?)'],
      [['gentoken', '--user', '1', '--tll', '60'], 'gyre: gentoken: unknown flag --tll (did you mean --ttl?)'],
      [['--client.ping_intreval', '5'], 'gyre: unknown flag --client.ping_intreval (did you mean --client.ping_interval?)'],
      [['--ping_interval', '5'], 'gyre: unknown flag --ping_interval (did you mean --client.ping_interval?)'],
      [['--frobnicate', '1'], 'gyre: unknown flag --frobnicate'],
      [['gentoken', '--user'], 'gyre: gentoken: flag --user needs a value'],
    ] as const;
    // Every run at once: each is its own process.
    const runs = new Map(cases.map(([args]) => [args, gyre([...args])] as const));
    for (const [args, line] of cases) {
      const r = await runs.get(args)!;
      assert.equal(r.status, 1, args.join(' '));
      assert.equal(r.stderr, `${line}\n`, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('an unknown command suggests the closest command', async () => {
    assert.equal((await gyre(['chektoken'])).stderr, 'gyre: unknown command "chektoken" (did you mean checktoken?)\n');
    assert.equal((await gyre(['defaultenvs'])).stderr, 'gyre: unknown command "defaultenvs" (did you mean defaultenv?)\n');
    assert.equal((await gyre(['frobnicate'])).stderr, 'gyre: unknown command "frobnicate" (gyre --help lists the commands)\n');
  });

  it('a port that is not a number says so, naming the key, from a file, the environment or a flag', async () => {
    const file = tmpFile('port.json', '{"port": "eighty"}');
    for (const r of await Promise.all([gyre(['checkconfig', file]), gyre(['checkconfig'], { GYRE_PORT: 'eighty' }), gyre(['serve', '--port', 'eighty'])])) {
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^port: not a number: value was "eighty"$/m);
    }
    assert.match((await gyre(['checkconfig'], { GYRE_PORT: '70000' })).stderr, /^port: must be a whole number from 0 to 65535/m);
    assert.match((await gyre(['checkconfig'], { GYRE_WORKERS: 'two' })).stderr, /^workers: not a number: value was "two"$/m);
  });

  it('a redis.url that is not a URL is refused by checkconfig and at start, whatever the engine', async () => {
    const file = tmpFile('redis.json', JSON.stringify({ engine: 'memory', redis: { url: 'notaurl' } }));
    const runs = await Promise.all([gyre(['checkconfig', file]), gyre(['checkconfig'], { GYRE_REDIS_URL: 'notaurl' }), gyre(['serve', '--config', file])]);
    for (const r of runs) {
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /^redis\.url: "notaurl" is not a URL \(expected redis:\/\/host:port/m);
    }
  });
});

describe('edit distance', () => {
  /** The textbook full-matrix optimal string alignment distance, to hold the banded one to. */
  function reference(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  }

  it('agrees with the full computation wherever the answer is within the bound', async () => {
    let seed = 1;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const word = () => Array.from({ length: rand(9) }, () => 'abc'[rand(3)]).join('');
    for (let k = 0; k < 3000; k++) {
      const [a, b, max] = [word(), word(), rand(4)];
      const want = Math.min(reference(a, b), max + 1);
      assert.equal(editDistance(a, b, max), want, `${a} / ${b} within ${max}`);
    }
    assert.equal(editDistance('prot', 'port', 1), 1);
    assert.equal(editDistance('x'.repeat(10_000), 'x'.repeat(10_000), 3), 4, 'an over-long name is not compared');
  });
});
