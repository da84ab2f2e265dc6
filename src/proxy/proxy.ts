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
 * backend. A backend that is down, slow, answers other than 200 or not JSON,
 * or an answer past the bounds of AnswerLimits, is a ProxyUnavailable:
 * callers answer with a temporary error (the client retries) and never drop
 * existing connections for it.
 *
 * The backend's own error and disconnect answers reach the client unchanged,
 * whatever the code, as Centrifugo passes them (its proxyproto
 * ErrorFromProto/DisconnectFromProto copy code, message and temporary): 103
 * "permission denied" is the usual way to refuse a subscription.
 */
import http from 'node:http';
import https from 'node:https';
import { closeReason } from '../disconnect';
import type { Logger } from '../log';
import { type Metrics, noMetrics } from '../metrics/metrics';
import { serialize } from '../protocol/codec-json';
import { isObject } from '../protocol/json-values';

export type ProxyEvent = 'connect' | 'refresh' | 'subscribe' | 'publish' | 'sub_refresh' | 'rpc';

/** The backend's answer, as its protocol defines it; a result as the caller's reader made it. */
export type ProxyAnswer<T> =
  | { kind: 'result'; value: T }
  | { kind: 'none' }
  | { kind: 'error'; code: number; message: string; temporary: boolean }
  | { kind: 'disconnect'; code: number; reason: string };

/** Reads the fields an event's result may carry; throws ProxyUnavailable for a field it cannot accept. */
export type ResultReader<T> = (result: Record<string, unknown>, limits: AnswerLimits) => T;

/** Why a call gave nothing usable: the backend could not be asked, answered nonsense, answered too much, or (in-process) its handler threw. */
export type FailureKind = 'unreachable' | 'invalid' | 'oversized' | 'threw';

/**
 * What a connection asks the application through: the HTTP proxy
 * (ProxyClient) or, when Gyre is embedded, handlers in the application's own
 * process (src/library/handlers.ts). Both answer with the same ProxyAnswer,
 * checked by the same bounds, so a client cannot tell them apart.
 */
export interface Backend {
  readonly limits: AnswerLimits;
  /** Whether the event goes to the backend at all. */
  has(event: ProxyEvent): boolean;
  /** What a connection keeps of its opening request's headers, to pass on every call. */
  pickHeaders(headers: http.IncomingHttpHeaders | Record<string, string> | undefined): Record<string, string>;
  /** Asks; ProxyUnavailable when there is no usable answer (the caller answers 100, temporary). */
  call<T>(event: ProxyEvent, body: Record<string, unknown>, forwarded: Record<string, string>, read: ResultReader<T>): Promise<ProxyAnswer<T>>;
  /** Calls in flight now (for tests and metrics). */
  readonly active: number;
}

/** The backend could not be asked or did not answer usably. */
export class ProxyUnavailable extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind = 'unreachable',
    /** What an in-process handler threw: logged with its stack, a bug in the application to chase. */
    readonly thrown?: unknown,
  ) {
    super(message);
  }
}

export interface ProxyOptions {
  endpoints: Partial<Record<ProxyEvent, string>>;
  timeoutMs: number;
  /** Most calls in flight at once in this worker. */
  concurrency: number;
  /** Added to every call; forwarded headers of the same name win. */
  staticHeaders: Record<string, string>;
  /** Lower-case names of the opening request's headers forwarded on every call of that connection. */
  forwardHeaders: string[];
  /** Largest message a client may send (websocket.message_size_limit): the bound of info the backend attaches. */
  maxPayload: number;
  /** Most channels one connection may hold (client.channel_limit): the bound of a connect result's channels. */
  maxChannels: number;
}

/**
 * What one backend answer may carry. The backend is the application's own,
 * but it may echo what users typed (a name as the user id, input in an error
 * message), and what it answers is kept per connection or sent on to
 * clients. Each bound is far past what a sane answer holds; an answer past
 * one is a failed call (100, the client retries, logged), never cut or
 * passed on.
 */
export interface AnswerLimits {
  /** The whole answer, bytes, checked while reading: bounds every field, `data` included (an RPC reply, a publication). */
  answer: number;
  /** An error message or disconnect reason, UTF-8 bytes (a reason is then fit into a close frame, 123 bytes). */
  text: number;
  /** A user id, UTF-8 bytes: it is in every publication, presence entry and join of the connection. */
  user: number;
  /** Connection or channel info, bytes: kept for the connection's life and sent with its every publication, so no more than a client may send itself (as a token's info). */
  info: number;
  /** Server-side channels in one connect result (`channels` and `subs` each): more than a connection may hold is useless. */
  channels: number;
}

export function answerLimits(o: Pick<ProxyOptions, 'maxPayload' | 'maxChannels'>): AnswerLimits {
  return { answer: 1024 * 1024, text: 1024, user: 1024, info: o.maxPayload, channels: o.maxChannels };
}

/** How long a failure of one event and kind stays quiet after it was logged. */
const FAILURE_LOG_MS = 60_000;

/**
 * Backend failures are logged once per event and kind of failure per
 * worker per minute, the line counting the failures since the last one: a
 * backend that is down or answers oversized values would otherwise write a
 * line per client retry.
 */
export class FailureLog {
  private readonly seen = new Map<string, { at: number; since: number }>();

  constructor(
    private readonly log: Logger | undefined,
    /** What the line calls the call: 'proxy call' (HTTP) or 'handler' (in-process). */
    private readonly what = 'proxy call',
  ) {}

  note(event: ProxyEvent, err: ProxyUnavailable): void {
    // Keys are event × kind: at most 24.
    const key = `${event} ${err.kind}`;
    const now = Date.now();
    const last = this.seen.get(key);
    if (last && now - last.at < FAILURE_LOG_MS) {
      last.since++;
      return;
    }
    const fields = { event, kind: err.kind, ...(last ? { failuresSinceLastLine: last.since } : {}) };
    if (err.kind === 'threw') this.log?.error({ ...fields, err: err.thrown }, `${this.what} threw`);
    else this.log?.warn({ ...fields, err: err.message }, `${this.what} failed`);
    this.seen.set(key, { at: now, since: 0 });
  }
}

export class ProxyClient implements Backend {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };
  readonly limits: AnswerLimits;
  readonly failures: FailureLog;
  private readonly urls = new Map<string, URL>();

  constructor(
    readonly options: ProxyOptions,
    readonly metrics: Metrics = noMetrics,
    log?: Logger,
  ) {
    this.limits = answerLimits(options);
    this.failures = new FailureLog(log);
  }

  /** Whether the event is proxied (its endpoint is set). */
  has(event: ProxyEvent): boolean {
    return !!this.options.endpoints[event];
  }

  /** Calls in flight now (for tests and metrics). */
  get active(): number {
    return this.inFlight;
  }

  /** The forwarded part of a connection's opening request headers. */
  pickHeaders(headers: http.IncomingHttpHeaders | Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!headers) return out;
    for (const name of this.options.forwardHeaders) {
      const v = headerText(headers[name]);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /**
   * Asks the backend; a result is handed to `read`. ProxyUnavailable when the
   * call or the answer failed (logged here, once a minute per event and kind).
   */
  async call<T>(event: ProxyEvent, body: Record<string, unknown>, forwarded: Record<string, string>, read: ResultReader<T>): Promise<ProxyAnswer<T>> {
    const endpoint = this.options.endpoints[event];
    if (!endpoint) throw new ProxyUnavailable(`no ${event} proxy`);
    await this.slot();
    try {
      // serialize, not JSON.stringify: payloads are Buffers holding JSON text, embedded as they are.
      return await settle(event, read, this, async () => parseAnswer(await this.post(endpoint, serialize(body), forwarded), this.limits));
    } finally {
      this.release();
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
      // Parsed once per endpoint (at most six), not per call: it showed in profiles of connect storms.
      let url = this.urls.get(endpoint);
      if (!url) {
        try {
          url = new URL(endpoint);
        } catch {
          reject(new ProxyUnavailable(`bad proxy endpoint ${endpoint}`));
          return;
        }
        this.urls.set(endpoint, url);
      }
      const secure = url.protocol === 'https:';
      const headers = { ...this.options.staticHeaders, ...forwarded, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      const req = (secure ? https : http).request(url, { method: 'POST', headers, agent: secure ? this.agents.https : this.agents.http }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > this.limits.answer) req.destroy(new ProxyUnavailable(`answer larger than ${this.limits.answer} bytes`, 'oversized'));
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

/**
 * One call to the application, measured: the answer, its result read by
 * `read`; a call without a usable answer noted in the failure log (once a
 * minute per event and kind) and thrown as ProxyUnavailable.
 */
export async function settle<T>(
  event: ProxyEvent,
  read: ResultReader<T>,
  by: { limits: AnswerLimits; failures: FailureLog; metrics: Metrics },
  ask: () => Promise<ProxyAnswer<Record<string, unknown>>>,
): Promise<ProxyAnswer<T>> {
  const started = performance.now();
  let failed = true;
  try {
    const answer = await ask();
    const out: ProxyAnswer<T> = answer.kind === 'result' ? { kind: 'result', value: read(answer.value, by.limits) } : answer;
    failed = false;
    return out;
  } catch (err) {
    if (err instanceof ProxyUnavailable) by.failures.note(event, err);
    throw err;
  } finally {
    by.metrics.proxyCall(event, (performance.now() - started) / 1000, failed);
  }
}

/** A header's value as one string: repeated ones joined with ", ", as Node joins most. */
export function headerText(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : undefined;
}

/** The largest error code the protocol carries (Error.code is a uint32). */
const MAX_ERROR_CODE = 0xffffffff;

/**
 * Reads an answer: disconnect first, then error, then a result object (left
 * to the event's reader); anything unreadable is ProxyUnavailable. Codes pass
 * as the backend chose them, with two guards: an error code must be one the
 * protocol can carry, and a disconnect code one a WebSocket close frame can
 * (3000–4999, as the server API's disconnect takes).
 */
export function parseAnswer(text: string, limits: AnswerLimits): ProxyAnswer<Record<string, unknown>> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ProxyUnavailable('backend answer is not JSON', 'invalid');
  }
  return readAnswer(v, limits);
}

/** An answer already parsed (or built in-process from what a handler threw or returned), checked as parseAnswer says. */
export function readAnswer(v: unknown, limits: AnswerLimits): ProxyAnswer<Record<string, unknown>> {
  if (!isObject(v)) throw new ProxyUnavailable('backend answer is not a JSON object', 'invalid');
  const d = v['disconnect'];
  if (isObject(d)) {
    const code = d['code'];
    if (!isInteger(code, 3000, 4999)) throw new ProxyUnavailable('disconnect code must be an integer within 3000..4999', 'invalid');
    return { kind: 'disconnect', code, reason: closeReason(boundedText(d['reason'], 'disconnect reason', limits)) };
  }
  const e = v['error'];
  if (isObject(e)) {
    const code = e['code'];
    if (!isInteger(code, 0, MAX_ERROR_CODE)) throw new ProxyUnavailable(`error code must be an integer within 0..${MAX_ERROR_CODE}`, 'invalid');
    return { kind: 'error', code, message: boundedText(e['message'], 'error message', limits), temporary: e['temporary'] === true };
  }
  const r = v['result'];
  if (isObject(r)) return { kind: 'result', value: r };
  return { kind: 'none' };
}

function isInteger(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** A message or reason: a string within limits.text bytes ('' when absent or not a string). */
function boundedText(v: unknown, what: string, limits: AnswerLimits): string {
  if (typeof v !== 'string') return '';
  if (Buffer.byteLength(v) > limits.text) throw new ProxyUnavailable(`${what} longer than ${limits.text} bytes`, 'oversized');
  return v;
}
