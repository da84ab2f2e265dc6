/**
 * Who a connecting client is: from its connection token, from the connect
 * proxy, or nobody (anonymous, where the configuration allows it), with the
 * server-side channels it is to be subscribed to. A refusal the client may
 * retry comes back as a ClientError for the connect reply; one it may not
 * (a bad token, no token where one is needed) is a DisconnectError.
 */
import { TokenError } from '../auth/token-verifier';
import { DisconnectError, Disconnects } from '../disconnect';
import { ClientError, Errors } from '../errors';
import type { ConnectRequest } from '../protocol/types';
import { type BackendIdentity, connectByBackend } from './backend';
import type { ClientContext } from './context';
import { maySubscribeWithoutToken } from './subscribe';

export type Credentials = BackendIdentity;

export async function connectCredentials(client: ClientContext, req: ConnectRequest): Promise<Credentials | ClientError> {
  const { config, verifier, proxy } = client.services;
  let who: Credentials = { user: '', subs: new Map() };
  if (req.token) {
    try {
      const claims = await verifier.verifyConnectToken(req.token);
      who = { user: claims.user, info: claims.info, expireAt: claims.expireAt, subs: claims.subs };
    } catch (err) {
      if (err instanceof TokenError && err.kind === 'expired') return Errors.tokenExpired;
      // The key set cannot be had now: the client retries (an invalid-token close would make it give up).
      if (err instanceof TokenError && err.kind === 'unavailable') return Errors.internal;
      client.log.info({ err: (err as Error).message }, 'invalid connection token');
      throw new DisconnectError(Disconnects.invalidToken);
    }
  } else if (proxy?.has('connect')) {
    const decided = await connectByBackend(client, req);
    if (decided instanceof ClientError) return decided;
    who = decided;
  } else if (!config.insecure && !config.allow_anonymous_connect_without_token) {
    client.log.info('connect without token refused');
    throw new DisconnectError(Disconnects.badRequest);
  }
  if (config.insecure) who.expireAt = undefined;
  return who;
}

/**
 * Channels the client held as server-side subscriptions before a reconnect
 * are kept when it could subscribe to them anyway (as Centrifugo does). Asked
 * once the connection has its user: whether it may subscribe depends on it.
 */
export async function keepServerSide(client: ClientContext, requested: readonly string[], subs: Credentials['subs']): Promise<void> {
  for (const channel of requested) {
    if (!subs.has(channel) && (await mayResubscribe(client, channel))) subs.set(channel, {});
  }
}

async function mayResubscribe(client: ClientContext, channel: string): Promise<boolean> {
  let options;
  try {
    options = client.services.rules.resolve(channel).options;
  } catch {
    return false;
  }
  return maySubscribeWithoutToken(client, channel, options);
}
