/**
 * Token verification contract. Implementations resolve to typed claims or
 * reject with a TokenError; callers map `expired` to error 109 and `invalid`
 * to disconnect 3500. It is asynchronous so that a verification pool, a JWKS
 * fetch or a call to the application backend can sit behind it without
 * touching the client state machine.
 */
import { isObject } from '../protocol/json-values';

/** Channel options a token (or an API subscribe) may override per subscription: `{"presence": {"value": true}}`. */
export const OVERRIDE_KEYS = ['presence', 'join_leave', 'force_push_join_leave', 'force_positioning', 'force_recovery'] as const;

export type OptionOverrides = { [K in (typeof OVERRIDE_KEYS)[number]]?: boolean };

/** Overrides from their JSON form (`{"presence": {"value": true}}`); anything else in it is ignored. */
export function readOverrides(v: unknown): OptionOverrides | undefined {
  if (!isObject(v)) return undefined;
  const out: OptionOverrides = {};
  for (const k of OVERRIDE_KEYS) {
    const o = v[k];
    if (isObject(o) && typeof o['value'] === 'boolean') out[k] = o['value'];
  }
  return out;
}

/** Seconds until a unix-seconds expiry, at least 1 (what `ttl` fields carry). */
export function ttlUntil(expireAt: number): number {
  return Math.max(1, Math.ceil(expireAt - Date.now() / 1000));
}

export interface ConnectClaims {
  user: string;
  /** Unix seconds after which the connection must be refreshed; undefined = never. */
  expireAt?: number;
  /** ClientInfo.conn_info, as raw JSON (info) or bytes (b64info). */
  info?: Buffer;
  /** Server-side subscriptions: channel → per-channel extras. */
  subs: Map<string, { info?: Buffer; data?: Buffer; override?: OptionOverrides }>;
}

export interface SubscribeClaims {
  user: string;
  channel: string;
  /** When set, only the connection with this client id may use the token. */
  client?: string;
  expireAt?: number;
  info?: Buffer;
  data?: Buffer;
  override?: OptionOverrides;
}

export class TokenError extends Error {
  constructor(
    /** `unavailable`: the token could not be checked now (the JWKS endpoint is unreachable); the client should retry. */
    readonly kind: 'expired' | 'invalid' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  verifyConnectToken(token: string): Promise<ConnectClaims>;
  verifySubscribeToken(token: string): Promise<SubscribeClaims>;
}
