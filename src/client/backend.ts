/**
 * The connection's side of the proxy to the application backend
 * (Centrifugo's proxy protocol, https://centrifugal.dev/docs/server/proxy):
 * building each event's request (client, transport, protocol, encoding,
 * user, channel, data as raw JSON) and turning the backend's answer
 * into what the state machine does — a ClientError (the backend's code,
 * message and temporary flag as it answered them; 100 temporary when the
 * backend could not answer), a DisconnectError (its code and reason), or the
 * result's values, checked like token claims.
 */
import { type ConnectClaims, readOverrides } from '../auth/token-verifier';
import { Disconnect, DisconnectError, Disconnects } from '../disconnect';
import { ClientError, Errors } from '../errors';
import type { ProxyEvent } from '../proxy/proxy';
import { ProxyUnavailable } from '../proxy/proxy';
import { isObject, PayloadError, readPayload } from '../protocol/json-values';
import type { ConnectRequest } from '../protocol/types';
import type { ClientContext } from './context';

/** Seconds added to a connection or subscription whose backend could not be asked to prolong it (as Centrifugo). */
export const BACKEND_RETRY_S = 60;

/** What an event's call settled to: the backend's result object, or null for an answer without one. */
export async function askBackend(client: ClientContext, event: ProxyEvent, fields: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  const proxy = client.services.proxy!;
  const body: Record<string, unknown> = {
    client: client.id,
    transport: client.transport.name,
    protocol: client.transport.protocol,
    encoding: 'json',
    ...(event === 'connect' ? {} : { user: client.user }),
    ...fields,
  };
  let answer;
  try {
    answer = await proxy.call(event, body, client.forwardedHeaders);
  } catch (err) {
    if (!(err instanceof ProxyUnavailable)) throw err;
    client.log.warn({ event, err: err.message }, 'proxy call failed');
    throw Errors.internal;
  }
  switch (answer.kind) {
    case 'disconnect':
      throw new DisconnectError(new Disconnect(answer.code, answer.reason));
    case 'error':
      throw new ClientError(answer.code, answer.message, answer.temporary);
    case 'none':
      return null;
    case 'result':
      return answer.result;
  }
}

/** A payload field of a result (`data`/`b64data`, `info`/`b64info`); a malformed one is the backend's fault: 100. */
export function resultPayload(r: Record<string, unknown>, name: 'data' | 'info'): Buffer | undefined {
  try {
    const v = r[name] === null ? undefined : r[name];
    return readPayload({ ...r, [name]: v }, name);
  } catch (err) {
    if (err instanceof PayloadError) throw Errors.internal;
    throw err;
  }
}

/** `expire_at` of a result: unix seconds, 0 or absent = never. */
export function resultExpireAt(r: Record<string, unknown>): number | undefined {
  const v = r['expire_at'];
  if (v === undefined || v === null || v === 0) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw Errors.internal;
  return v;
}

/** `override` of a result (token-style `{"presence": {"value": true}}`). */
export const resultOverrides = readOverrides;

/** Who the backend says a connection without a token is (connect proxy). */
export interface BackendIdentity {
  user: string;
  info?: Buffer;
  expireAt?: number;
  /** Server-side channels, with their per-channel extras. */
  subs: ConnectClaims['subs'];
  /** Returned to the client in the connect reply. */
  data?: Buffer;
}

/**
 * Asks the backend who a connection without a token is. A ClientError is
 * the answer to give (the backend's error, 100 when it could not answer, 110
 * for an expiry already past); an answer without a result is anonymous where
 * that is allowed, else a bad request (3501), as Centrifugo.
 */
export async function connectByBackend(client: ClientContext, req: ConnectRequest): Promise<ClientError | BackendIdentity> {
  let r;
  try {
    r = await askBackend(client, 'connect', {
      name: req.name || undefined,
      version: req.version || undefined,
      data: req.data && req.data.length ? Buffer.from(req.data) : undefined,
      channels: req.subs && Object.keys(req.subs).length ? Object.keys(req.subs) : undefined,
    });
  } catch (err) {
    if (err instanceof ClientError) return err;
    throw err;
  }
  const { config } = client.services;
  if (r === null) {
    if (!config.insecure && !config.allow_anonymous_connect_without_token) throw new DisconnectError(Disconnects.badRequest);
    return { user: '', subs: new Map() };
  }
  try {
    if (r['user'] !== undefined && typeof r['user'] !== 'string') throw Errors.internal;
    const expireAt = resultExpireAt(r);
    if (expireAt !== undefined && expireAt * 1000 <= Date.now()) return Errors.expired;
    const subs: ConnectClaims['subs'] = new Map();
    const channels = r['channels'];
    if (Array.isArray(channels)) for (const ch of channels) if (typeof ch === 'string') subs.set(ch, {});
    const named = r['subs'];
    if (isObject(named)) {
      for (const [ch, o] of Object.entries(named)) {
        if (isObject(o)) subs.set(ch, { info: resultPayload(o, 'info'), data: resultPayload(o, 'data'), override: resultOverrides(o['override']) });
      }
    }
    return { user: (r['user'] as string | undefined) ?? '', info: resultPayload(r, 'info'), expireAt, subs, data: resultPayload(r, 'data') };
  } catch (err) {
    if (err instanceof ClientError) return err;
    throw err;
  }
}

/** RPC goes to the backend when the rpc proxy is on; its `data` is the reply. Without it: 104. */
export async function handleRpc(client: ClientContext, req: { method?: string | null; data?: Uint8Array | null }): Promise<object> {
  if (!client.services.proxy?.has('rpc')) throw Errors.methodNotFound;
  const r = await askBackend(client, 'rpc', { method: req.method || undefined, data: req.data && req.data.length ? Buffer.from(req.data) : undefined });
  const data = r ? resultPayload(r, 'data') : undefined;
  return data ? { data } : {};
}
