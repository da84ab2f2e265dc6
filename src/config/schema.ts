/**
 * The one configuration schema. Every key has a doc, a default, a format and,
 * where the contract gives one, an environment variable and a command-line
 * flag (the key path: `--client.ping_interval 10`). Precedence, later wins:
 * defaults < JSON file < environment < flags (README, "Configuration").
 */
import { createPublicKey } from 'node:crypto';
import convict from 'convict';
import { PROXY_HEADERS, type ProxyHeader, TrustedProxies } from '../http/trusted-proxies';
import { parseShards } from '../engine/redis/topology';
import { CHANNEL_OPTIONS, type ChannelOptionSpec, DATA_FORMATS, DELTA_TYPES, type NamespaceConfig, RECOVERY_MODES, validateNamespaces } from './channel-options';

/**
 * Numbers arrive as strings from the environment and flags. A string that is not one stays a string, so the
 * check below can say "not a number" and convict can show the value (Number() would have made it NaN, which
 * convict's message leaves out, and its own `port` format answered "eighty" with a range).
 */
const toNumber = (v: unknown) => {
  if (typeof v !== 'string' || v.trim() === '') return v;
  const n = Number(v);
  return Number.isNaN(n) ? v : n;
};
function mustBeNumber(v: unknown): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new Error('not a number');
}
const port = {
  name: 'tcp-port',
  validate(v: unknown) {
    mustBeNumber(v);
    if (!Number.isInteger(v) || v < 0 || v > 65535) throw new Error('must be a whole number from 0 to 65535');
  },
  coerce: toNumber,
};
const seconds = {
  name: 'seconds',
  validate(v: unknown) {
    mustBeNumber(v);
    if (!Number.isFinite(v) || v < 0) throw new Error('must be a number of seconds >= 0');
  },
  coerce: toNumber,
};
const count = {
  name: 'count',
  validate(v: unknown) {
    mustBeNumber(v);
    if (!Number.isInteger(v) || v < 0) throw new Error('must be an integer >= 0');
  },
  coerce: toNumber,
};
const positiveCount = {
  name: 'positive-count',
  validate(v: unknown) {
    mustBeNumber(v);
    if (!Number.isInteger(v) || v < 1) throw new Error('must be an integer >= 1');
  },
  coerce: toNumber,
};
const strictBoolean = {
  name: 'strict-boolean',
  validate(v: unknown) {
    if (typeof v !== 'boolean') throw new Error('must be true or false');
  },
  coerce: (v: unknown) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
};
const stringList = {
  name: 'string-list',
  validate(v: unknown) {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new Error('must be a list of strings');
  },
  coerce: (v: unknown) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
};
const ipRanges = {
  name: 'ip-ranges',
  validate(v: unknown) {
    stringList.validate(v);
    // Built once here only to be checked: a typo must stop the start, not silently trust nobody (or everybody).
    new TrustedProxies(v as string[]);
  },
  coerce: stringList.coerce,
};
const redisUrlList = {
  name: 'redis-urls',
  validate(v: unknown) {
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) throw new Error('must be a Redis URL or a list of them');
    // Parsed here only to be checked: a typo stops the start (and checkconfig), not the first reconnect.
    parseShards(v as string | string[]);
  },
};
const namespaces = { name: 'namespaces', validate: validateNamespaces };
const stringMap = {
  name: 'string-map',
  validate(v: unknown) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some((s) => typeof s !== 'string')) {
      throw new Error('must be an object of header names to string values');
    }
  },
};
const dataFormat = {
  name: 'data-format',
  validate(v: unknown) {
    if (!(DATA_FORMATS as readonly unknown[]).includes(v)) throw new Error(`must be one of ${DATA_FORMATS.join(', ')}`);
  },
};
const recoveryMode = {
  name: 'recovery-mode',
  validate(v: unknown) {
    if (!(RECOVERY_MODES as readonly unknown[]).includes(v)) throw new Error(`must be one of ${RECOVERY_MODES.join(', ')}`);
  },
};
const deltaTypes = {
  name: 'delta-types',
  validate(v: unknown) {
    stringList.validate(v);
    for (const t of v as string[]) if (!(DELTA_TYPES as readonly string[]).includes(t)) throw new Error(`must list only ${DELTA_TYPES.join(', ')}`);
  },
  coerce: stringList.coerce,
};
const pem = {
  name: 'pem',
  validate(v: unknown) {
    if (typeof v !== 'string') throw new Error('must be a PEM string');
    if (v === '') return;
    try {
      createPublicKey(v);
    } catch {
      throw new Error('must be a PEM-encoded public key');
    }
  },
  // PEM keys in env vars often arrive with literal "\n"; turn them back into newlines.
  coerce: (v: unknown) => (typeof v === 'string' ? v.replace(/\\n/g, '\n') : v),
};
/** A PEM certificate or private key given as PEM text, a file path, or base64 of the PEM (Centrifugo 6 takes all three); read at start. */
const pemSource = {
  name: 'pem-source',
  validate(v: unknown) {
    if (typeof v !== 'string') throw new Error('must be PEM text, a file path or base64-encoded PEM');
  },
  coerce: pem.coerce,
};
const httpUrl = {
  name: 'http-url',
  validate(v: unknown) {
    if (typeof v !== 'string' || !isHttpUrl(v)) throw new Error('must be an absolute http:// or https:// URL');
  },
};
function isHttpUrl(v: string): boolean {
  // The URL parser drops spaces and line breaks where a browser might not: a URL that holds them is refused.
  if (/[\s\u0000-\u001f\u007f]/.test(v)) return false;
  try {
    const { protocol } = new URL(v);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
convict.addFormats({ 'tcp-port': port, 'http-url': httpUrl, seconds, count, 'positive-count': positiveCount, 'string-map': stringMap, 'strict-boolean': strictBoolean, 'string-list': stringList, 'ip-ranges': ipRanges, namespaces, pem, 'pem-source': pemSource, 'data-format': dataFormat, 'redis-urls': redisUrlList, 'recovery-mode': recoveryMode, 'delta-types': deltaTypes });

const FORMAT_OF: Record<ChannelOptionSpec['type'], string> = {
  boolean: 'strict-boolean',
  seconds: 'seconds',
  count: 'count',
  string: String.name,
  'data-format': 'data-format',
  'recovery-mode': 'recovery-mode',
  'delta-types': 'delta-types',
};

function channelSchema() {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CHANNEL_OPTIONS) as [string, ChannelOptionSpec][]) {
    out[key] = {
      doc: spec.doc,
      format: spec.type === 'string' ? String : FORMAT_OF[spec.type],
      default: spec.default,
      ...(spec.env ? { env: spec.env, arg: `channel.${key}` } : {}),
    };
  }
  out['namespaces'] = {
    doc: 'list of namespaces: {"name": "chat", ...the options above...}; channels "chat:..." use them',
    format: 'namespaces',
    default: [],
  };
  return out;
}

export const schema = {
  port: { doc: 'HTTP + WebSocket port', format: 'tcp-port', default: 8000, env: 'GYRE_PORT', arg: 'port' },
  address: { doc: 'bind address', format: String, default: '0.0.0.0', env: 'GYRE_ADDRESS', arg: 'address' },
  workers: { doc: 'worker processes; 0 = one per CPU core; the memory engine always runs 1', format: 'count', default: 0, env: 'GYRE_WORKERS', arg: 'workers' },
  engine: { doc: 'memory (one process, nothing shared) or redis', format: ['memory', 'redis'], default: 'memory' as 'memory' | 'redis', env: 'GYRE_ENGINE', arg: 'engine' },
  name: { doc: 'node name shown by the info API and the admin Nodes page; empty = hostname_pid of each worker process (e.g. web-1_4242: one name per worker); a name set here is shown by every worker of this server (the info API\'s uid tells them apart)', format: String, default: '', env: 'GYRE_NAME', arg: 'name' },
  shutdown_timeout: { doc: 'seconds a graceful shutdown may take; then unfinished work is cut off, workers still running 2 s later are killed, and the exit code is 1', format: 'seconds', default: 30, env: 'GYRE_SHUTDOWN_TIMEOUT', arg: 'shutdown_timeout' },
  redis: {
    url: {
      doc: 'Redis address, or a list of them = shards by channel (comma-separated in env): redis://, rediss:// (TLS), redis+sentinel://HOST:PORT?sentinel_master_name=NAME&addr=HOST2:PORT2, redis+cluster://HOST:PORT?addr=HOST2:PORT2',
      format: 'redis-urls',
      default: 'redis://127.0.0.1:6379' as string | string[],
      env: 'GYRE_REDIS_URL',
      arg: 'redis.url',
      // URLs may hold passwords (user:password@, sentinel_password=): a refused value is not echoed back. The
      // message names the shard and what is wrong (topology.ts), with credentials hidden.
      sensitive: true,
    },
    prefix: { doc: 'prefix of every key, queue and pub/sub channel', format: String, default: 'gyre', env: 'GYRE_REDIS_PREFIX', arg: 'redis.prefix' },
    presence_ttl: {
      doc: 'seconds a presence entry outlives its last refresh: how long a client of a worker or server that died stays in presence (more than client.presence_update_interval)',
      format: 'positive-count',
      default: 60,
      env: 'GYRE_REDIS_PRESENCE_TTL',
      arg: 'redis.presence_ttl',
    },
    wait_replicas: {
      doc: 'replicas that must have a publication before a publish is acknowledged (Redis WAIT after it), so an acknowledged publication survives a failover; fewer within redis.wait_timeout answer error 100 (temporary: retry with the same idempotency key); 0 = off',
      format: 'count',
      default: 0,
      env: 'GYRE_REDIS_WAIT_REPLICAS',
      arg: 'redis.wait_replicas',
    },
    wait_timeout: {
      doc: 'seconds a publish waits for redis.wait_replicas replicas (more than 0)',
      format: 'seconds',
      default: 1,
      env: 'GYRE_REDIS_WAIT_TIMEOUT',
      arg: 'redis.wait_timeout',
    },
    sharded_pubsub: {
      doc: 'publish and subscribe channels with SPUBLISH/SSUBSCRIBE (Redis 7 or later, checked at start): on a Redis Cluster a message then stays on the nodes of its slot instead of crossing every node; control messages stay classic; every server of a deployment must use the same setting',
      format: 'strict-boolean',
      default: false,
      env: 'GYRE_REDIS_SHARDED_PUBSUB',
      arg: 'redis.sharded_pubsub',
    },
  },
  token: {
    hmac_secret: { doc: 'HS256/384/512 key for connection and subscription JWTs', format: String, default: '', env: 'GYRE_TOKEN_HMAC_SECRET', arg: 'token.hmac_secret', sensitive: true },
    rsa_public_key: { doc: 'PEM; RS256/384/512', format: 'pem', default: '', env: 'GYRE_TOKEN_RSA_PUBLIC_KEY', arg: 'token.rsa_public_key' },
    ecdsa_public_key: { doc: 'PEM; ES256/384/512', format: 'pem', default: '', env: 'GYRE_TOKEN_ECDSA_PUBLIC_KEY', arg: 'token.ecdsa_public_key' },
    audience: { doc: 'required aud claim when set', format: String, default: '', env: 'GYRE_TOKEN_AUDIENCE', arg: 'token.audience' },
    issuer: { doc: 'required iss claim when set', format: String, default: '', env: 'GYRE_TOKEN_ISSUER', arg: 'token.issuer' },
    jwks_public_endpoint: {
      doc: 'URL of a JWKS (Keycloak, Auth0…): RS/ES tokens are checked against its keys by kid, fetched and cached; while it is unreachable an unknown kid gets a temporary error',
      format: String,
      default: '',
      env: 'GYRE_TOKEN_JWKS_PUBLIC_ENDPOINT',
      arg: 'token.jwks_public_endpoint',
    },
  },
  proxy: {
    connect_endpoint: { doc: 'backend URL asked who a connection without a token is (connect proxy); empty = off', format: String, default: '', env: 'GYRE_PROXY_CONNECT_ENDPOINT', arg: 'proxy.connect_endpoint' },
    refresh_endpoint: { doc: 'backend URL asked to prolong connections that expire (refresh proxy); empty = off', format: String, default: '', env: 'GYRE_PROXY_REFRESH_ENDPOINT', arg: 'proxy.refresh_endpoint' },
    subscribe_endpoint: { doc: 'backend URL asked whether a subscription is allowed, in namespaces with proxy_subscribe; empty = off', format: String, default: '', env: 'GYRE_PROXY_SUBSCRIBE_ENDPOINT', arg: 'proxy.subscribe_endpoint' },
    publish_endpoint: { doc: 'backend URL asked to validate client publications, in namespaces with proxy_publish; empty = off', format: String, default: '', env: 'GYRE_PROXY_PUBLISH_ENDPOINT', arg: 'proxy.publish_endpoint' },
    sub_refresh_endpoint: { doc: 'backend URL asked to prolong subscriptions that expire, in namespaces with proxy_sub_refresh; empty = off', format: String, default: '', env: 'GYRE_PROXY_SUB_REFRESH_ENDPOINT', arg: 'proxy.sub_refresh_endpoint' },
    rpc_endpoint: { doc: 'backend URL answering client RPCs; empty = off (RPC answers 104)', format: String, default: '', env: 'GYRE_PROXY_RPC_ENDPOINT', arg: 'proxy.rpc_endpoint' },
    timeout: { doc: 'seconds one proxy call may take, all of it', format: 'seconds', default: 1, env: 'GYRE_PROXY_TIMEOUT', arg: 'proxy.timeout' },
    http_headers: { doc: 'headers of the request that opened a connection forwarded on its proxy calls (comma-separated in env; none by default)', format: 'string-list', default: [] as string[], env: 'GYRE_PROXY_HTTP_HEADERS', arg: 'proxy.http_headers' },
    static_headers: { doc: 'fixed headers added to every proxy call, e.g. a shared secret the backend checks (file only)', format: 'string-map', default: {} as Record<string, string> },
    concurrency: { doc: 'most proxy calls in flight at once per worker; more wait their turn', format: 'positive-count', default: 64, env: 'GYRE_PROXY_CONCURRENCY', arg: 'proxy.concurrency' },
  },
  client: {
    insecure: { doc: 'development only: connect without token, everything allowed', format: 'strict-boolean', default: false, env: 'GYRE_CLIENT_INSECURE', arg: 'client.insecure' },
    allow_anonymous_connect_without_token: { doc: 'connections without a token are accepted as anonymous (user "")', format: 'strict-boolean', default: false, env: 'GYRE_CLIENT_ALLOW_ANONYMOUS_CONNECT_WITHOUT_TOKEN', arg: 'client.allow_anonymous_connect_without_token' },
    allowed_origins: { doc: 'comma-separated origins browsers may connect from besides the server\'s own ("*" = any); a browser request without an Origin is judged by its Referer; requests from no browser page (no Origin, no Sec-Fetch-Site) always pass', format: 'string-list', default: [] as string[], env: 'GYRE_CLIENT_ALLOWED_ORIGINS', arg: 'client.allowed_origins' },
    ping_interval: { doc: 'seconds between server pings', format: 'seconds', default: 25, env: 'GYRE_CLIENT_PING_INTERVAL', arg: 'client.ping_interval' },
    pong_timeout: { doc: 'seconds to wait for a pong before closing with 3012', format: 'seconds', default: 8, env: 'GYRE_CLIENT_PONG_TIMEOUT', arg: 'client.pong_timeout' },
    stale_close_delay: { doc: 'seconds a connection may stay open without sending connect (then 3502)', format: 'seconds', default: 10, env: 'GYRE_CLIENT_STALE_CLOSE_DELAY', arg: 'client.stale_close_delay' },
    expired_close_delay: { doc: 'seconds past token expiry before an unrefreshed connection is closed with 3005', format: 'seconds', default: 25, env: 'GYRE_CLIENT_EXPIRED_CLOSE_DELAY', arg: 'client.expired_close_delay' },
    expired_sub_close_delay: { doc: 'seconds past subscription token expiry before an unrefreshed subscription is ended (2501)', format: 'seconds', default: 25, env: 'GYRE_CLIENT_EXPIRED_SUB_CLOSE_DELAY', arg: 'client.expired_sub_close_delay' },
    channel_limit: { doc: 'channels one connection may be subscribed to (then error 106)', format: 'count', default: 128, env: 'GYRE_CLIENT_CHANNEL_LIMIT', arg: 'client.channel_limit' },
    queue_max_size: { doc: 'bytes waiting to be written to one connection before it is closed as slow (3008)', format: 'count', default: 1048576, env: 'GYRE_CLIENT_QUEUE_MAX_SIZE', arg: 'client.queue_max_size' },
    history_max_publication_limit: { doc: 'most publications one history call returns', format: 'count', default: 300, env: 'GYRE_CLIENT_HISTORY_MAX_PUBLICATION_LIMIT', arg: 'client.history_max_publication_limit' },
    position_check_interval: { doc: 'seconds a positioned subscription may go without publications before its position is checked against the stream', format: 'seconds', default: 40, env: 'GYRE_CLIENT_POSITION_CHECK_INTERVAL', arg: 'client.position_check_interval' },
    presence_update_interval: {
      doc: 'seconds between refreshes of the presence entries of live subscriptions, with the Redis engine (less than redis.presence_ttl)',
      format: 'seconds',
      default: 25,
      env: 'GYRE_CLIENT_PRESENCE_UPDATE_INTERVAL',
      arg: 'client.presence_update_interval',
    },
    recovery_max_publication_limit: { doc: 'most publications one recovery returns; a larger gap answers recovered: false', format: 'count', default: 300, env: 'GYRE_CLIENT_RECOVERY_MAX_PUBLICATION_LIMIT', arg: 'client.recovery_max_publication_limit' },
    subscribe_to_user_personal_channel: {
      enabled: {
        doc: "every connection with a user id is subscribed server-side to the user's personal channel (#<user>, or <namespace>:#<user>); Centrifugo 5's user_subscribe_to_personal",
        format: 'strict-boolean',
        default: false,
        env: 'GYRE_CLIENT_SUBSCRIBE_TO_USER_PERSONAL_CHANNEL_ENABLED',
        arg: 'client.subscribe_to_user_personal_channel.enabled',
      },
      personal_channel_namespace: {
        doc: 'namespace of the personal channels (must be configured); empty = the top level',
        format: String,
        default: '',
        env: 'GYRE_CLIENT_SUBSCRIBE_TO_USER_PERSONAL_CHANNEL_PERSONAL_CHANNEL_NAMESPACE',
        arg: 'client.subscribe_to_user_personal_channel.personal_channel_namespace',
      },
      single_connection: {
        doc: "a user keeps one connection: a new one closes the user's others, on every node (3504 connection limit, not reconnecting)",
        format: 'strict-boolean',
        default: false,
        env: 'GYRE_CLIENT_SUBSCRIBE_TO_USER_PERSONAL_CHANNEL_SINGLE_CONNECTION',
        arg: 'client.subscribe_to_user_personal_channel.single_connection',
      },
    },
  },
  websocket: {
    message_size_limit: { doc: 'largest inbound WebSocket message in bytes (larger: close 1009); also bounds every SockJS message, framing included (a SockJS send over it: 413)', format: 'positive-count', default: 65536, env: 'GYRE_WEBSOCKET_MESSAGE_SIZE_LIMIT', arg: 'websocket.message_size_limit' },
  },
  api: {
    key: { doc: 'key for the HTTP server API; when empty the API answers 401 unless api.insecure', format: String, default: '', env: 'GYRE_API_KEY', arg: 'api.key', sensitive: true },
    insecure: { doc: 'development only: the HTTP and GRPC server APIs need no key', format: 'strict-boolean', default: false, env: 'GYRE_API_INSECURE', arg: 'api.insecure' },
    max_body_size: { doc: 'largest HTTP API request body in bytes (larger: 413)', format: 'count', default: 10485760, env: 'GYRE_API_MAX_BODY_SIZE', arg: 'api.max_body_size' },
    redis_ingest: { doc: 'with the redis engine, apply API commands pushed to the Redis list queues and streams', format: 'strict-boolean', default: true, env: 'GYRE_API_REDIS_INGEST', arg: 'api.redis_ingest' },
    queue_shards: { doc: 'number of extra list queues <prefix>.api.0 … N-1 (see gyre queue-shard); 0 = only <prefix>.api', format: 'count', default: 0, env: 'GYRE_API_QUEUE_SHARDS', arg: 'api.queue_shards' },
    streams: { doc: 'streams read through consumer group "gyre", names relative to redis.prefix (comma-separated in env)', format: 'string-list', default: ['api.stream'], env: 'GYRE_API_STREAMS', arg: 'api.streams' },
    ingest_batch: { doc: 'most queue or stream items taken per round trip', format: 'count', default: 256, env: 'GYRE_API_INGEST_BATCH', arg: 'api.ingest_batch' },
    max_batch_size: {
      doc: 'most commands in one batch, /api pipeline or broadcast (each broadcast channel counts); a larger HTTP request is refused with 400',
      format: 'positive-count',
      default: 1000,
      env: 'GYRE_API_MAX_BATCH_SIZE',
      arg: 'api.max_batch_size',
    },
  },
  grpc_api: {
    enabled: {
      doc: "GRPC server API: Centrifugo's proto/api.proto (service centrifugal.centrifugo.api.CentrifugoApi), the same methods, limits and error codes as the HTTP API; every worker serves it",
      format: 'strict-boolean',
      default: false,
      env: 'GYRE_GRPC_API_ENABLED',
      arg: 'grpc_api.enabled',
    },
    address: { doc: 'bind address of the GRPC API; empty = address', format: String, default: '', env: 'GYRE_GRPC_API_ADDRESS', arg: 'grpc_api.address' },
    port: { doc: 'GRPC API port (must differ from port)', format: 'tcp-port', default: 10000, env: 'GYRE_GRPC_API_PORT', arg: 'grpc_api.port' },
    key: {
      doc: 'key every GRPC API call carries in its metadata as `authorization: apikey KEY`; when empty every call is refused (UNAUTHENTICATED) unless api.insecure',
      format: String,
      default: '',
      env: 'GYRE_GRPC_API_KEY',
      arg: 'grpc_api.key',
      sensitive: true,
    },
    tls: {
      enabled: { doc: 'serve the GRPC API over TLS, with grpc_api.tls.cert_pem and grpc_api.tls.key_pem', format: 'strict-boolean', default: false, env: 'GYRE_GRPC_API_TLS_ENABLED', arg: 'grpc_api.tls.enabled' },
      cert_pem: { doc: 'GRPC API TLS certificate (chain): PEM text, a file path, or base64-encoded PEM', format: 'pem-source', default: '', env: 'GYRE_GRPC_API_TLS_CERT_PEM', arg: 'grpc_api.tls.cert_pem' },
      key_pem: { doc: 'GRPC API TLS private key: PEM text, a file path, or base64-encoded PEM', format: 'pem-source', default: '', env: 'GYRE_GRPC_API_TLS_KEY_PEM', arg: 'grpc_api.tls.key_pem', sensitive: true },
    },
  },
  memory: {
    max_channels: {
      doc: 'memory engine: most channel streams (history, offset, epoch) kept; past it the least recently used is dropped, and its subscribers learn recovered: false',
      format: 'positive-count',
      default: 100000,
      env: 'GYRE_MEMORY_MAX_CHANNELS',
      arg: 'memory.max_channels',
    },
    max_idempotency_keys: {
      doc: 'memory engine: most idempotency keys remembered (each for 5 minutes); past it the oldest is forgotten first',
      format: 'positive-count',
      default: 100000,
      env: 'GYRE_MEMORY_MAX_IDEMPOTENCY_KEYS',
      arg: 'memory.max_idempotency_keys',
    },
  },
  sockjs: {
    url: {
      doc: 'the sockjs-client script (an http:// or https:// URL) that the page of the iframe-based SockJS transports loads (serve it yourself to avoid the CDN)',
      format: 'http-url',
      default: 'https://cdn.jsdelivr.net/npm/sockjs-client@1/dist/sockjs.min.js',
      env: 'GYRE_SOCKJS_URL',
      arg: 'sockjs.url',
    },
  },
  uni_websocket: {
    enabled: { doc: 'unidirectional WebSocket at /connection/uni_websocket (connect request as the first message; pushes only)', format: 'strict-boolean', default: false, env: 'GYRE_UNI_WEBSOCKET_ENABLED', arg: 'uni_websocket.enabled' },
  },
  uni_sse: {
    enabled: { doc: 'unidirectional SSE at /connection/uni_sse (connect request in the cf_connect URL parameter, so a plain EventSource works)', format: 'strict-boolean', default: false, env: 'GYRE_UNI_SSE_ENABLED', arg: 'uni_sse.enabled' },
  },
  uni_http_stream: {
    enabled: { doc: 'unidirectional HTTP-streaming at /connection/uni_http_stream (connect request as the POST body, so curl works)', format: 'strict-boolean', default: false, env: 'GYRE_UNI_HTTP_STREAM_ENABLED', arg: 'uni_http_stream.enabled' },
  },
  metrics: {
    enabled: { doc: '/metrics, Prometheus text, aggregated over the server\'s workers', format: 'strict-boolean', default: false, env: 'GYRE_METRICS_ENABLED', arg: 'metrics.enabled' },
  },
  admin: {
    enabled: { doc: 'admin web UI at / and its API at /admin/api/<method>; needs admin.password and admin.secret', format: 'strict-boolean', default: false, env: 'GYRE_ADMIN_ENABLED', arg: 'admin.enabled' },
    password: { doc: 'the admin UI login password', format: String, default: '', env: 'GYRE_ADMIN_PASSWORD', arg: 'admin.password', sensitive: true },
    secret: { doc: 'HMAC-SHA256 key signing admin tokens (valid 24 h; changing it logs every admin out)', format: String, default: '', env: 'GYRE_ADMIN_SECRET', arg: 'admin.secret', sensitive: true },
    trusted_proxies: {
      doc: 'reverse proxies in front of the admin (IP addresses and CIDR ranges, comma-separated in env): from their requests the login limit and the action log take the client address from admin.proxy_header; empty = the peer address, headers ignored',
      format: 'ip-ranges',
      default: [] as string[],
      env: 'GYRE_ADMIN_TRUSTED_PROXIES',
      arg: 'admin.trusted_proxies',
    },
    proxy_header: {
      doc: 'the header admin.trusted_proxies write the client address in: x-forwarded-for, or forwarded (RFC 7239 for=); the other is ignored',
      format: [...PROXY_HEADERS],
      default: 'x-forwarded-for' as ProxyHeader,
      env: 'GYRE_ADMIN_PROXY_HEADER',
      arg: 'admin.proxy_header',
    },
  },
  log: {
    level: { doc: 'pino level', format: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', env: 'GYRE_LOG_LEVEL', arg: 'log.level' },
    format: {
      doc: 'json (one JSON object per line: level as a word, ISO-8601 time), pretty (human-readable lines), or auto: pretty when stdout is a terminal, else json',
      format: ['auto', 'json', 'pretty'],
      default: 'auto' as 'auto' | 'json' | 'pretty',
      env: 'GYRE_LOG_FORMAT',
      arg: 'log.format',
    },
  },
  channel: channelSchema(),
};

/**
 * The resolved configuration, as every component receives it, derived from
 * the schema above so the two cannot drift: a leaf's type is its default's
 * (widened), and the channel options come from the option table.
 */
type Leaf<D> = D extends boolean ? boolean : D extends number ? number : D;
type Derive<S> = S extends { doc: string; default: infer D } ? Leaf<D> : { -readonly [K in keyof S]: Derive<S[K]> };
export type Config = Omit<Derive<typeof schema>, 'channel'> & {
  channel: Omit<NamespaceConfig, 'name'> & { namespaces: NamespaceConfig[] };
};
