/**
 * Disconnect codes: a WebSocket close code (or a Disconnect push on transports
 * without close codes). 3000–3499 and 4000–4499 make the client reconnect;
 * 3500–3999 and 4500–4999 are terminal (https://centrifugal.dev/docs/server/codes). The reason must fit
 * a close frame (< 123 bytes) and is plain text, never JSON, because the
 * client would read a JSON reason as the legacy `{reason, reconnect}` form.
 */
export class Disconnect {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {}

  /** Whether the real clients reconnect after this code. */
  get reconnect(): boolean {
    return !((this.code >= 3500 && this.code < 4000) || (this.code >= 4500 && this.code < 5000));
  }
}

/** The longest reason a WebSocket close frame carries (125 bytes of payload, 2 of them the code). */
export const MAX_REASON_BYTES = 123;

/**
 * A reason written by someone else made safe to send: cut to MAX_REASON_BYTES
 * at a character boundary (ws throws on a longer one), and never empty nor
 * JSON text. centrifuge-js reads a close reason that parses as JSON as the
 * legacy `{reason, reconnect}` advice and reconnects after an empty one,
 * whatever the code: either would let the text, not the code, decide
 * whether the client comes back.
 */
export function closeReason(text: string): string {
  let reason = text;
  const bytes = Buffer.from(text);
  if (bytes.length > MAX_REASON_BYTES) {
    let end = MAX_REASON_BYTES;
    // Back to the first byte of the character the limit falls in (UTF-8 continuation bytes are 10xxxxxx).
    while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
    reason = bytes.subarray(0, end).toString('utf8');
  }
  if (reason.trim() === '') return 'disconnect';
  try {
    JSON.parse(reason);
  } catch {
    return reason;
  }
  return 'disconnect';
}

export const Disconnects = {
  /**
   * The peer went away (never sent: what metrics count such an end as, as Centrifugo does). Given to
   * `Transport.close` it ends the connection without a word: no close code, no disconnect push.
   */
  connectionClosed: new Disconnect(3000, 'connection closed'),
  shutdown: new Disconnect(3001, 'shutdown'),
  internal: new Disconnect(3004, 'internal server error'),
  expired: new Disconnect(3005, 'connection expired'),
  subExpired: new Disconnect(3006, 'subscription expired'),
  slow: new Disconnect(3008, 'slow'),
  writeError: new Disconnect(3009, 'write error'),
  insufficientState: new Disconnect(3010, 'insufficient state'),
  forceReconnect: new Disconnect(3011, 'force reconnect'),
  noPong: new Disconnect(3012, 'no pong'),
  tooManyRequests: new Disconnect(3013, 'too many requests'),
  invalidToken: new Disconnect(3500, 'invalid token'),
  badRequest: new Disconnect(3501, 'bad request'),
  stale: new Disconnect(3502, 'stale'),
  forceNoReconnect: new Disconnect(3503, 'force disconnect'),
  connectionLimit: new Disconnect(3504, 'connection limit'),
  channelLimit: new Disconnect(3505, 'channel limit'),
  inappropriateProtocol: new Disconnect(3506, 'inappropriate protocol'),
  permissionDenied: new Disconnect(3507, 'permission denied'),
  notAvailable: new Disconnect(3508, 'not available'),
  tooManyErrors: new Disconnect(3509, 'too many errors'),
} as const;

/**
 * Whether `Transport.close` ends the connection without a word (no close code,
 * no disconnect push): only for `Disconnects.connectionClosed` itself, after a
 * refused connect's error reply. The object, not its code: the server API and
 * a backend may disconnect a client with 3000, and that is said.
 */
export function endsSilently(d: Disconnect): boolean {
  return d === Disconnects.connectionClosed;
}

/**
 * How a unidirectional client learns that its connect was refused: it cannot
 * read an error reply, so the error becomes the disconnect that tells it what
 * to do, as Centrifugo maps it (centrifuge's `defaultUniErrorCodeToDisconnect`):
 * an expired token or connection (109, 110) is 3005, come back with a fresh
 * one; 111 is 3013 and 103 is 3507; any other temporary error (100) is 3004,
 * retry. Centrifugo sends 3004 for every other error too; a permanent error
 * (an unknown channel in the token, a backend's refusal) is 3501 here instead,
 * so a client is never told to retry what cannot succeed.
 */
export function refusedConnect(err: { code: number; temporary: boolean }): Disconnect {
  if (err.code === 109 || err.code === 110) return Disconnects.expired;
  if (err.code === 111) return Disconnects.tooManyRequests;
  if (err.code === 103) return Disconnects.permissionDenied;
  return err.temporary ? Disconnects.internal : Disconnects.badRequest;
}

/** Thrown by a command handler when the answer is to close the connection. */
export class DisconnectError extends Error {
  constructor(readonly disconnect: Disconnect) {
    super(`disconnect ${disconnect.code}: ${disconnect.reason}`);
  }
}

/**
 * Unsubscribe push codes: < 2500 is final for the subscription, ≥ 2500 makes
 * the client resubscribe (and recover when it has a position).
 */
export const UnsubscribeCodes = {
  server: { code: 2000, reason: 'server unsubscribe' },
  insufficientState: { code: 2500, reason: 'insufficient state' },
  expired: { code: 2501, reason: 'subscription expired' },
} as const;
