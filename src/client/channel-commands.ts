/**
 * Channel commands that do not change subscriptions: publish, presence,
 * presence_stats and history, each with the permission model of
 * Centrifugo's permission model (unknown namespace 102, feature off 108, denied 103).
 */
import { hasHistory } from '../config/channel-options';
import type { ChannelOptions } from '../config/channel-options';
import { Errors, featureOff } from '../errors';
import { historyResult, presenceStatsResult } from '../protocol/prepared-push';
import type { HistoryRequest } from '../protocol/types';
import type { ClientContext as Client } from './context';
import { askBackend, resultPayload } from './backend';
import { requireChannel, streamOffset } from './subscribe';

/**
 * Whether the connection may use a feature by its `_for_client` /
 * `_for_subscriber` / `_for_anonymous` options. On a user-limited channel
 * `_for_client` counts only for the users it lists (subscribers are listed
 * users, or hold a token).
 */
async function allowed(client: Client, channel: string, o: ChannelOptions, forClient: boolean, forSubscriber: boolean, forAnonymous: boolean): Promise<boolean> {
  if (client.services.config.insecure) return true;
  if (client.user === '' && !forAnonymous) return false;
  if (forSubscriber && client.channels.get(channel)?.state === 'subscribed') return true;
  return forClient && client.services.rules.openToUser(channel, o, client.user);
}

function resolve(client: Client, channel: string): ChannelOptions {
  return client.services.rules.resolve(channel).options;
}

export async function handlePublish(client: Client, req: { channel?: string | null; data?: Uint8Array | null }): Promise<object> {
  const channel = requireChannel(req.channel);
  const o = resolve(client, channel);
  let data = req.data ? Buffer.from(req.data.buffer, req.data.byteOffset, req.data.length) : Buffer.alloc(0);
  let skipHistory = false;
  if (o.proxy_publish && client.services.proxy?.has('publish')) {
    // The backend decides instead of the allow_publish options, and may replace the data or skip history.
    const r = await askBackend(client, 'publish', { channel, data: data.length ? data : undefined }, (r, limits) => ({
      data: resultPayload(r, 'data', limits),
      skipHistory: r['skip_history'] === true,
    }));
    if (r) {
      data = r.data ?? data;
      skipHistory = r.skipHistory;
    }
  } else if (!(await allowed(client, channel, o, o.allow_publish_for_client, o.allow_publish_for_subscriber, o.allow_publish_for_anonymous))) {
    throw Errors.permissionDenied;
  }
  await client.services.channels.publish(channel, data, { info: client.clientInfo(client.channels.get(channel)?.chanInfo), skipHistory });
  return {};
}

/** Checks a presence read: 108 when the namespace keeps no presence, 103 when not permitted. */
async function presenceChannel(client: Client, req: { channel?: string | null }): Promise<string> {
  const channel = requireChannel(req.channel);
  const { namespace, options: o } = client.services.rules.resolve(channel);
  if (!o.presence) throw featureOff('presence', namespace);
  if (!(await allowed(client, channel, o, o.allow_presence_for_client, o.allow_presence_for_subscriber, o.allow_presence_for_anonymous))) {
    throw Errors.permissionDenied;
  }
  return channel;
}

export async function handlePresence(client: Client, req: { channel?: string | null }): Promise<object> {
  return { presence: await client.services.channels.presence(await presenceChannel(client, req)) };
}

export async function handlePresenceStats(client: Client, req: { channel?: string | null }): Promise<object> {
  return presenceStatsResult(await client.services.channels.presenceStats(await presenceChannel(client, req)));
}

export async function handleHistory(client: Client, req: HistoryRequest): Promise<object> {
  const channel = requireChannel(req.channel);
  const { namespace, options: o } = client.services.rules.resolve(channel);
  if (!hasHistory(o)) throw featureOff('history', namespace);
  if (!(await allowed(client, channel, o, o.allow_history_for_client, o.allow_history_for_subscriber, o.allow_history_for_anonymous))) {
    throw Errors.permissionDenied;
  }
  if (client.codec.name === 'json' && o.publication_data_format === 'binary') throw Errors.binaryChannel;
  const r = await client.services.channels.history(channel, {
    limit: req.limit ?? 0,
    cap: client.services.config.history_max_publication_limit,
    since: req.since ? { offset: streamOffset(req.since.offset), epoch: req.since.epoch ?? '' } : undefined,
    reverse: !!req.reverse,
  });
  return historyResult(r);
}
