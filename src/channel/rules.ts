/**
 * Channel names and namespaces (Centrifugo's rules: https://centrifugal.dev/docs/server/channels): `$` marks a private channel
 * (subscription token required), the text before the first `:` names the
 * namespace, and `#` ends a user-limited channel whose allowed users follow,
 * separated by `,` (`dialog#42,56`).
 */
import type { ChannelOptions, NamespaceConfig } from '../config/channel-options';
import type { Config } from '../config/schema';
import { Errors, unknownNamespace } from '../errors';

export const MAX_CHANNEL_LENGTH = 255;
const PRIVATE_PREFIX = '$';
const NAMESPACE_BOUNDARY = ':';
const USER_BOUNDARY = '#';
const USER_SEPARATOR = ',';
/** Without a channel_regex, names are printable ASCII without spaces. */
const DEFAULT_NAME = /^[\x21-\x7e]+$/;

export interface ResolvedChannel {
  namespace: string;
  options: ChannelOptions;
}

export class ChannelRules {
  private readonly namespaces = new Map<string, { options: ChannelOptions; regex: RegExp | null }>();
  private readonly topLevel: { options: ChannelOptions; regex: RegExp | null };

  constructor(config: Config['channel']) {
    const { namespaces, ...top } = config;
    this.topLevel = { options: top, regex: top.channel_regex ? new RegExp(top.channel_regex) : null };
    for (const ns of namespaces as NamespaceConfig[]) {
      const { name, ...options } = ns;
      this.namespaces.set(name, { options, regex: options.channel_regex ? new RegExp(options.channel_regex) : null });
    }
  }

  /**
   * Finds the channel's namespace and checks the name. Throws 102 for an
   * unknown namespace and 107 for a name that breaks the rules.
   */
  resolve(channel: string): ResolvedChannel {
    if (channel.length === 0 || Buffer.byteLength(channel) > MAX_CHANNEL_LENGTH) throw Errors.badRequest;
    const bare = channel.startsWith(PRIVATE_PREFIX) ? channel.slice(1) : channel;
    const at = bare.indexOf(NAMESPACE_BOUNDARY);
    const name = at === -1 ? '' : bare.slice(0, at);
    const entry = at === -1 ? this.topLevel : this.namespaces.get(name);
    if (!entry) throw unknownNamespace(name);
    const rest = at === -1 ? bare : bare.slice(at + 1);
    if (entry.regex ? !entry.regex.test(rest) : !DEFAULT_NAME.test(channel)) throw Errors.badRequest;
    return { namespace: name, options: entry.options };
  }

  /** A user's personal channel (client.subscribe_to_user_personal_channel): `#user`, or `namespace:#user`. */
  personalChannel(namespace: string, user: string): string {
    return (namespace ? namespace + NAMESPACE_BOUNDARY : '') + USER_BOUNDARY + user;
  }

  isPrivate(channel: string): boolean {
    return channel.startsWith(PRIVATE_PREFIX);
  }

  /** Whether `channel` is user-limited and lists `user` among its allowed users. */
  userAllowed(channel: string, user: string): boolean {
    const at = channel.lastIndexOf(USER_BOUNDARY);
    if (at === -1 || user === '') return false;
    return channel
      .slice(at + 1)
      .split(USER_SEPARATOR)
      .includes(user);
  }

  /** Whether the channel is user-limited: a `#` name in a namespace with allow_user_limited_channels. */
  isUserLimited(channel: string, options: ChannelOptions): boolean {
    return options.allow_user_limited_channels && channel.includes(USER_BOUNDARY);
  }

  /**
   * Whether the namespace-wide `allow_*_for_client` rules may apply to this
   * user here. A user-limited channel belongs to the users listed after `#`:
   * for anyone else no namespace option opens it (Centrifugo excludes such
   * channels from allow_subscribe_for_client; Gyre applies the same to
   * publish, history and presence).
   */
  openToUser(channel: string, options: ChannelOptions, user: string): boolean {
    return !this.isUserLimited(channel, options) || this.userAllowed(channel, user);
  }
}
