/**
 * The connection's side of the proxy to the application backend: building
 * each event's request (PROXY.md-style fields: client, transport, protocol,
 * encoding, user, channel, data as raw JSON) and turning the backend's answer
 * into what the state machine does — a ClientError (400–1999 from the
 * backend; 100 temporary when the backend could not answer), a DisconnectError
 * (4000–4999), or the result's values, checked like token claims.
 */
import { readOverrides } from '../auth/token-verifier';
import { Disconnect, DisconnectError } from '../disconnect';
import { ClientError, Errors } from '../errors';
import type { ProxyEvent } from '../proxy/proxy';
import { ProxyUnavailable } from '../proxy/proxy';
import { PayloadError, readPayload } from '../protocol/json-values';
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
