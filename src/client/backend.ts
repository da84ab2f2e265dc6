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
import type { AnswerLimits, ProxyEvent, ResultReader } from '../proxy/proxy';
import { ProxyUnavailable } from '../proxy/proxy';
import { isObject, PayloadError, readPayload } from '../protocol/json-values';
import type { ConnectRequest } from '../protocol/types';
import type { ClientContext } from './context';

/** Seconds added to a connection or subscription whose backend could not be asked to prolong it (as Centrifugo). */
export const BACKEND_RETRY_S = 60;

/**
 * What an event's call settled to: its result as `read` made it, or null for
 * an answer without one. The backend's error or disconnect is thrown as the
 * client gets it; a failed call, or a result `read` refused, as 100
 * (temporary; the proxy client has logged it).
 */
export async function askBackend<T>(client: ClientContext, event: ProxyEvent, fields: Record<string, unknown>, read: ResultReader<T>): Promise<T | null> {
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
    answer = await proxy.call(event, body, client.forwardedHeaders, read);
  } catch (err) {
    if (err instanceof ProxyUnavailable) throw Errors.internal;
    throw err;
  }
  switch (answer.kind) {
    case 'disconnect':
      throw new DisconnectError(new Disconnect(answer.code, answer.reason));
    case 'error':
      throw new ClientError(answer.code, answer.message, answer.temporary);
    case 'none':
      return null;
    case 'result':
      return answer.value;
  }
}

/** A payload field of a result (`data`/`b64data`, `info`/`b64info`); a malformed one, or info past its bound, is the backend's fault. */
export function resultPayload(r: Record<string, unknown>, name: 'data' | 'info', limits: AnswerLimits): Buffer | undefined {
  let v;
  try {
    v = readPayload({ ...r, [name]: r[name] === null ? undefined : r[name] }, name);
  } catch (err) {
    if (err instanceof PayloadError) throw new ProxyUnavailable(err.message, 'invalid');
    throw err;
  }
  if (name === 'info' && v && v.length > limits.info) throw new ProxyUnavailable(`info larger than ${limits.info} bytes`, 'oversized');
  return v;
}

/** `expire_at` of a result: unix seconds, 0 or absent = never. */
export function resultExpireAt(r: Record<string, unknown>): number | undefined {
  const v = r['expire_at'];
  if (v === undefined || v === null || v === 0) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ProxyUnavailable('expire_at must be unix seconds', 'invalid');
  return v;
}

/** `override` of a result (token-style `{"presence": {"value": true}}`). */
export const resultOverrides = readOverrides;

/** A refresh or sub_refresh result: the new expiry (Infinity: never; undefined: expired now) and info. */
export interface Renewal {
  expireAt: number | undefined;
  info?: Buffer;
}

export const readRenewal: ResultReader<Renewal> = (r, limits) => ({
  expireAt: r['expired'] === true ? undefined : (resultExpireAt(r) ?? Infinity),
  info: resultPayload(r, 'info', limits),
});

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

const readIdentity: ResultReader<BackendIdentity> = (r, limits) => {
  const user = r['user'] ?? '';
  if (typeof user !== 'string') throw new ProxyUnavailable('user must be a string', 'invalid');
  if (Buffer.byteLength(user) > limits.user) throw new ProxyUnavailable(`user longer than ${limits.user} bytes`, 'oversized');
  const tooMany = () => new ProxyUnavailable(`more than ${limits.channels} channels (client.channel_limit)`, 'oversized');
  const subs: ConnectClaims['subs'] = new Map();
  const channels = r['channels'];
  if (Array.isArray(channels)) {
    if (channels.length > limits.channels) throw tooMany();
    for (const ch of channels) if (typeof ch === 'string') subs.set(ch, {});
  }
  const named = r['subs'];
  if (isObject(named)) {
    const entries = Object.entries(named);
    if (entries.length > limits.channels) throw tooMany();
    for (const [ch, o] of entries) {
      if (isObject(o)) subs.set(ch, { info: resultPayload(o, 'info', limits), data: resultPayload(o, 'data', limits), override: resultOverrides(o['override']) });
    }
  }
  if (subs.size > limits.channels) throw tooMany();
  return { user, info: resultPayload(r, 'info', limits), expireAt: resultExpireAt(r), subs, data: resultPayload(r, 'data', limits) };
};

/**
 * Asks the backend who a connection without a token is. A ClientError is
 * the answer to give (the backend's error, 100 when it could not answer or
 * answered past the bounds, 110 for an expiry already past); an answer
 * without a result is anonymous where that is allowed, else a bad request
 * (3501), as Centrifugo.
 */
export async function connectByBackend(client: ClientContext, req: ConnectRequest): Promise<ClientError | BackendIdentity> {
  let identity;
  try {
    identity = await askBackend(
      client,
      'connect',
      {
        name: req.name || undefined,
        version: req.version || undefined,
        data: req.data && req.data.length ? Buffer.from(req.data) : undefined,
        channels: req.subs && Object.keys(req.subs).length ? Object.keys(req.subs) : undefined,
      },
      readIdentity,
    );
  } catch (err) {
    if (err instanceof ClientError) return err;
    throw err;
  }
  const { config } = client.services;
  if (identity === null) {
    if (!config.insecure && !config.allow_anonymous_connect_without_token) throw new DisconnectError(Disconnects.badRequest);
    return { user: '', subs: new Map() };
  }
  if (identity.expireAt !== undefined && identity.expireAt * 1000 <= Date.now()) return Errors.expired;
  return identity;
}

/** RPC goes to the backend when the rpc proxy is on; its `data` is the reply. Without it: 104. */
export async function handleRpc(client: ClientContext, req: { method?: string | null; data?: Uint8Array | null }): Promise<object> {
  if (!client.services.proxy?.has('rpc')) throw Errors.methodNotFound;
  const data = await askBackend(client, 'rpc', { method: req.method || undefined, data: req.data && req.data.length ? Buffer.from(req.data) : undefined }, (r, limits) =>
    resultPayload(r, 'data', limits),
  );
  return data ? { data } : {};
}
