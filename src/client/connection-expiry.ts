/**
 * A connection's expiry: when its token (or the connect proxy's answer)
 * expires, the client refreshes it with a new token within
 * `client.expired_close_delay`, or the refresh proxy prolongs it without the
 * client; otherwise it is closed with 3005. The subscription twin of this is
 * in subscribe.ts (armExpiry, refreshSubscriptionByBackend).
 */
import { TokenError, ttlUntil } from '../auth/token-verifier';
import { DisconnectError, Disconnects } from '../disconnect';
import { Errors } from '../errors';
import { WheelTimer } from '../timer-wheel';
import { VERSION } from '../version';
import { askBackend, BACKEND_RETRY_S, readRenewal, type Renewal } from './backend';
import type { ClientContext } from './context';
import { connectionTimers } from './timers';

/** The part of a connection its expiry works on (Client implements it). */
export interface ExpiringConnection extends ClientContext {
  /** Unix seconds when the connection expires; undefined = never. */
  expireAt?: number;
  connInfo?: Buffer;
  /** The expiry check, made when first needed; cancelled at teardown. */
  expiry: WheelTimer<ExpiringConnection> | null;
}

/** Seconds until the connection expires (at least 1), or undefined when it never does. */
export function connectionTtl(client: ExpiringConnection): number | undefined {
  return client.expireAt === undefined ? undefined : ttlUntil(client.expireAt);
}

/**
 * Arms the check that closes an unrefreshed connection with 3005 once the grace period is over, or,
 * with the refresh proxy, asks the backend at expiry (no grace period: the client is not involved).
 */
export function setExpiry(client: ExpiringConnection, expireAt: number | undefined): void {
  client.expireAt = expireAt;
  if (expireAt === undefined) {
    if (client.expiry) connectionTimers.cancel(client.expiry);
    return;
  }
  client.expiry ??= new WheelTimer<ExpiringConnection>(client, onExpiry);
  const grace = client.services.proxy?.has('refresh') ? 0 : client.services.config.expired_close_delay;
  connectionTimers.schedule(client.expiry, (expireAt + grace) * 1000 - Date.now());
}

/** The expiry timer: expiry is on the wall clock and the wheel's on a monotonic one, so a wall clock set back re-arms it. */
function onExpiry(client: ExpiringConnection): void {
  if (client.state !== 'connected' || client.expireAt === undefined) return;
  if (client.services.proxy?.has('refresh')) {
    if (client.expireAt * 1000 > Date.now()) return setExpiry(client, client.expireAt);
    void refreshByBackend(client);
    return;
  }
  if ((client.expireAt + client.services.config.expired_close_delay) * 1000 > Date.now()) return setExpiry(client, client.expireAt);
  client.close(Disconnects.expired);
}

/**
 * The refresh proxy at expiry: the backend prolongs the connection, updates
 * its info, or ends it (3005, also for an answer without a result). When it
 * cannot answer, the connection gets 60 s more and the backend is asked
 * again: an outage of the backend never drops connections.
 */
async function refreshByBackend(client: ExpiringConnection): Promise<void> {
  if (client.state !== 'connected') return;
  let r: Renewal | null;
  try {
    r = await askBackend(client, 'refresh', {}, readRenewal);
  } catch (err) {
    if (client.state !== 'connected') return;
    if (err === Errors.internal) {
      setExpiry(client, Date.now() / 1000 + BACKEND_RETRY_S);
      return;
    }
    // The backend's error or disconnect answers are not for refresh: the connection expires.
    r = null;
  }
  if (client.state !== 'connected') return;
  if (r?.info) client.connInfo = r.info;
  const expireAt = r?.expireAt;
  if (expireAt === undefined || expireAt * 1000 <= Date.now()) {
    client.close(Disconnects.expired);
    return;
  }
  setExpiry(client, expireAt === Infinity ? undefined : expireAt);
}

/** The client's refresh command: a new token for the same user prolongs the connection. */
export async function handleRefresh(client: ExpiringConnection, token: string): Promise<object> {
  if (!token) throw new DisconnectError(Disconnects.badRequest);
  let claims;
  try {
    claims = await client.services.verifier.verifyConnectToken(token);
  } catch (err) {
    if (err instanceof TokenError && err.kind === 'expired') throw new DisconnectError(Disconnects.expired);
    if (err instanceof TokenError && err.kind === 'unavailable') throw Errors.internal;
    throw new DisconnectError(Disconnects.invalidToken);
  }
  if (claims.user !== client.user) throw new DisconnectError(Disconnects.invalidToken);
  if (claims.info) client.connInfo = claims.info;
  setExpiry(client, client.services.config.insecure ? undefined : claims.expireAt);
  const ttl = connectionTtl(client);
  return { client: client.id, version: VERSION, ...(ttl !== undefined ? { expires: true, ttl } : {}) };
}
