/**
 * Token verification contract. Implementations resolve to typed claims or
 * reject with a TokenError; callers map `expired` to error 109 and `invalid`
 * to disconnect 3500. It is asynchronous so that a verification pool, a JWKS
 * fetch or a call to the application backend can sit behind it without
 * touching the client state machine.
 */

/** Per-subscription option overrides a token may carry (`{"presence": {"value": true}}`). */
export interface OptionOverrides {
  presence?: boolean;
  join_leave?: boolean;
  force_push_join_leave?: boolean;
  force_positioning?: boolean;
  force_recovery?: boolean;
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
    readonly kind: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  verifyConnectToken(token: string): Promise<ConnectClaims>;
  verifySubscribeToken(token: string): Promise<SubscribeClaims>;
}
