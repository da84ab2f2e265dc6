/**
 * Starts the real server (`node dist/src/cli.js serve`) as a child process on
 * a free port with a config file of the test's making, and waits for /health.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { postApi } from './api-post';
import { spawnHealthy } from './process';

export const CLI = path.resolve(__dirname, '../../src/cli.js');
export const SECRET = 'test-hmac-secret';
export const API_KEY = 'test-api-key';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function tmpFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export interface ServerOptions {
  /** Merged over the base test config (secret, API key, quiet log). */
  config?: Record<string, unknown>;
  /** Set on top of the test process's environment, from which every GYRE_* variable is removed (gyreEnv). */
  env?: Record<string, string>;
  port?: number;
  /** Resolve once /health answers at all, whatever its status: for a server expected to stay unhealthy. */
  listening?: boolean;
}

export interface TestServer {
  port: number;
  wsUrl: string;
  httpUrl: string;
  apiUrl: string;
  proc: ChildProcess;
  configFile: string;
  /** stdout+stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends a signal (SIGTERM by default) and waits for the exit code, killing the server after STOP_GRACE_MS. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Calls the server API on a connection of its own (at most API_TIMEOUT_MS); returns the parsed JSON body. */
  api(method: string, params?: unknown): Promise<any>;
}

export function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
        ? deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** Longer than the shutdown_timeout (30 s by default) a server gives its own drain, so a clean exit is never cut. */
const STOP_GRACE_MS = 45_000;
const API_TIMEOUT_MS = 30_000;

export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  // freePort() frees the port it found before the server binds it, and the other lane's processes may take it
  // meanwhile: a start that fails on EADDRINUSE is tried again on another port (an explicit port never is).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOn(opts.port ?? (await freePort()), opts);
    } catch (err) {
      if (opts.port !== undefined || attempt === 3 || !String((err as Error)?.message ?? err).includes('EADDRINUSE')) throw err;
    }
  }
}

async function startServerOn(port: number, opts: ServerOptions): Promise<TestServer> {
  const config = deepMerge(
    { port, address: '127.0.0.1', token: { hmac_secret: SECRET }, api: { key: API_KEY }, log: { level: 'warn' } },
    opts.config ?? {},
  );
  const configFile = tmpFile('config.json', JSON.stringify(config, null, 2));
  const httpUrl = `http://127.0.0.1:${port}`;
  const p = await spawnHealthy(process.execPath, [CLI, 'serve', '--config', configFile], `${httpUrl}/health`, { env: opts.env, listening: opts.listening });
  return {
    port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/connection/websocket`,
    apiUrl: `${httpUrl}/api`,
    proc: p.proc,
    configFile,
    output: p.output,
    exited: p.exited,
    stop: (signal = 'SIGTERM') => p.stop(signal, STOP_GRACE_MS),
    api: (method, params = {}) => postJson(port, method, params),
  };
}

/**
 * Until `n` workers have logged that they serve (the server must log at info): /health answers as soon as the
 * first worker listens, and a test about several workers needs them all accepting connections.
 */
export function workersServing(server: TestServer, n: number, ms = 15_000): Promise<unknown> {
  return eventually(() => server.output().split('\n').filter((l) => l.includes('"msg":"worker serving"')).length >= n, ms, `${n} workers serving`);
}

/**
 * The status of a GET on a connection of its own (see api-post.ts for why not fetch: a pooled connection to a
 * worker a test killed fails before the server sees the request).
 */
export function statusOf(url: string, timeoutMs = API_TIMEOUT_MS): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** POSTs `params` to the API method on a connection of its own and parses the answer. */
async function postJson(port: number, method: string, params: unknown): Promise<any> {
  const { status, text } = await postApi({ port, path: `/api/${method}`, body: JSON.stringify(params), apiKey: API_KEY, timeoutMs: API_TIMEOUT_MS });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`/api/${method}: status ${status}, not JSON: ${(err as Error).message}`);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `fn` returns a truthy value (returned) or throws after `ms`. */
export async function eventually<T>(fn: () => T | Promise<T>, ms = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(25);
  }
}

/** `p`, or a rejection naming `what` once `ms` have passed: for a wait on something that may never come. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
