/**
 * A private redis-server for tests: started on a free port, never the
 * machine's own Redis. `stop()` kills it; `restart()` brings it back on the
 * same port — empty, or with its data when started `persistent`.
 * `pause()`/`resume()` freeze and continue the process (a hung Redis).
 * With `tls` it listens with TLS only (redis-tls.ts) and its URL is rediss://.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { clientTls, setTls, tlsDataArgs } from './redis-tls';
import { freePort, sleep } from './server';

export interface TestRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Starts it again after stop(). */
  start(): Promise<void>;
  restart(): Promise<void>;
  pause(): void;
  resume(): void;
  /** The running redis-server process (a new one after restart()). */
  process(): ChildProcess;
}

/** Whether a Redis answers PING on `port` (over TLS on a port redis-tls.ts knows as TLS-only). */
export function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const secure = clientTls(port);
    const s = secure ? tls.connect({ ...secure, port, host: '127.0.0.1' }) : net.connect(port, '127.0.0.1');
    s.setTimeout(500);
    s.once(secure ? 'secureConnect' : 'connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * `persistent`: AOF with fsync on every write in a private directory, so a
 * restart keeps everything (the durability the README recommends).
 */
export async function startRedis(opts: { persistent?: boolean; tls?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort();
  const listen = opts.tls ? tlsDataArgs(port) : ['--port', String(port)];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-redis-'));
  const durability = opts.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let proc: ChildProcess;
  setTls(port, !!opts.tls);
  const launch = async () => {
    proc = spawn('redis-server', [...listen, '--bind', '127.0.0.1', '--save', '', ...durability, '--dir', dir, '--protected-mode', 'no'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}`);
      await sleep(20);
    }
  };
  const halt = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    port,
    url: `${opts.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    stop: halt,
    start: launch,
    async restart() {
      await halt();
      await launch();
    },
    pause: () => proc.kill('SIGSTOP'),
    resume: () => proc.kill('SIGCONT'),
    process: () => proc,
  };
}
