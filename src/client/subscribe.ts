/**
 * Subscribing, unsubscribing and subscription refresh for one connection.
 *
 * A subscription is registered (and starts buffering live publications)
 * before the stream position or the recovered publications are read. Once the
 * reply is queued the buffer is merged by offset: what the reply already
 * covered is dropped, the rest follows in order, and a hole is reported as
 * insufficient state. That is what makes recovery exact even while the
 * channel is busy.
 */
import { OVERRIDE_KEYS, TokenError, type OptionOverrides, ttlUntil } from '../auth/token-verifier';
import { compileTagsFilter, type TagsFilter } from '../channel/tags-filter';
import { DELTA_TYPES, hasHistory } from '../config/channel-options';
import type { ChannelOptions } from '../config/channel-options';
import { DisconnectError, Disconnects, UnsubscribeCodes } from '../disconnect';
import { ClientError, Errors } from '../errors';
import { int64 } from '../protocol/codec-protobuf';
import { deltaRecovered } from '../protocol/live-publication';
import { sharedProtoPublications } from '../protocol/prepared-push';
import type { Publication, StreamPosition, SubscribeRequest, SubscribeResult } from '../protocol/types';
import { askBackend, BACKEND_RETRY_S, readRenewal, type Renewal, resultExpireAt, resultOverrides, resultPayload } from './backend';
import { WheelTimer } from '../timer-wheel';
import type { Subscription } from './subscription';
import { connectionTimers } from './timers';
import type { ClientContext as Client } from './context';

/** SubscribeRequest.flag bit: answer 112 instead of `recovered: false`. */
const FLAG_REJECT_UNRECOVERED = 2;

export interface SubscribeExtras {
  serverSide: boolean;
  info?: Buffer;
  data?: Buffer;
  override?: OptionOverrides;
}

/** Channel names from commands must be non-empty strings; anything else is a broken client (3501). */
export function requireChannel(channel: unknown): string {
  if (typeof channel !== 'string' || channel === '') throw new DisconnectError(Disconnects.badRequest);
  return channel;
}

/**
 * A stream offset from a command: protobuf's uint64 may hold more than a
 * stream ever counts (or than a double keeps exactly), which is bad input (107),
 * not something to hand to Redis.
 */
export function streamOffset(v: unknown): number {
  const n = v === undefined || v === null ? 0 : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw Errors.badRequest;
  return n;
}

export async function handleSubscribe(client: Client, req: SubscribeRequest): Promise<{ ctx: Subscription; result: SubscribeResult }> {
  return subscribeChannel(client, req, { serverSide: false });
}

/**
 * Checks, registers and positions a subscription, returning it in state
 * `subscribing` with the reply to send. The caller queues the reply and then
 * calls activateSubscription.
 */
export async function subscribeChannel(
  client: Client,
  req: SubscribeRequest,
  extras: SubscribeExtras,
): Promise<{ ctx: Subscription; result: SubscribeResult }> {
  const { config, rules, channels, hub } = client.services;
  const channel = requireChannel(req.channel);
  const kind = subscriptionKind(req);
  if (kind === 'shared-poll') throw Errors.sharedPollUnsupported;
  const delta = req.delta ?? '';
  // An encoding the protocol does not define is a broken client, as in Centrifugo (3501).
  if (delta !== '' && !(DELTA_TYPES as readonly string[]).includes(delta)) throw new DisconnectError(Disconnects.badRequest);
  if (client.channels.has(channel)) throw Errors.alreadySubscribed;
  if (client.channels.size >= config.channel_limit) throw Errors.limitExceeded;
  const insecure = config.insecure;
  const resolved = rules.resolve(channel);
  if (client.codec.name === 'json' && resolved.options.publication_data_format === 'binary') throw Errors.binaryChannel;

  let chanInfo = extras.info;
  let data = extras.data;
  let override = extras.override;
  let expireAt: number | undefined;
  if (!extras.serverSide) {
    if (req.token) {
      const claims = await verifySubscribeToken(client, req.token, channel);
      chanInfo = claims.info;
      data = claims.data;
      override = claims.override;
      expireAt = insecure ? undefined : claims.expireAt;
      if (expireAt !== undefined && expireAt * 1000 <= Date.now()) throw Errors.expired;
    } else if (subscribeProxied(client, channel, resolved.options)) {
      // The backend decides (and may attach channel info, data, overrides and an expiry).
      const r = await askBackend(client, 'subscribe', { channel, data: req.data && req.data.length ? Buffer.from(req.data) : undefined }, (r, limits) => ({
        info: resultPayload(r, 'info', limits),
        data: resultPayload(r, 'data', limits),
        override: resultOverrides(r['override']),
        expireAt: resultExpireAt(r),
      }));
      if (r) {
        chanInfo = r.info;
        data = r.data;
        override = r.override;
        expireAt = insecure ? undefined : r.expireAt;
        if (expireAt !== undefined && expireAt * 1000 <= Date.now()) throw Errors.expired;
      }
    } else if (!(await maySubscribeWithoutToken(client, channel, resolved.options))) {
      throw Errors.permissionDenied;
    }
  }

  // Map subscriptions are a namespace's subscription type in Centrifugo; no Gyre namespace has it (103, as there).
  if (kind === 'map') throw Errors.permissionDenied;
  const options = applyOverrides(resolved.options, override);
  const filter = req.tf ? tagsFilterOf(client, channel, options, req.tf, delta) : undefined;
  const history = hasHistory(options);
  const anonymousOk = (allowAnonymous: boolean) => client.user !== '' || allowAnonymous;
  const historyAccess =
    insecure || ((options.allow_history_for_subscriber || options.allow_history_for_client) && anonymousOk(options.allow_history_for_anonymous));
  const presenceAccess =
    insecure || ((options.allow_presence_for_subscriber || options.allow_presence_for_client) && anonymousOk(options.allow_presence_for_anonymous));
  const recoverable =
    history && (options.force_recovery || (!extras.serverSide && !!req.recoverable && (options.allow_recovery || historyAccess)));
  const positioned =
    history &&
    (recoverable || options.force_positioning || (!extras.serverSide && !!req.positioned && (options.allow_positioning || historyAccess)));

  const ctx: Subscription = {
    channel,
    state: 'subscribing',
    serverSide: extras.serverSide,
    options,
    positioned,
    recoverable,
    pushJoinLeave: options.force_push_join_leave || (options.join_leave && !!req.join_leave && presenceAccess),
    presence: options.presence,
    announce: options.join_leave,
    offset: 0,
    epoch: '',
    checkedAt: Date.now(),
    buffer: [],
    filter,
    delta: delta !== '' && (options.allowed_delta_types as readonly string[]).includes(delta),
    deltaReady: false,
    chanInfo,
    expireAt,
    expiry: undefined,
  };
  client.channels.set(channel, ctx);
  const first = hub.addSubscriber(channel, client);
  try {
    await (first ? channels.listen(channel) : channels.listening(channel));
    const result: SubscribeResult = {};
    // With the sub_refresh proxy the server prolongs the subscription: the client is not asked to.
    if (expireAt !== undefined && !subRefreshProxied(client, resolved.options)) {
      result.expires = true;
      result.ttl = ttlUntil(expireAt);
    }
    if (data) result.data = data;
    if (ctx.delta) result.delta = true;
    if (positioned) await position(client, ctx, req, result, !!(int64(req.flag) & FLAG_REJECT_UNRECOVERED));
    if (client.channels.get(channel) !== ctx) throw Errors.internal;
    return { ctx, result };
  } catch (err) {
    removeSubscription(client, ctx, null);
    throw err;
  }
}

/**
 * Fills the reply's stream position and, when recovery was asked for and is
 * on, the missed publications. `recovered: true` only when the whole gap is
 * returned; otherwise the reply carries the current position and nothing else.
 */
async function position(client: Client, ctx: Subscription, req: SubscribeRequest, result: SubscribeResult, rejectUnrecovered: boolean): Promise<void> {
  const { channels } = client.services;
  result.positioned = true;
  if (ctx.recoverable) result.recoverable = true;
  if (ctx.recoverable && req.recover) {
    result.was_recovering = true;
    const since = { offset: streamOffset(req.offset), epoch: req.epoch ?? '' };
    const { recovered, top, pubs } = ctx.options.force_recovery_mode === 'cache' ? await recoverCache(client, ctx, since) : await recoverStream(client, ctx, since);
    ctx.epoch = top.epoch;
    ctx.offset = top.offset;
    result.epoch = top.epoch;
    client.services.metrics.recovery(recovered);
    if (recovered) {
      result.recovered = true;
      result.offset = since.offset;
      if (pubs.length) {
        result.publications = ctx.delta ? deltaRecovered(pubs, client.codec.name) : sharedProtoPublications(pubs);
        // The client now holds the last one's payload: the live publication after it may be a delta.
        ctx.deltaReady = pubs[pubs.length - 1]!.offset === top.offset;
      }
    } else {
      if (rejectUnrecovered) throw Errors.unrecoverablePosition;
      result.offset = top.offset;
    }
    return;
  }
  const h = await channels.readStream(ctx.channel, { limit: 0, reverse: false }, true);
  ctx.epoch = result.epoch = h.position.epoch;
  ctx.offset = result.offset = h.position.offset;
}

interface Recovery {
  recovered: boolean;
  top: StreamPosition;
  /** What the reply carries, in offset order, filtered by the subscription's tags filter. */
  pubs: readonly Publication[];
}

/** Stream mode: every publication after the client's position, or `recovered: false` when they are not all there. */
async function recoverStream(client: Client, ctx: Subscription, since: StreamPosition): Promise<Recovery> {
  const max = client.services.config.recovery_max_publication_limit;
  const h = await client.services.channels.readStream(ctx.channel, { since, limit: max > 0 ? max : -1, reverse: false }, true);
  const top = h.position;
  const pubs = h.publications;
  let recovered = since.epoch === '' || since.epoch === top.epoch;
  if (recovered) {
    recovered = pubs.length === 0 ? top.offset === since.offset : pubs[0]!.offset === since.offset + 1 && pubs[pubs.length - 1]!.offset === top.offset;
  }
  // Publications the filter leaves out are not a gap: the position still moves past them.
  const filter = ctx.filter;
  return { recovered, top, pubs: recovered && filter ? pubs.filter((p) => filter.matches(p.tags)) : recovered ? pubs : [] };
}

/**
 * Cache mode (force_recovery_mode: cache), for channels whose publications
 * are whole states: only the latest publication matters, so recovery gives
 * the newest one (the newest passing the tags filter) unless the client is
 * already there, whatever it missed before it. Centrifugo's rules: recovered
 * when the stream top is still in history, or, with an empty history, when
 * the client is at the top.
 */
async function recoverCache(client: Client, ctx: Subscription, since: StreamPosition): Promise<Recovery> {
  const max = client.services.config.recovery_max_publication_limit;
  const limit = ctx.filter ? (max > 0 ? max : -1) : 1;
  const h = await client.services.channels.readStream(ctx.channel, { limit, reverse: true }, true);
  const top = h.position;
  const latest = h.publications[0];
  const atTop = since.offset > 0 && since.offset === top.offset && since.epoch === top.epoch;
  if (!latest) return { recovered: atTop, top, pubs: [] };
  const recovered = latest.offset === top.offset;
  const filter = ctx.filter;
  const wanted = filter ? h.publications.find((p) => filter.matches(p.tags)) : latest;
  return { recovered, top, pubs: recovered && !atTop && wanted ? [wanted] : [] };
}

/** What kind of subscription a request asks for (SubscribeRequest.type): Gyre builds streams. */
function subscriptionKind(req: SubscribeRequest): 'stream' | 'map' | 'shared-poll' {
  const type = req.type ?? 0;
  if (type === 0) return 'stream';
  if (type === 1 || type === 2 || type === 3) return 'map';
  if (type === 4) return 'shared-poll';
  throw Errors.badRequest;
}

/**
 * A subscribe request's tags filter, compiled: 107 where the namespace does
 * not allow filters (allow_tags_filter), for a malformed or oversized one,
 * and with delta, which the SDKs refuse to combine (a delta chain needs
 * every publication).
 */
function tagsFilterOf(client: Client, channel: string, options: ChannelOptions, tf: unknown, delta: string): TagsFilter {
  if (!options.allow_tags_filter) {
    client.log.info({ channel }, 'tags filter not allowed');
    throw Errors.badRequest;
  }
  if (delta !== '') throw Errors.badRequest;
  try {
    return compileTagsFilter(tf);
  } catch (err) {
    client.log.info({ channel }, 'invalid tags filter');
    throw err;
  }
}

/** Makes a subscription live after its reply is queued: buffered publications, presence, join. */
export function activateSubscription(client: Client, ctx: Subscription): void {
  if (client.channels.get(ctx.channel) !== ctx || client.state !== 'connected') return;
  ctx.state = 'subscribed';
  const buffered = ctx.buffer;
  ctx.buffer = [];
  for (const b of buffered) if (!client.writePublication(ctx, b)) return;
  const { channels } = client.services;
  const info = client.clientInfo(ctx.chanInfo);
  if (ctx.presence) channels.addPresence(ctx.channel, client.id, info);
  if (ctx.announce) channels.announce(ctx.channel, 'join', info);
  armExpiry(client, ctx);
}

/**
 * Ends a subscription. With a code the client is told by an unsubscribe push
 * (≥ 2500 makes it resubscribe); without one it is a silent cleanup.
 */
export function removeSubscription(client: Client, ctx: Subscription, reason: { code: number; reason: string } | null): void {
  if (client.channels.get(ctx.channel) !== ctx) return;
  client.channels.delete(ctx.channel);
  if (ctx.expiry) connectionTimers.cancel(ctx.expiry);
  if (reason && client.state !== 'closed') client.send({ push: { channel: ctx.channel, unsubscribe: reason } });
  const { channels, hub } = client.services;
  if (hub.removeSubscriber(ctx.channel, client)) channels.unlisten(ctx.channel);
  if (ctx.state !== 'subscribed') return;
  if (ctx.presence) channels.removePresence(ctx.channel, client.id, client.user);
  if (ctx.announce) channels.announce(ctx.channel, 'leave', client.clientInfo(ctx.chanInfo));
}

export async function handleUnsubscribe(client: Client, req: { channel?: string | null }): Promise<object> {
  const channel = requireChannel(req.channel);
  const ctx = client.channels.get(channel);
  // Success even for unknown channels: an error would make the SDK reconnect the whole connection.
  if (ctx) removeSubscription(client, ctx, null);
  return {};
}

export async function handleSubRefresh(client: Client, req: { channel?: string | null; token?: string | null }): Promise<object> {
  const channel = requireChannel(req.channel);
  const ctx = client.channels.get(channel);
  if (!ctx) throw Errors.permissionDenied;
  if (!req.token) throw Errors.badRequest;
  let claims;
  try {
    claims = await verifySubscribeToken(client, req.token, channel);
  } catch (err) {
    // Temporary, so the SDK fetches a fresh token and retries instead of dropping the subscription.
    if (err === Errors.tokenExpired) throw new ClientError(109, 'token expired', true);
    throw err;
  }
  ctx.expireAt = client.services.config.insecure ? undefined : claims.expireAt;
  if (claims.info) ctx.chanInfo = claims.info;
  armExpiry(client, ctx);
  if (ctx.expireAt === undefined) return {};
  return { expires: true, ttl: ttlUntil(ctx.expireAt) };
}

async function verifySubscribeToken(client: Client, token: string, channel: string) {
  let claims;
  try {
    claims = await client.services.verifier.verifySubscribeToken(token);
  } catch (err) {
    if (err instanceof TokenError && err.kind === 'expired') throw Errors.tokenExpired;
    if (err instanceof TokenError && err.kind === 'unavailable') throw Errors.internal;
    client.log.info({ err: (err as Error).message, channel }, 'invalid subscription token');
    throw new DisconnectError(Disconnects.invalidToken);
  }
  if (claims.channel !== channel || claims.user !== client.user || (claims.client !== undefined && claims.client !== client.id)) {
    client.log.info({ channel }, 'subscription token does not match the connection or channel');
    throw new DisconnectError(Disconnects.invalidToken);
  }
  return claims;
}

/**
 * Permission to subscribe without a token (Centrifugo's permission model: https://centrifugal.dev/docs/server/channels): a
 * user-limited channel only for the users it lists, any other channel by
 * allow_subscribe_for_client. Also decides which channels a reconnecting
 * client keeps from `connect.subs`.
 */
export async function maySubscribeWithoutToken(client: Client, channel: string, options: ChannelOptions): Promise<boolean> {
  const { rules, config } = client.services;
  if (rules.isPrivate(channel)) return false;
  if (config.insecure) return true;
  if (rules.isUserLimited(channel, options)) return rules.userAllowed(channel, client.user);
  return options.allow_subscribe_for_client && (client.user !== '' || options.allow_subscribe_for_anonymous);
}

function applyOverrides(options: ChannelOptions, o: OptionOverrides | undefined): ChannelOptions {
  if (!o) return options;
  const out = { ...options };
  for (const k of OVERRIDE_KEYS) {
    if (o[k] !== undefined) out[k] = o[k]!;
  }
  return out;
}

/**
 * Whether the subscribe proxy decides a subscription without a token: its
 * namespace has proxy_subscribe and the endpoint is set. Never for a private
 * channel (a token is required) nor a user-limited one (its users are listed).
 */
function subscribeProxied(client: Client, channel: string, options: ChannelOptions): boolean {
  const { rules, proxy } = client.services;
  return options.proxy_subscribe && !!proxy?.has('subscribe') && !rules.isPrivate(channel) && !rules.isUserLimited(channel, options);
}

function subRefreshProxied(client: Client, options: ChannelOptions): boolean {
  return options.proxy_sub_refresh && !!client.services.proxy?.has('sub_refresh');
}

/**
 * The sub_refresh proxy at a subscription's expiry: prolonged, its info
 * updated, or ended (2501; 3006 for a server-side one). When the backend
 * cannot answer, 60 s more and it is asked again.
 */
async function refreshSubscriptionByBackend(client: Client, ctx: Subscription): Promise<void> {
  let r: Renewal | null;
  try {
    r = await askBackend(client, 'sub_refresh', { channel: ctx.channel }, readRenewal);
  } catch (err) {
    if (client.channels.get(ctx.channel) !== ctx) return;
    if (err === Errors.internal) {
      ctx.expireAt = Date.now() / 1000 + BACKEND_RETRY_S;
      armExpiry(client, ctx);
      return;
    }
    r = null;
  }
  if (client.channels.get(ctx.channel) !== ctx) return;
  if (r?.info) ctx.chanInfo = r.info;
  const expireAt = r?.expireAt;
  if (expireAt === undefined || expireAt * 1000 <= Date.now()) {
    if (ctx.serverSide) client.close(Disconnects.subExpired);
    else removeSubscription(client, ctx, UnsubscribeCodes.expired);
    return;
  }
  ctx.expireAt = expireAt === Infinity ? undefined : expireAt;
  armExpiry(client, ctx);
}

/** What a subscription's expiry timer hands its callback: the subscription and the connection holding it. */
interface SubscriptionOwner {
  readonly client: Client;
  readonly ctx: Subscription;
}

/** Ends an unrefreshed subscription once its token expired and the grace period passed (or asks the backend at expiry). */
function armExpiry(client: Client, ctx: Subscription): void {
  if (ctx.expireAt === undefined) {
    if (ctx.expiry) connectionTimers.cancel(ctx.expiry);
    return;
  }
  ctx.expiry ??= new WheelTimer<SubscriptionOwner>({ client, ctx }, onSubscriptionExpiry);
  connectionTimers.schedule(ctx.expiry, (ctx.expireAt + expiryGrace(client, ctx)) * 1000 - Date.now());
}

/** With the sub_refresh proxy the backend is asked at expiry itself; otherwise the client has the grace period to refresh. */
function expiryGrace(client: Client, ctx: Subscription): number {
  return subRefreshProxied(client, ctx.options) ? 0 : client.services.config.expired_sub_close_delay;
}

/** A subscription's expiry timer. Expiry is on the wall clock and the wheel's on a monotonic one: a wall clock set back re-arms it. */
function onSubscriptionExpiry({ client, ctx }: SubscriptionOwner): void {
  if (client.channels.get(ctx.channel) !== ctx || ctx.expireAt === undefined) return;
  if ((ctx.expireAt + expiryGrace(client, ctx)) * 1000 > Date.now()) return armExpiry(client, ctx);
  if (subRefreshProxied(client, ctx.options)) void refreshSubscriptionByBackend(client, ctx);
  else if (ctx.serverSide) client.close(Disconnects.subExpired);
  else removeSubscription(client, ctx, UnsubscribeCodes.expired);
}
