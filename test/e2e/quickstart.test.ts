/**
 * Runs the README quickstart as written: its code blocks are extracted and
 * executed in order (only `npm ci` is skipped, since the suite runs after it,
 * and port 8000 is swapped for a free one).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { gyreEnv } from '../helpers/process';
import { eventually, freePort } from '../helpers/server';

const root = path.resolve(__dirname, '../../..');
const procs: ChildProcess[] = [];
after(() => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
});
// npm start spawns the server under a shell; the group is signalled as a whole in the test's finally.

/** The code blocks (with a language) of the README section whose heading starts with `title`, at `level` (## or ###). */
function blocksOf(title: string, level = '## '): { lang: string; code: string }[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split(new RegExp(`^${level}`, 'm')).find((s) => s.startsWith(title))?.split(/^#{2,3} /m)[0];
  assert.ok(section, `README has a section "${title}"`);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

const quickstartBlocks = () => blocksOf('Quickstart');

describe('README quickstart', () => {
  it('works exactly as written', async () => {
    const blocks = quickstartBlocks();
    assert.deepEqual(blocks.map((b) => b.lang), ['sh', 'sh', 'js', 'sh']);
    const port = await freePort();
    const local = (s: string) => s.replace(/localhost:8000/g, `localhost:${port}`);
    const env = gyreEnv({ GYRE_PORT: String(port), GYRE_ADDRESS: '127.0.0.1' });

    const start = blocks[0]!.code.split('\n').filter((l) => l.trim() && l.trim() !== 'npm ci');
    assert.equal(start.length, 1, 'one start command besides npm ci');
    const server = spawn('bash', ['-c', start[0]!], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(server);
    let serverOut = '';
    server.stdout!.on('data', (d) => (serverOut += d));
    server.stderr!.on('data', (d) => (serverOut += d));
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 15_000, `server health\n${serverOut}`);

      const tokenOut = execFileSync('bash', ['-c', `${blocks[1]!.code}\necho "$TOKEN"`], { cwd: root, env, encoding: 'utf8' });
      const TOKEN = tokenOut.trim().split('\n').pop()!;
      assert.match(TOKEN, /^[\w-]+\.[\w-]+\.[\w-]+$/);

      const dir = path.join(root, '.tmp');
      fs.mkdirSync(dir, { recursive: true });
      const clientFile = path.join(dir, 'client.js');
      fs.writeFileSync(clientFile, local(blocks[2]!.code));
      const client = spawn(process.execPath, [clientFile], { cwd: root, env: { ...env, TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
      procs.push(client);
      let clientOut = '';
      client.stdout!.on('data', (d) => (clientOut += d));
      client.stderr!.on('data', (d) => (clientOut += d));
      await eventually(() => clientOut.includes('subscribed to news'), 10_000, `client subscribed\n${clientOut}`);

      const published = execFileSync('bash', ['-c', local(blocks[3]!.code)], { cwd: root, env, encoding: 'utf8' });
      assert.equal(JSON.parse(published).result !== undefined, true, published);
      await eventually(() => clientOut.includes('publication {"text":"hello"}'), 5000, `client output\n${clientOut}`);
      client.kill();
    } finally {
      // The whole process group: bash, npm and the server it started.
      if (server.exitCode === null) process.kill(-server.pid!, 'SIGTERM');
    }
  });
});

describe('README unidirectional HTTP-streaming sample', () => {
  it('works as written: the connect reply, the publication, then the ping line null', async () => {
    const blocks = blocksOf('Without an SDK', '### ');
    assert.deepEqual(blocks.map((b) => b.lang), ['sh', 'sh', 'sh', 'js']);
    const port = await freePort();
    const local = (s: string) => s.replace(/localhost:8000/g, `localhost:${port}`);
    // A 1 s ping instead of 25 s, so that the null line shows within the test.
    const env = gyreEnv({ GYRE_PORT: String(port), GYRE_ADDRESS: '127.0.0.1', GYRE_CLIENT_PING_INTERVAL: '1' });
    const server = spawn('bash', ['-c', blocks[0]!.code.trim()], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(server);
    let stream: ChildProcess | undefined;
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 15_000, 'server health');
      stream = spawn('bash', ['-c', local(blocks[1]!.code)], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      procs.push(stream);
      let out = '';
      stream.stdout!.on('data', (d) => (out += d));
      await eventually(() => out.includes('{"connect":'), 10_000, `the connect reply\n${out}`);
      const published = execFileSync('bash', ['-c', local(blocks[2]!.code)], { cwd: root, env, encoding: 'utf8' });
      assert.equal(JSON.parse(published).result !== undefined, true, published);
      await eventually(() => out.includes('{"channel":"news","pub":{"data":{"text":"hello"}}}'), 5000, `the publication\n${out}`);
      await eventually(() => out.split('\n').includes('null'), 5000, `the ping line\n${out}`);
    } finally {
      if (stream && stream.exitCode === null) process.kill(-stream.pid!, 'SIGTERM');
      if (server.exitCode === null) process.kill(-server.pid!, 'SIGTERM');
    }
  });
});
