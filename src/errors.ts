/**
 * Error codes sent to clients in `Reply.error` and returned by the server API.
 * 0–399 are reserved for Gyre; applications may use 400–1999 (https://centrifugal.dev/docs/server/codes).
 * `temporary` tells a client that retrying may succeed: the real SDKs resubscribe
 * or reconnect on a temporary error and give up on any other.
 */
import { MAX_JSON_DEPTH } from './protocol/json-text';

export class ClientError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly temporary = false,
  ) {
    super(message);
  }

  toProto(): { code: number; message: string; temporary?: boolean } {
    return this.temporary ? { code: this.code, message: this.message, temporary: true } : { code: this.code, message: this.message };
  }
}

/** Well-known errors; each instance is immutable and shared. */
export const Errors = {
  internal: new ClientError(100, 'internal server error', true),
  unauthorized: new ClientError(101, 'unauthorized'),
  unknownChannel: new ClientError(102, 'unknown channel'),
  permissionDenied: new ClientError(103, 'permission denied'),
  methodNotFound: new ClientError(104, 'method not found'),
  alreadySubscribed: new ClientError(105, 'already subscribed'),
  limitExceeded: new ClientError(106, 'limit exceeded'),
  badRequest: new ClientError(107, 'bad request'),
  notAvailable: new ClientError(108, 'not available'),
  /** Shared-poll subscriptions (type 4), which Gyre does not build. */
  sharedPollUnsupported: new ClientError(108, 'not available: shared poll subscriptions are not supported'),
  tokenExpired: new ClientError(109, 'token expired'),
  expired: new ClientError(110, 'expired'),
  tooManyRequests: new ClientError(111, 'too many requests', true),
  unrecoverablePosition: new ClientError(112, 'unrecoverable position'),
  /** Publication data that is not a JSON text in a `publication_data_format: json` namespace. */
  dataNotJson: new ClientError(107, `bad request: data must be valid JSON (UTF-8, nested at most ${MAX_JSON_DEPTH} levels) in this namespace`),
  /** A JSON connection asking for a channel of a `publication_data_format: binary` namespace. */
  binaryChannel: new ClientError(107, 'bad request: this channel carries binary data; connect with the protobuf protocol'),
} as const;

/**
 * The errors below carry the code of their `Errors` counterpart (the SDKs
 * act on codes) and a message naming the cause, so whoever reads the reply
 * knows which configuration to look at.
 */

/** 102 for a channel whose namespace is not configured, naming the namespace looked for. */
export function unknownNamespace(namespace: string): ClientError {
  return new ClientError(102, `unknown channel: namespace ${JSON.stringify(namespace)} is not configured (channel.namespaces)`);
}

/** 108 for history or presence asked of a channel whose namespace keeps none, naming what to set. */
export function featureOff(feature: 'history' | 'presence', namespace: string): ClientError {
  const top = namespace === '';
  const where = top ? 'for channels without a namespace' : `in namespace ${JSON.stringify(namespace)}`;
  const key = top ? (k: string) => `channel.${k}` : (k: string) => k;
  const set = feature === 'history' ? `set ${key('history_size')} and ${key('history_ttl')}` : `set ${key('presence')} to true`;
  return new ClientError(108, `not available: ${feature} is off ${where} (${set}${top ? '' : ' in its channel.namespaces entry'})`);
}

/** Maps anything thrown by a handler to a protocol error; unknown failures become 100 (temporary). */
export function toClientError(err: unknown): ClientError {
  return err instanceof ClientError ? err : Errors.internal;
}
