/**
 * The server API methods (Centrifugo's names, params and results), shared by
 * every way a backend reaches them: `POST /api/<method>`, the legacy
 * newline-delimited `POST /api`, `batch`, and — later — the Redis queues.
 * Each method validates its params (107 naming the param), then acts on the
 * node; failures are ClientErrors with the documented code.
 */
import { MAX_GLOB_LENGTH } from '../channel/glob';
import { Disconnect, Disconnects } from '../disconnect';
import { BatchTooLarge, type BatchItem, type Outcome, runItems } from './batch';
import { ClientError, Errors } from '../errors';
import { historyResult, presenceStatsResult, toProtoPublication } from '../protocol/prepared-push';
import type { QueuedPublish } from '../ingest/store';
import { type ApiSource, type Metrics, noMetrics } from '../metrics/metrics';
import type { PublishParams } from '../channel/service';
import type { NodeControl } from '../node/control';
import type { Node } from '../node/node';
import {
  bad,
  isObject,
  optionalBool,
  optionalInt,
  optionalPosition,
  optionalString,
  optionalStringList,
  optionalTags,
  type Params,
  payload,
  requiredString,
} from './params';

/** Where a call comes from when it is not the HTTP API: a Redis queue item (see src/ingest). */
export interface CallContext {
  /** Used when the params carry no idempotency_key, so a retried item never applies twice. */
  idempotencyKey?: string;
  /** Where the command came from, for metrics: the HTTP API (default), a Redis queue, the GRPC API. */
  source?: ApiSource;
}

type Method = (node: Node, p: Params, api: ApiExecutor, ctx: CallContext) => Promise<object>;

/** Centrifugo's numeric method ids, accepted by the legacy `/api` endpoint. */
const METHOD_IDS = ['publish', 'broadcast', 'unsubscribe', 'disconnect', 'presence', 'presence_stats', 'history', 'history_remove', 'channels', 'info', 'rpc', 'refresh', 'subscribe'];

/** What a request costs against api.max_batch_size: one per command, one per channel of a broadcast. */
export function units(items: BatchItem[]): number {
  let n = 0;
  for (const item of items) {
    const channels = item.method === 'broadcast' && isObject(item.params) ? item.params['channels'] : undefined;
    n += Array.isArray(channels) ? Math.max(1, channels.length) : 1;
  }
  return n;
}


/** A publish's payload and options from its params (107 naming what is wrong). */
function publishParams(p: Params, ctx: CallContext): { data: Buffer; params: PublishParams } {
  const data = payload(p, 'data');
  if (data === undefined) throw bad('data required');
  // Centrifugo's publisher opt-in to deltas. Gyre makes deltas of every publication for subscribers that negotiated
  // them (the worker keeps the previous payload), so it needs no opt-in: the flag is checked and changes nothing.
  optionalBool(p, 'delta');
  return {
    data,
    params: {
      tags: optionalTags(p),
      idempotencyKey: optionalString(p, 'idempotency_key') ?? ctx.idempotencyKey,
      skipHistory: optionalBool(p, 'skip_history'),
    },
  };
}

async function publishOne(node: Node, p: Params, channel: string, ctx: CallContext = {}): Promise<object> {
  const { data, params } = publishParams(p, ctx);
  const r = await node.publish(channel, data, params);
  return r.position ? { offset: r.position.offset, epoch: r.position.epoch } : {};
}

function target(p: Params) {
  return { user: requiredString(p, 'user'), client: optionalString(p, 'client') };
}

const METHODS: Record<string, Method> = {
  publish: (node, p, _api, ctx) => publishOne(node, p, requiredString(p, 'channel'), ctx),

  async broadcast(node, p, api, ctx) {
    const channels = optionalStringList(p, 'channels');
    if (channels.length === 0) throw bad('channels required');
    api.checkSize(channels.length, 'broadcast channels');
    // Idempotency results are per channel, so one key covers the whole broadcast; no ack here (several publishes).
    const each: CallContext = { idempotencyKey: ctx.idempotencyKey };
    const responses: object[] = [];
    await runItems(
      channels.map((ch) => ({ method: 'publish', params: ch })),
      true,
      (_m, ch) => publishOne(node, p, ch as string, each),
      (o) => void responses.push(o.ok ? { result: o.result } : { error: errorBody(o.error) }),
    );
    return { responses };
  },

  async subscribe(_node, p, api) {
    const channel = requiredString(p, 'channel');
    await api.control.subscribeUser(target(p), channel, {
      info: payload(p, 'info'),
      data: payload(p, 'data'),
      since: optionalPosition(p, 'recover_since'),
    });
    return {};
  },

  async unsubscribe(node, p, api) {
    const channel = requiredString(p, 'channel');
    node.rules.resolve(channel);
    await api.control.unsubscribeUser(target(p), channel);
    return {};
  },

  async disconnect(_node, p, api) {
    let d = Disconnects.forceNoReconnect;
    const custom = p['disconnect'];
    if (custom !== undefined && custom !== null) {
      if (!isObject(custom)) throw bad('disconnect must be an object {code, reason}');
      const code = optionalInt(custom, 'code', d.code);
      if (code < 3000 || code > 4999) throw bad('disconnect.code must be within 3000..4999');
      const reason = optionalString(custom, 'reason') ?? d.reason;
      if (Buffer.byteLength(reason) > 120) throw bad('disconnect.reason must fit 120 bytes');
      d = new Disconnect(code, reason);
    }
    await api.control.disconnectUser(target(p), d, optionalStringList(p, 'whitelist'));
    return {};
  },

  async refresh(_node, p, api) {
    await api.control.refreshUser(target(p), {
      expired: optionalBool(p, 'expired'),
      expireAt: optionalInt(p, 'expire_at', 0) || undefined,
      info: payload(p, 'info'),
    });
    return {};
  },

  async presence(node, p) {
    return { presence: await node.presence(requiredString(p, 'channel')) };
  },

  async presence_stats(node, p) {
    return presenceStatsResult(await node.presenceStats(requiredString(p, 'channel')));
  },

  async history(node, p) {
    const channel = requiredString(p, 'channel');
    // Not capped: history_max_publication_limit bounds client commands; a backend gets what it asks for (-1 = all).
    const r = await node.history(channel, {
      limit: optionalInt(p, 'limit', 0),
      since: optionalPosition(p, 'since'),
      reverse: optionalBool(p, 'reverse'),
    });
    // Binary data reaches a JSON answer as base64 in `b64data`, the field a backend publishes it with.
    const binary = node.rules.resolve(channel).options.publication_data_format === 'binary';
    return historyResult(r, (pub) => {
      const out = toProtoPublication(pub);
      return binary ? { ...out, data: undefined, b64data: pub.data.length ? pub.data.toString('base64') : undefined } : out;
    });
  },

  async history_remove(node, p) {
    await node.removeHistory(requiredString(p, 'channel'));
    return {};
  },

  async channels(_node, p, api) {
    const out: Record<string, { num_clients: number }> = {};
    const pattern = optionalString(p, 'pattern');
    if (pattern !== undefined && pattern.length > MAX_GLOB_LENGTH) throw bad(`pattern must be at most ${MAX_GLOB_LENGTH} characters`);
    for (const [ch, n] of await api.control.channels(pattern)) out[ch] = { num_clients: n };
    return { channels: out };
  },

  async info(_node, _p, api) {
    return { nodes: api.control.nodes() };
  },

  async batch(_node, p, api, ctx) {
    const { items, parallel } = api.batchItems(p);
    const replies: object[] = [];
    await api.runItems(items, parallel, (o, i) => void replies.push(batchReply(items[i]!, o)), { source: ctx.source });
    return { replies };
  },
};

/** A batch reply: `{<method>: result}` or `{error}`. */
export function batchReply(item: BatchItem, o: Outcome): object {
  return o.ok ? { [item.method]: o.result } : { error: errorBody(o.error) };
}

export function errorBody(err: unknown): { code: number; message: string; temporary?: boolean } {
  return (err instanceof ClientError ? err : Errors.internal).toProto();
}

export class ApiExecutor {
  constructor(
    private readonly node: Node,
    readonly control: NodeControl,
    /** api.max_batch_size */
    private readonly maxBatchSize: number,
    private readonly metrics: Metrics = noMetrics,
  ) {}

  /** Throws BatchTooLarge when one request holds more than api.max_batch_size commands (or broadcast channels). */
  checkSize(count: number, what = 'commands'): void {
    if (count > this.maxBatchSize) throw new BatchTooLarge(this.maxBatchSize, what);
  }

  /**
   * A batch request's commands, checked: 107 for a malformed list,
   * BatchTooLarge when its commands, counting every channel of a broadcast,
   * exceed api.max_batch_size. A malformed entry is answered in its place.
   */
  batchItems(p: Params): { items: BatchItem[]; parallel: boolean } {
    const commands = p['commands'];
    if (!Array.isArray(commands)) throw bad('commands must be a list');
    this.checkSize(commands.length);
    const items = commands.map((cmd): BatchItem => {
      if (!isObject(cmd) || Object.keys(cmd).length !== 1) return { method: '', params: null, refused: bad('each command holds exactly one method') };
      const method = Object.keys(cmd)[0]!;
      if (method === 'batch') return { method, params: null, refused: bad('batch cannot nest') };
      return { method, params: cmd[method] };
    });
    this.checkSize(units(items));
    return { items, parallel: optionalBool(p, 'parallel') };
  }

  /** Runs checked commands, handing each outcome on in order (see batch.ts). */
  runItems(items: BatchItem[], parallel: boolean, emit: (o: Outcome, index: number) => void | Promise<void>, ctx: CallContext = {}): Promise<void> {
    return runItems(items, parallel, (method, params) => this.call(method, params, ctx), emit);
  }

  has(method: string): boolean {
    return Object.hasOwn(METHODS, method);
  }

  /** Resolves a legacy method name (any case) or Centrifugo's numeric id. */
  resolveMethod(m: unknown): string | undefined {
    if (typeof m === 'number') return METHOD_IDS[m];
    if (typeof m === 'string') {
      const name = m.toLowerCase();
      return this.has(name) ? name : undefined;
    }
    return undefined;
  }

  /** A queue item's publish from its params, ready for IngestStore.applyRun; throws the ClientError that makes it a dead letter. */
  queuedPublish(params: unknown): QueuedPublish {
    if (!isObject(params)) throw bad('params must be a JSON object');
    const channel = requiredString(params, 'channel');
    const { data, params: p } = publishParams(params, {});
    return this.node.queuedPublish(channel, data, p);
  }

  /** Runs one method. Params must be an object (a missing one counts as `{}`). */
  async call(method: string, params: unknown, ctx: CallContext = {}): Promise<object> {
    const fn = METHODS[method];
    if (!fn || !Object.hasOwn(METHODS, method)) throw Errors.methodNotFound;
    const started = performance.now();
    try {
      if (params === undefined || params === null) params = {};
      if (!isObject(params)) throw bad('params must be a JSON object');
      const result = await fn(this.node, params, this, ctx);
      this.metrics.apiCommand(method, ctx.source ?? 'http', (performance.now() - started) / 1000);
      return result;
    } catch (err) {
      this.metrics.apiCommand(method, ctx.source ?? 'http', (performance.now() - started) / 1000, errorBody(err).code);
      throw err;
    }
  }
}
