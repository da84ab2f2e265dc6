/**
 * Asking the application backend: Centrifugo's HTTP proxy protocol (a JSON
 * POST per event; the answer `{"result"}`, `{"error"}` or `{"disconnect"}`,
 * disconnect first, then error). The six events are connect, refresh,
 * subscribe, publish, sub_refresh and rpc, each on when its endpoint is set.
 *
 * Every call is bounded: a timeout for the whole exchange (`proxy.timeout`),
 * a keep-alive agent so calls reuse connections, and at most
 * `proxy.concurrency` calls in flight per worker, the rest waiting in order,
 * so a reconnect storm queues instead of opening thousands of sockets to the
 * backend. A backend that is down, slow, answers other than 200 or not JSON is
 * a ProxyUnavailable: callers answer with a temporary error (the client
 * retries) and never drop existing connections for it.
 *
 * The backend's own error and disconnect answers reach the client unchanged,
 * whatever the code, as Centrifugo passes them (its proxyproto
 * ErrorFromProto/DisconnectFromProto copy code, message and temporary): 103
 * "permission denied" is the usual way to refuse a subscription.
 */
import http from 'node:http';
import https from 'node:https';
import { closeReason } from '../disconnect';
import { type Metrics, noMetrics } from '../metrics/metrics';
import { serialize } from '../protocol/codec-json';
import { isObject } from '../protocol/json-values';

export type ProxyEvent = 'connect' | 'refresh' | 'subscribe' | 'publish' | 'sub_refresh' | 'rpc';

/** The backend's answer, as its protocol defines it. */
export type ProxyAnswer =
  | { kind: 'result'; result: Record<string, unknown> }
  | { kind: 'none' }
  | { kind: 'error'; code: number; message: string; temporary: boolean }
  | { kind: 'disconnect'; code: number; reason: string };

/** The backend could not be asked or did not answer usably. */
export class ProxyUnavailable extends Error {}

export interface ProxyOptions {
  endpoints: Partial<Record<ProxyEvent, string>>;
  timeoutMs: number;
  /** Most calls in flight at once in this worker. */
  concurrency: number;
  /** Added to every call; forwarded headers of the same name win. */
  staticHeaders: Record<string, string>;
  /** Lower-case names of the opening request's headers forwarded on every call of that connection. */
  forwardHeaders: string[];
}

/** Largest backend answer read: a bound like every other input. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export class ProxyClient {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };

  constructor(
    readonly options: ProxyOptions,
    private readonly metrics: Metrics = noMetrics,
  ) {}

  /** Whether the event is proxied (its endpoint is set). */
  has(event: ProxyEvent): boolean {
    return !!this.options.endpoints[event];
  }

  /** Calls in flight now (for tests and metrics). */
  get active(): number {
    return this.inFlight;
  }

  /** The forwarded part of a connection's opening request headers. */
  pickHeaders(headers: http.IncomingHttpHeaders | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!headers) return out;
    for (const name of this.options.forwardHeaders) {
      const v = headers[name];
      if (typeof v === 'string') out[name] = v;
      else if (Array.isArray(v)) out[name] = v.join(', ');
    }
    return out;
  }

  async call(event: ProxyEvent, body: Record<string, unknown>, forwarded: Record<string, string>): Promise<ProxyAnswer> {
    const endpoint = this.options.endpoints[event];
    if (!endpoint) throw new ProxyUnavailable(`no ${event} proxy`);
    await this.slot();
    const started = performance.now();
    let failed = true;
    try {
      // serialize, not JSON.stringify: payloads are Buffers holding JSON text, embedded as they are.
      const answer = parseAnswer(await this.post(endpoint, serialize(body), forwarded));
      failed = false;
      return answer;
    } finally {
      this.release();
      this.metrics.proxyCall(event, (performance.now() - started) / 1000, failed);
    }
  }

  /** Takes a slot, or waits for one: a finished call hands its slot to the oldest waiter directly. */
  private slot(): Promise<void> {
    if (this.inFlight < this.options.concurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  private post(endpoint: string, body: string, forwarded: Record<string, string>): Promise<string> {
    return new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        reject(new ProxyUnavailable(`bad proxy endpoint ${endpoint}`));
        return;
      }
      const secure = url.protocol === 'https:';
      const headers = { ...this.options.staticHeaders, ...forwarded, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      const req = (secure ? https : http).request(url, { method: 'POST', headers, agent: secure ? this.agents.https : this.agents.http }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new ProxyUnavailable('answer too large'));
          else chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new ProxyUnavailable(`backend answered ${res.statusCode}`));
          else resolve(Buffer.concat(chunks).toString('utf8'));
        });
        res.on('error', (err) => reject(new ProxyUnavailable(err.message)));
      });
      req.setTimeout(this.options.timeoutMs, () => req.destroy(new ProxyUnavailable(`no answer in ${this.options.timeoutMs} ms`)));
      req.on('error', (err) => reject(err instanceof ProxyUnavailable ? err : new ProxyUnavailable(err.message)));
      req.end(body);
    });
  }
}

/** The largest error code the protocol carries (Error.code is a uint32). */
const MAX_ERROR_CODE = 0xffffffff;

/**
 * Reads an answer: disconnect first, then error, then result; anything
 * unreadable is ProxyUnavailable. Codes pass as the backend chose them, with
 * two guards: an error code must be one the protocol can carry, and a
 * disconnect code one a WebSocket close frame can (3000–4999, as the server
 * API's disconnect takes).
 */
export function parseAnswer(text: string): ProxyAnswer {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ProxyUnavailable('backend answer is not JSON');
  }
  if (!isObject(v)) throw new ProxyUnavailable('backend answer is not a JSON object');
  const d = v['disconnect'];
  if (isObject(d)) {
    const code = d['code'];
    if (!isInteger(code, 3000, 4999)) throw new ProxyUnavailable('disconnect code must be an integer within 3000..4999');
    return { kind: 'disconnect', code, reason: closeReason(typeof d['reason'] === 'string' ? d['reason'] : '') };
  }
  const e = v['error'];
  if (isObject(e)) {
    const code = e['code'];
    if (!isInteger(code, 0, MAX_ERROR_CODE)) throw new ProxyUnavailable(`error code must be an integer within 0..${MAX_ERROR_CODE}`);
    return { kind: 'error', code, message: typeof e['message'] === 'string' ? e['message'] : '', temporary: e['temporary'] === true };
  }
  const r = v['result'];
  if (isObject(r)) return { kind: 'result', result: r };
  return { kind: 'none' };
}

function isInteger(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
