/**
 * The application's event handlers when Gyre is embedded: the in-process
 * twin of the proxy (src/proxy/proxy.ts). A handler gets what the proxy
 * endpoint would get as its request body, plus every header of the request
 * that opened the connection; what it returns is what the endpoint would
 * put in `result`, what it throws is the endpoint's `error` (a GyreError)
 * or `disconnect` (a GyreDisconnect). Answers pass the same checks
 * (readAnswer, the result readers, AnswerLimits) and the same timeout
 * (proxy.timeout), so a connection cannot tell an in-process handler from
 * an HTTP backend: the same codes, the same temporary flags, the same
 * bounds. A handler that throws anything else, or does not settle in time,
 * is a failed call: the client gets 100 (temporary) and retries, and the
 * failure is logged once a minute per event.
 *
 * An event with a handler never goes to the HTTP proxy; events without one
 * still do when their endpoint is set, so an application may answer some
 * events itself and leave others to a backend elsewhere.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Disconnect, DisconnectError } from '../disconnect';
import { ClientError } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/metrics';
import {
  type AnswerLimits,
  type Backend,
  FailureLog,
  headerText,
  type ProxyAnswer,
  type ProxyEvent,
  ProxyUnavailable,
  readAnswer,
  type ResultReader,
  settle,
} from '../proxy/proxy';
import type { JsonValue } from './types';

/** An error a handler throws to refuse: the client gets its code, message and temporary flag (the proxy's `error`). */
export class GyreError extends ClientError {
  override name = 'GyreError';
}

/** A handler throws this to end the connection with a code (3000–4999) and reason (the proxy's `disconnect`). */
export class GyreDisconnect extends DisconnectError {
  override name = 'GyreDisconnect';

  constructor(code: number, reason: string) {
    super(new Disconnect(code, reason));
  }
}

/** Payload bytes as the client sent them, and their JSON value when they hold JSON text. */
export interface EventPayload {
  /** The payload parsed as JSON; undefined when there is none or it is not JSON (a protobuf client's binary data). */
  data?: JsonValue;
  /** The payload as the client sent it. */
  rawData?: Buffer;
}

/** Who is asking, on every event. */
export interface EventClient {
  /** The connection's id. */
  client: string;
  /** `websocket`, `sockjs`, `http_stream`, `sse`, `uni_websocket`, `uni_http_stream`, `uni_sse`. */
  transport: string;
  /** `json` or `protobuf`. */
  protocol: string;
  encoding: 'json';
  /**
   * The headers of the request that opened the connection, names in lower
   * case, repeated ones joined with ", ": cookies, authorization, the
   * application's session.
   */
  headers: Record<string, string>;
}

export interface ConnectingEvent extends EventClient, EventPayload {
  name?: string;
  version?: string;
  /** Channels the client asks to be subscribed to server-side (those it held before a reconnect). */
  channels?: string[];
}

export interface UserEvent extends EventClient {
  /** The connection's user ('' for an anonymous one). */
  user: string;
}

export interface SubscribeEvent extends UserEvent, EventPayload {
  channel: string;
}
export interface PublishEvent extends UserEvent, EventPayload {
  channel: string;
}
export interface RpcEvent extends UserEvent, EventPayload {
  method?: string;
}
export type RefreshEvent = UserEvent;
export interface SubRefreshEvent extends UserEvent {
  channel: string;
}

/**
 * A payload handed to Gyre: bytes sent as they are (`b64data` of the proxy),
 * or any value JSON.stringify writes (objects of your own types included);
 * one it cannot write (a BigInt, a cycle, a function) is refused as bad input.
 */
export type Payload = Uint8Array | JsonValue | object;

/** Per-channel extras of a server-side subscription made at connect. */
export interface ServerSideSubscription {
  info?: Payload;
  data?: Payload;
  override?: ChannelOverride;
}

/** Namespace options a connection or subscription may turn on or off for itself (the token's `override`). */
export interface ChannelOverride {
  presence?: { value: boolean };
  join_leave?: { value: boolean };
  force_push_join_leave?: { value: boolean };
  force_positioning?: { value: boolean };
  force_recovery?: { value: boolean };
}

/** Who the connection is: the connect proxy's `result`. Returning nothing makes it anonymous where that is allowed (else 3501). */
export interface ConnectingResult {
  user: string;
  info?: Payload;
  /** Unix seconds; absent or 0: the connection never expires. */
  expire_at?: number;
  /** Channels to subscribe the connection to server-side. */
  channels?: string[];
  subs?: Record<string, ServerSideSubscription>;
  /** Sent to the client in its connect reply. */
  data?: Payload;
}

export interface SubscribeResult {
  info?: Payload;
  data?: Payload;
  override?: ChannelOverride;
  expire_at?: number;
}

export interface PublishResult {
  /** Replaces the data the client published. */
  data?: Payload;
  skip_history?: boolean;
}

export interface RpcResult {
  data?: Payload;
}

export interface RefreshResult {
  /** The connection (or subscription) ends now. */
  expired?: boolean;
  expire_at?: number;
  info?: Payload;
}

/** A connection is up: its connect reply is on its way. Not a request, so it cannot answer; its end is told once, by a DisconnectEvent. */
export interface ConnectEvent {
  client: string;
  user: string;
  transport: string;
  protocol: string;
  /** The headers of the request that opened the connection, as the handlers get them. */
  headers: Record<string, string>;
}

/** What a connection's end tells the application; not a request, so it cannot answer. */
export interface DisconnectEvent {
  client: string;
  user: string;
  transport: string;
  code: number;
  reason: string;
}

type MaybePromise<T> = T | Promise<T>;

/** The handlers an application may set, by the proxy event each stands for. */
export interface EventHandlers {
  connect: (e: ConnectingEvent) => MaybePromise<ConnectingResult | null | undefined | void>;
  subscribe: (e: SubscribeEvent) => MaybePromise<SubscribeResult | null | undefined | void>;
  publish: (e: PublishEvent) => MaybePromise<PublishResult | null | undefined | void>;
  rpc: (e: RpcEvent) => MaybePromise<RpcResult | null | undefined | void>;
  refresh: (e: RefreshEvent) => MaybePromise<RefreshResult | null | undefined | void>;
  sub_refresh: (e: SubRefreshEvent) => MaybePromise<RefreshResult | null | undefined | void>;
}

export interface InProcessOptions {
  /** proxy.timeout, in milliseconds: a handler that takes longer is a failed call. */
  timeoutMs: number;
  limits: AnswerLimits;
  /** The HTTP proxy, for events without a handler (absent when no endpoint is set). */
  http?: Backend;
  metrics: Metrics;
  log: Logger;
}

/**
 * The application's handlers in front of the HTTP proxy; see the file comment.
 * Only an embedding application's connections use it (a server's use the
 * ProxyClient itself), so they keep every header for the handlers.
 */
export class InProcessBackend implements Backend {
  private readonly handlers = new Map<ProxyEvent, (e: never) => unknown>();
  private inFlight = 0;
  readonly failures: FailureLog;
  readonly limits: AnswerLimits;
  readonly metrics: Metrics;

  constructor(private readonly options: InProcessOptions) {
    this.limits = options.limits;
    this.failures = new FailureLog(options.log, 'handler');
    this.metrics = options.metrics;
  }

  set<E extends ProxyEvent>(event: E, handler: EventHandlers[E]): void {
    this.handlers.set(event, handler as (e: never) => unknown);
  }

  has(event: ProxyEvent): boolean {
    return this.handlers.has(event) || !!this.options.http?.has(event);
  }

  /** Handlers see every header, as the application's own routes do; the HTTP proxy still gets only its allow-list (call). */
  pickHeaders(headers: IncomingHttpHeaders | Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!headers) return out;
    for (const [name, v] of Object.entries(headers)) {
      const text = headerText(v);
      if (text !== undefined) out[name] = text;
    }
    return out;
  }

  get active(): number {
    return this.inFlight + (this.options.http?.active ?? 0);
  }

  async call<T>(event: ProxyEvent, body: Record<string, unknown>, forwarded: Record<string, string>, read: ResultReader<T>): Promise<ProxyAnswer<T>> {
    const handler = this.handlers.get(event);
    if (!handler) {
      const http = this.options.http;
      if (!http?.has(event)) throw new ProxyUnavailable(`no ${event} handler`);
      return http.call(event, body, http.pickHeaders(forwarded), read);
    }
    this.inFlight++;
    try {
      return await settle(event, read, this, async () => readAnswer(await this.ask(event, handler, eventOf(body, forwarded)), this.limits));
    } finally {
      this.inFlight--;
    }
  }

  /** Runs the handler and puts what it did in the proxy's answer form: `{result}`, `{error}`, `{disconnect}` or `{}`. */
  private async ask(event: ProxyEvent, handler: (e: never) => unknown, e: object): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const { timeoutMs } = this.options;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProxyUnavailable(`${event} handler did not settle in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(() => handler(e as never)), late]);
      if (result === undefined || result === null) return {};
      if (typeof result !== 'object' || Array.isArray(result)) throw new ProxyUnavailable(`${event} handler returned ${Array.isArray(result) ? 'an array' : typeof result}, not an object`, 'invalid');
      return { result };
    } catch (err) {
      if (err instanceof ProxyUnavailable) throw err;
      if (err instanceof ClientError) return { error: { code: err.code, message: err.message, temporary: err.temporary } };
      if (err instanceof DisconnectError) return { disconnect: { code: err.disconnect.code, reason: err.disconnect.reason } };
      throw new ProxyUnavailable(`${event} handler threw: ${err instanceof Error ? err.message : String(err)}`, 'threw', err);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The event a handler gets: the proxy's request body, the payload both as bytes and as JSON, and the headers. */
function eventOf(body: Record<string, unknown>, headers: Record<string, string>): object {
  const { data: raw, ...fields } = body;
  if (!Buffer.isBuffer(raw)) return { ...fields, headers };
  const data = parseJson(raw);
  return data === undefined ? { ...fields, rawData: raw, headers } : { ...fields, data, rawData: raw, headers };
}

function parseJson(buf: Buffer): JsonValue | undefined {
  try {
    return JSON.parse(buf.toString('utf8')) as JsonValue;
  } catch {
    return undefined;
  }
}
