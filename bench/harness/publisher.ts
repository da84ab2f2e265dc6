/**
 * The publishing side of the benchmarks: publications through the HTTP server
 * API — `/api/publish` one at a time, or `/api/batch` with several publish
 * commands (run in turn, or `"parallel": true`) — over keep-alive connections
 * with a bounded number of requests in flight, as fast as they go or paced
 * at a rate, until a total, a stop, or a request bound. Counts what the
 * server acknowledged and times the requests answered while measuring.
 */
import http from 'node:http';
import { int, num } from './cli';
import { post } from './servers';

/**
 * - `publish`: `/api/publish`, one publication per request.
 * - `batch`: `/api/batch` with several publish commands, run one after another (Centrifugo's default).
 * - `batch-par`: the same with `"parallel": true` (the commands run concurrently).
 */
export type Mode = 'publish' | 'batch' | 'batch-par';
export const MODES: Mode[] = ['publish', 'batch', 'batch-par'];

export interface PublishOptions {
  port: number;
  mode: Mode;
  /** The channel of publication `seq` (0-based). */
  channel(seq: number): string;
  /** The data (JSON text) of publication `seq`, built when its request is. */
  data(seq: number): string;
  /** The tags of publication `seq` (the publish command's `tags`), when it has any. */
  tags?: (seq: number) => Record<string, string>;
  /** Publications per /api/batch request. */
  batch?: number;
  inflight: number;
  /** Publications in all (default: until stopped). */
  total?: number;
  /** Requests started per second at most; as fast as `inflight` allows when absent. */
  ratePerS?: number;
  stopped?: () => boolean;
  /** Requests answered while this is true are timed. */
  measuring?: () => boolean;
  /** At most this many requests (a bound besides time). */
  maxRequests?: number;
}

export interface PublishStats {
  /** Publications the server acknowledged without error. */
  accepted: number;
  /** Publications answered with an error, or in failed requests. */
  failed: number;
  requests: number;
  firstError?: string;
  /** Request latencies while measuring, ms. */
  latMs: number[];
  /** performance.now() ms of the first request and of the last answer. */
  startMs: number;
  endMs: number;
}

/** Options of a timed load: --channels round-robin, --warmup s before the --duration s measured, --payload bytes. */
export function windowOptions() {
  return {
    channels: int(1000, 'channels published to round-robin (target many)', { quick: 100 }),
    warmup: num(1, 'seconds published before the measured window', { quick: 0.2 }),
    duration: num(4, 'seconds measured', { quick: 0.5 }),
    payload: int(100, 'bytes of filler in every publication'),
  };
}

/** Options of /api/batch loads. */
export function batchOptions() {
  return {
    batch: int(50, 'publications per /api/batch request'),
    batchInflight: int(8, 'requests in flight, batch modes'),
  };
}

export const newStats = (): PublishStats => ({ accepted: 0, failed: 0, requests: 0, latMs: [], startMs: performance.now(), endMs: NaN });

/** Publishes until the total, a stop or the request bound; fills `stats` as answers arrive (read it live). */
export async function publish(o: PublishOptions, stats: PublishStats = newStats()): Promise<PublishStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.inflight });
  const k = o.mode === 'publish' ? 1 : (o.batch ?? 1);
  const total = o.total ?? Infinity;
  const maxRequests = o.maxRequests ?? Infinity;
  const t0 = performance.now();
  stats.startMs = t0;
  let nextSeq = 0;
  const pub = (s: number) => `"channel":${JSON.stringify(o.channel(s))},"data":${o.data(s)}${o.tags ? `,"tags":${JSON.stringify(o.tags(s))}` : ''}`;

  const one = async (): Promise<void> => {
    while (nextSeq < total && stats.requests < maxRequests && !o.stopped?.()) {
      const req = stats.requests++;
      if (o.ratePerS) {
        const wait = t0 + (req * 1000) / o.ratePerS - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        // Others took the last publications meanwhile, or the publisher was stopped.
        if (o.stopped?.() || nextSeq >= total) break;
      }
      const from = nextSeq;
      const to = Math.min(total, from + k);
      nextSeq = to;
      let body: string;
      if (o.mode === 'publish') body = `{${pub(from)}}`;
      else {
        const cmds: string[] = [];
        for (let s = from; s < to; s++) cmds.push(`{"publish":{${pub(s)}}}`);
        body = `{"commands":[${cmds.join(',')}]${o.mode === 'batch-par' ? ',"parallel":true' : ''}}`;
      }
      const sent = performance.now();
      try {
        const { status, text } = await post(agent, o.port, o.mode === 'publish' ? '/api/publish' : '/api/batch', body);
        if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
        const parsed = JSON.parse(text) as { result?: { replies?: Record<string, unknown>[] }; error?: unknown };
        if (o.mode === 'publish') {
          if (parsed.result === undefined || parsed.error !== undefined) throw new Error(`publish answer: ${text.slice(0, 200)}`);
          stats.accepted++;
        } else {
          const replies = parsed.result?.replies;
          if (!replies) throw new Error(`batch answer: ${text.slice(0, 200)}`);
          for (let i = 0; i < to - from; i++) {
            const r = replies[i];
            if (r && r['publish'] !== undefined && r['error'] === undefined) stats.accepted++;
            else {
              stats.failed++;
              stats.firstError ??= JSON.stringify(r);
            }
          }
        }
        if (o.measuring?.()) stats.latMs.push(performance.now() - sent);
      } catch (err) {
        stats.failed += to - from;
        stats.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: o.inflight }, one));
  stats.endMs = performance.now();
  agent.destroy();
  return stats;
}

/** Microseconds on this process's monotonic clock: the `ts` publications carry, compared on arrival in this process. */
export function nowUs(): number {
  return Math.round(performance.now() * 1000);
}

/** Publication data `{seq, ts, payload}`: seq to check every delivery, ts (nowUs) to time it. */
export function seqData(seq: number, filler: string): string {
  return `{"seq":${seq},"ts":${nowUs()},"payload":"${filler}"}`;
}
