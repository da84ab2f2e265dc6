/**
 * The package's public face: `require('gyre')` / `import … from 'gyre'`.
 * Everything an application embedding Gyre uses is exported here and typed
 * (the `exports` map of package.json points at this file and its .d.ts);
 * nothing else in the package is a public API.
 */
export {
  Gyre,
  type AttachOptions,
  type BroadcastReply,
  type ChannelsReply,
  type ClientInfoJson,
  type DisconnectOptions,
  type GyreOptions,
  type HistoryOptions,
  type HistoryReply,
  type InfoReply,
  type PresenceReply,
  type PresenceStatsReply,
  type PublicationJson,
  type PublishOptions,
  type PublishReply,
  type RefreshOptions,
  type RouteGroup,
  type StreamPosition,
  type SubscribeOptions,
  type TargetOptions,
} from './gyre';
export {
  GyreDisconnect,
  GyreError,
  type ChannelOverride,
  type ConnectEvent,
  type ConnectingEvent,
  type ConnectingResult,
  type DisconnectEvent,
  type EventClient,
  type EventHandlers,
  type EventPayload,
  type Payload,
  type PublishEvent,
  type PublishResult,
  type RefreshEvent,
  type RefreshResult,
  type RpcEvent,
  type RpcResult,
  type ServerSideSubscription,
  type SubRefreshEvent,
  type SubscribeEvent,
  type SubscribeResult,
  type UserEvent,
} from './handlers';
export type { GyreConfig, JsonValue } from './types';
export { ConfigError } from '../config/load';
export type { Logger } from '../log';
export { VERSION } from '../version';

/** Error codes clients and callers get (https://centrifugal.dev/docs/server/codes), to throw with GyreError. */
export const ErrorCodes = {
  internal: 100,
  unauthorized: 101,
  unknownChannel: 102,
  permissionDenied: 103,
  methodNotFound: 104,
  alreadySubscribed: 105,
  limitExceeded: 106,
  badRequest: 107,
  notAvailable: 108,
  tokenExpired: 109,
  expired: 110,
  tooManyRequests: 111,
  unrecoverablePosition: 112,
} as const;
