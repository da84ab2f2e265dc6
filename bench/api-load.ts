/**
 * The server API side of the Redis-engine benchmarks: a Gyre with the `bench`
 * history namespace, and a load generator that keeps a bounded number of
 * `/api/publish` or `/api/batch` requests in flight, publishing round-robin
 * over a list of channels and counting what Gyre acknowledged.
 */
import http from 'node:http';
import path from 'node:path';
import { freePort, post, type ServerProcess, startProcess, tmpFile, waitForNodes } from './lib';
import { HISTORY_SIZE, HISTORY_TTL } from './redis-benchmark';

export const API_KEY = 'bench-api-key';
const CLI = path.resolve(__dirname, '../src/cli.js');

/**
 * - `publish`: `/api/publish`, one publication per request.
 * - `batch`: `/api/batch` with several publish commands, run one after another (Centrifugo's default).
 * - `batch-par`: the same with `"parallel": true` (the commands run concurrently).
 */
export type Mode = 'publish' | 'batch' | 'batch-par';

/**
 * Gyre with the `bench` history namespace; on the Redis engine when `redisUrl` (one URL or a list of
 * shards) is given, else on the memory engine.
 */
export async function startGyre(workers: number, redisUrl: string | string[] | undefined, prefix: string, nodeArgs: string[]): Promise<ServerProcess> {
  const port = await freePort();
  const ns = { name: 'bench', history_size: HISTORY_SIZE, history_ttl: HISTORY_TTL, force_recovery: true, allow_subscribe_for_client: true };
  const config = {
    port,
    address: '127.0.0.1',
    workers,
    ...(redisUrl ? { engine: 'redis', redis: { url: redisUrl, prefix } } : { engine: 'memory' }),
    shutdown_timeout: 3,
    token: { hmac_secret: 'bench-hmac-secret' },
    api: { key: API_KEY },
    log: { level: 'warn' },
    channel: { allow_subscribe_for_client: true, namespaces: [ns] },
  };
  const file = tmpFile('config.json', JSON.stringify(config, null, 2));
  const server = await startProcess([CLI, 'serve', '--config', file], port, 'gyre', undefined, nodeArgs);
  await waitForNodes(port, API_KEY, workers);
  return server;
}

/** Publication data: the same ~payload-byte JSON object the API publishes and redis-benchmark sends. */
export function dataJson(seq: number, filler: string): string {
  return `{"seq":${seq},"payload":"${filler}"}`;
}

export interface LoadStats {
  accepted: number;
  failed: number;
  firstError?: string;
  latMs: number[];
}

export interface LoadOptions {
  port: number;
  mode: Mode;
  channels: string[];
  inflight: number;
  batch: number;
  filler: string;
  /** Requests whose response arrives while this is true are timed. */
  measuring: () => boolean;
  stopped: () => boolean;
  /** At most this many requests in all (a bound besides time). */
  maxRequests: number;
}

/** Keeps `inflight` requests going until stopped; every publication goes to the next channel round-robin. */
export async function load(o: LoadOptions, stats: LoadStats): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.inflight });
  let seq = 0;
  let requests = 0;
  const pubJson = (s: number) => `"channel":${JSON.stringify(o.channels[s % o.channels.length])},"data":${dataJson(s, o.filler)}`;
  const one = async (): Promise<void> => {
    while (!o.stopped() && requests < o.maxRequests) {
      requests++;
      const k = o.mode === 'publish' ? 1 : o.batch;
      const from = seq;
      seq += k;
      let body: string;
      if (o.mode === 'publish') body = `{${pubJson(from)}}`;
      else {
        const cmds: string[] = [];
        for (let s = from; s < from + k; s++) cmds.push(`{"publish":{${pubJson(s)}}}`);
        body = `{"commands":[${cmds.join(',')}]${o.mode === 'batch-par' ? ',"parallel":true' : ''}}`;
      }
      const t0 = performance.now();
      try {
        const { status, text } = await post(agent, o.port, o.mode === 'publish' ? '/api/publish' : '/api/batch', API_KEY, body);
        if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
        const parsed = JSON.parse(text) as { result?: { offset?: number; replies?: Record<string, unknown>[] }; error?: unknown };
        if (o.mode === 'publish') {
          if (parsed.result && parsed.error === undefined && typeof parsed.result.offset === 'number') stats.accepted++;
          else throw new Error(`publish answer: ${text.slice(0, 200)}`);
        } else {
          const replies = parsed.result?.replies ?? [];
          for (let i = 0; i < k; i++) {
            const r = replies[i];
            if (r && r['publish'] !== undefined && r['error'] === undefined) stats.accepted++;
            else {
              stats.failed++;
              stats.firstError ??= JSON.stringify(r);
            }
          }
        }
        if (o.measuring()) stats.latMs.push(performance.now() - t0);
      } catch (err) {
        stats.failed += k;
        stats.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: o.inflight }, one));
  agent.destroy();
}
