/**
 * Channel options: the same set applies to the default (top-level) namespace
 * and to every entry of `channel.namespaces`. This table is the single
 * definition; the convict schema, namespace validation and the README
 * reference are all derived from it.
 */

export type OptionType = 'boolean' | 'seconds' | 'count' | 'string' | 'data-format' | 'delta-types' | 'recovery-mode';

/** Values of publication_data_format. */
export const DATA_FORMATS = ['json', 'binary'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** Delta encodings a namespace may allow (allowed_delta_types); the SDKs know fossil only. */
export const DELTA_TYPES = ['fossil'] as const;
export type DeltaType = (typeof DELTA_TYPES)[number];

/** Values of force_recovery_mode: the whole missed stream, or only its latest publication. */
export const RECOVERY_MODES = ['stream', 'cache'] as const;
export type RecoveryMode = (typeof RECOVERY_MODES)[number];

export interface ChannelOptionSpec {
  type: OptionType;
  default: boolean | number | string | readonly string[];
  doc: string;
  /** Env name for the top-level value; namespaces come from the file only. */
  env?: string;
}

export const CHANNEL_OPTIONS = {
  history_size: { type: 'count', default: 0, env: 'GYRE_HISTORY_SIZE', doc: 'publications kept per channel for history and recovery; 0 = no history (needs history_ttl too)' },
  history_ttl: { type: 'seconds', default: 0, env: 'GYRE_HISTORY_TTL', doc: 'seconds a channel history lives after its last publication; 0 = no history (needs history_size too)' },
  history_meta_ttl: { type: 'seconds', default: 2592000, env: 'GYRE_HISTORY_META_TTL', doc: 'seconds the stream offset and epoch outlive the last publication (keep it well above history_ttl)' },
  force_recovery: { type: 'boolean', default: false, env: 'GYRE_FORCE_RECOVERY', doc: 'recovery on for every subscription, whatever the client asks (needs history)' },
  allow_recovery: { type: 'boolean', default: false, env: 'GYRE_ALLOW_RECOVERY', doc: 'recovery when the client asks for it, even without history permission' },
  force_positioning: { type: 'boolean', default: false, env: 'GYRE_FORCE_POSITIONING', doc: 'positioning (offset continuity checks) on for every subscription (needs history)' },
  allow_positioning: { type: 'boolean', default: false, env: 'GYRE_ALLOW_POSITIONING', doc: 'positioning when the client asks for it, even without history permission' },
  presence: { type: 'boolean', default: false, env: 'GYRE_PRESENCE', doc: 'keep presence (who is subscribed) for channels' },
  join_leave: { type: 'boolean', default: false, env: 'GYRE_JOIN_LEAVE', doc: 'send join/leave events to subscribers that ask for them' },
  force_push_join_leave: { type: 'boolean', default: false, env: 'GYRE_FORCE_PUSH_JOIN_LEAVE', doc: 'with join_leave, send join/leave events to every subscriber, whether it asked for them or not' },
  allow_subscribe_for_client: { type: 'boolean', default: false, env: 'GYRE_ALLOW_SUBSCRIBE_FOR_CLIENT', doc: 'authenticated connections may subscribe without a subscription token' },
  allow_subscribe_for_anonymous: { type: 'boolean', default: false, env: 'GYRE_ALLOW_SUBSCRIBE_FOR_ANONYMOUS', doc: 'anonymous connections may subscribe too (with allow_subscribe_for_client)' },
  allow_publish_for_subscriber: { type: 'boolean', default: false, env: 'GYRE_ALLOW_PUBLISH_FOR_SUBSCRIBER', doc: 'subscribers of a channel may publish to it' },
  allow_publish_for_client: { type: 'boolean', default: false, env: 'GYRE_ALLOW_PUBLISH_FOR_CLIENT', doc: 'authenticated connections may publish without being subscribed' },
  allow_publish_for_anonymous: { type: 'boolean', default: false, env: 'GYRE_ALLOW_PUBLISH_FOR_ANONYMOUS', doc: 'anonymous connections may publish too (with allow_publish_for_client or _subscriber)' },
  allow_history_for_subscriber: { type: 'boolean', default: false, env: 'GYRE_ALLOW_HISTORY_FOR_SUBSCRIBER', doc: 'subscribers may read history' },
  allow_history_for_client: { type: 'boolean', default: false, env: 'GYRE_ALLOW_HISTORY_FOR_CLIENT', doc: 'authenticated connections may read history without being subscribed' },
  allow_history_for_anonymous: { type: 'boolean', default: false, env: 'GYRE_ALLOW_HISTORY_FOR_ANONYMOUS', doc: 'anonymous connections may read history too' },
  allow_presence_for_subscriber: { type: 'boolean', default: false, env: 'GYRE_ALLOW_PRESENCE_FOR_SUBSCRIBER', doc: 'subscribers may read presence' },
  allow_presence_for_client: { type: 'boolean', default: false, env: 'GYRE_ALLOW_PRESENCE_FOR_CLIENT', doc: 'authenticated connections may read presence without being subscribed' },
  allow_presence_for_anonymous: { type: 'boolean', default: false, env: 'GYRE_ALLOW_PRESENCE_FOR_ANONYMOUS', doc: 'anonymous connections may read presence too' },
  allow_user_limited_channels: { type: 'boolean', default: false, env: 'GYRE_ALLOW_USER_LIMITED_CHANNELS', doc: "channels like dialog#42,56 may be subscribed by the users listed after '#'" },
  channel_regex: { type: 'string', default: '', doc: 'regular expression a channel name (after the namespace) must match; empty = any printable ASCII' },
  proxy_subscribe: { type: 'boolean', default: false, env: 'GYRE_PROXY_SUBSCRIBE', doc: 'subscriptions without a token are decided by the subscribe proxy (proxy.subscribe_endpoint)' },
  proxy_publish: { type: 'boolean', default: false, env: 'GYRE_PROXY_PUBLISH', doc: 'client publications are decided, and may be changed, by the publish proxy (proxy.publish_endpoint)' },
  proxy_sub_refresh: { type: 'boolean', default: false, env: 'GYRE_PROXY_SUB_REFRESH', doc: 'subscriptions that expire are prolonged by the sub_refresh proxy (proxy.sub_refresh_endpoint)' },
  force_recovery_mode: {
    type: 'recovery-mode',
    default: 'stream',
    env: 'GYRE_FORCE_RECOVERY_MODE',
    doc: 'stream: a recovering subscriber gets every publication it missed; cache: only the latest one (for channels whose publications are whole states)',
  },
  allow_tags_filter: { type: 'boolean', default: false, env: 'GYRE_ALLOW_TAGS_FILTER', doc: 'subscribers may send a tags filter (the SDK\'s tagsFilter); without it such a subscribe gets error 107' },
  allowed_delta_types: {
    type: 'delta-types',
    default: [] as readonly string[],
    env: 'GYRE_ALLOWED_DELTA_TYPES',
    doc: '["fossil"]: subscribers asking for delta: "fossil" get publications as fossil deltas against the previous one (positioned subscriptions; comma-separated in env)',
  },
  publication_data_format: {
    type: 'data-format',
    default: 'json',
    env: 'GYRE_PUBLICATION_DATA_FORMAT',
    doc: 'json: publication data must be valid JSON (UTF-8, nested at most 128 levels), else error 107; binary: any bytes, and only protobuf connections may subscribe or read history',
  },
} satisfies Record<string, ChannelOptionSpec>;

export type ChannelOptionName = keyof typeof CHANNEL_OPTIONS;

/** Resolved options of one namespace. */
export interface ChannelOptions {
  history_size: number;
  history_ttl: number;
  history_meta_ttl: number;
  force_recovery: boolean;
  allow_recovery: boolean;
  force_positioning: boolean;
  allow_positioning: boolean;
  presence: boolean;
  join_leave: boolean;
  force_push_join_leave: boolean;
  allow_subscribe_for_client: boolean;
  allow_subscribe_for_anonymous: boolean;
  allow_publish_for_subscriber: boolean;
  allow_publish_for_client: boolean;
  allow_publish_for_anonymous: boolean;
  allow_history_for_subscriber: boolean;
  allow_history_for_client: boolean;
  allow_history_for_anonymous: boolean;
  allow_presence_for_subscriber: boolean;
  allow_presence_for_client: boolean;
  allow_presence_for_anonymous: boolean;
  allow_user_limited_channels: boolean;
  channel_regex: string;
  proxy_subscribe: boolean;
  proxy_publish: boolean;
  proxy_sub_refresh: boolean;
  publication_data_format: DataFormat;
  force_recovery_mode: RecoveryMode;
  allow_tags_filter: boolean;
  allowed_delta_types: DeltaType[];
}

export interface NamespaceConfig extends ChannelOptions {
  name: string;
}

const NAMESPACE_NAME = /^[-a-zA-Z0-9_.]{2,}$/;

/**
 * Checks one value against its option type; returns an error text or null.
 * Used for namespace entries, which convict cannot describe (a list of objects).
 */
function checkValue(type: OptionType, v: unknown): string | null {
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'seconds':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'must be a number of seconds >= 0';
    case 'count':
      return Number.isInteger(v) && (v as number) >= 0 ? null : 'must be an integer >= 0';
    case 'string':
      return typeof v === 'string' ? null : 'must be a string';
    case 'data-format':
      return (DATA_FORMATS as readonly unknown[]).includes(v) ? null : `must be one of ${DATA_FORMATS.join(', ')}`;
    case 'recovery-mode':
      return (RECOVERY_MODES as readonly unknown[]).includes(v) ? null : `must be one of ${RECOVERY_MODES.join(', ')}`;
    case 'delta-types':
      return Array.isArray(v) && v.every((t) => (DELTA_TYPES as readonly unknown[]).includes(t)) ? null : `must be a list of ${DELTA_TYPES.join(', ')}`;
  }
}

/** Whether a namespace keeps history: it needs both a size and a lifetime. */
export function hasHistory(o: Pick<ChannelOptions, 'history_size' | 'history_ttl'>): boolean {
  return o.history_size > 0 && o.history_ttl > 0;
}

/** Cross-option rules shared by the top level and namespaces; returns error texts. */
export function checkChannelOptions(path: string, o: ChannelOptions): string[] {
  const errors: string[] = [];
  if ((o.history_size > 0) !== (o.history_ttl > 0)) {
    errors.push(`${path}.history_size and ${path}.history_ttl: both must be set (> 0) to keep history, or both 0`);
  }
  if (o.force_recovery && !hasHistory(o)) errors.push(`${path}.force_recovery: needs history_size and history_ttl`);
  if (o.force_positioning && !hasHistory(o)) errors.push(`${path}.force_positioning: needs history_size and history_ttl`);
  if (o.channel_regex) {
    try {
      new RegExp(o.channel_regex);
    } catch {
      errors.push(`${path}.channel_regex: not a valid regular expression`);
    }
  }
  return errors;
}

/** Validates `channel.namespaces` from the file; throws one Error listing every problem. */
export function validateNamespaces(value: unknown): void {
  if (!Array.isArray(value)) throw new Error('must be a list of namespace objects');
  const errors: string[] = [];
  const seen = new Set<string>();
  value.forEach((ns: unknown, i: number) => {
    const at = `channel.namespaces[${i}]`;
    if (typeof ns !== 'object' || ns === null || Array.isArray(ns)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    const entry = ns as Record<string, unknown>;
    const name = entry['name'];
    if (typeof name !== 'string' || !NAMESPACE_NAME.test(name)) {
      errors.push(`${at}.name: must match ${NAMESPACE_NAME.source}`);
    } else if (seen.has(name)) {
      errors.push(`${at}.name: duplicate namespace "${name}"`);
    } else {
      seen.add(name);
    }
    for (const key of Object.keys(entry)) {
      if (key === 'name') continue;
      const spec = (CHANNEL_OPTIONS as Record<string, ChannelOptionSpec>)[key];
      if (!spec) {
        errors.push(`${at}.${key}: unknown option`);
        continue;
      }
      const problem = checkValue(spec.type, entry[key]);
      if (problem) errors.push(`${at}.${key}: ${problem}`);
    }
    if (errors.length === 0) errors.push(...checkChannelOptions(at, withDefaults(entry)));
  });
  if (errors.length) throw new Error(errors.join('; '));
}

/** A namespace entry from the file completed with the option defaults. */
export function withDefaults(entry: Record<string, unknown>): NamespaceConfig {
  const out: Record<string, unknown> = { name: entry['name'] };
  for (const [key, spec] of Object.entries(CHANNEL_OPTIONS)) out[key] = entry[key] ?? spec.default;
  return out as unknown as NamespaceConfig;
}
