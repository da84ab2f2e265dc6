/**
 * What `redis.url` names: one shard per URL, each a single Redis, a Sentinel
 * group or a Redis Cluster, in the URL forms Centrifugo v6 uses:
 *
 *   redis://[user:password@]host:port[/db]           one Redis (rediss:// = TLS)
 *   redis+sentinel://host:port?sentinel_master_name=NAME&addr=host2:port2
 *       the master of NAME, found through the Sentinels listed (host:port and
 *       every addr=) and followed across failovers; sentinel_user and
 *       sentinel_password authenticate to the Sentinels, the URL's own
 *       user:password to the master and replicas
 *   redis+cluster://host:port?addr=host2:port2       Redis Cluster seeds
 *
 * `rediss+sentinel://` and `rediss+cluster://` use TLS as well (with Sentinel
 * to the master and replicas: the Sentinels are asked without). Parsing is
 * strict: an unknown scheme or parameter, a missing master name or a bad
 * address is refused when the configuration is loaded (and by checkconfig),
 * never discovered at the first reconnect.
 */

export type ShardKind = 'standalone' | 'sentinel' | 'cluster';

export interface HostPort {
  host: string;
  port: number;
}

export interface ShardSpec {
  kind: ShardKind;
  tls: boolean;
  /** The Redis (standalone), the Sentinels (sentinel) or the seeds (cluster). */
  addresses: HostPort[];
  username?: string;
  password?: string;
  db: number;
  masterName?: string;
  sentinelUsername?: string;
  sentinelPassword?: string;
  /** The URL without credentials: what logs, /health and metrics show. */
  label: string;
}

const SCHEMES: Record<string, { kind: ShardKind; tls: boolean }> = {
  'redis:': { kind: 'standalone', tls: false },
  'rediss:': { kind: 'standalone', tls: true },
  'redis+sentinel:': { kind: 'sentinel', tls: false },
  'rediss+sentinel:': { kind: 'sentinel', tls: true },
  'redis+cluster:': { kind: 'cluster', tls: false },
  'rediss+cluster:': { kind: 'cluster', tls: true },
};

const PARAMS: Record<ShardKind, ReadonlySet<string>> = {
  standalone: new Set(),
  sentinel: new Set(['addr', 'sentinel_master_name', 'sentinel_user', 'sentinel_password']),
  cluster: new Set(['addr']),
};

/** Most shards one deployment names: more is a typo (or a list pasted twice), not a topology. */
export const MAX_SHARDS = 64;
/** Most addresses in one URL. */
const MAX_ADDRESSES = 64;

/** `redis.url` as a list of URLs: a list as given, or one string split at commas (how GYRE_REDIS_URL carries a list). */
export function redisUrls(value: string | readonly string[]): string[] {
  const list = typeof value === 'string' ? value.split(',') : [...value];
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/** Every shard of `redis.url`; throws an Error saying what is wrong with the first bad URL. */
export function parseShards(value: string | readonly string[]): ShardSpec[] {
  const urls = redisUrls(value);
  if (urls.length === 0) throw new Error('needs at least one Redis URL');
  if (urls.length > MAX_SHARDS) throw new Error(`names ${urls.length} shards; at most ${MAX_SHARDS}`);
  const specs = urls.map((u, i) => {
    try {
      return parseRedisUrl(u);
    } catch (err) {
      // Shards are numbered from 0, as /health, the logs and the metrics' shard label number them.
      throw new Error(urls.length > 1 ? `shard ${i} (URL ${i + 1} of ${urls.length}): ${(err as Error).message}` : (err as Error).message);
    }
  });
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.label)) throw new Error(`${s.label} is listed twice: shards must be distinct Redis deployments`);
    seen.add(s.label);
  }
  refuseSharedServers(specs);
  return specs;
}

/**
 * Two shards on one Redis server — two databases of it, or one Cluster named
 * twice by different seeds — add no capacity (one server, one CPU), and since
 * Redis pub/sub ignores database numbers each would also hear the other's
 * node-to-node messages. Sentinels are the exception: one Sentinel group may
 * watch several masters, so Sentinel shards differ by master name.
 */
function refuseSharedServers(specs: ShardSpec[]): void {
  const owner = new Map<string, number>();
  specs.forEach((s, i) => {
    for (const a of s.addresses) {
      const key = s.kind === 'sentinel' ? `${hostPort(a)} ${s.masterName}` : hostPort(a);
      const other = owner.get(key);
      if (other !== undefined && other !== i) {
        const what = s.kind === 'sentinel' ? `the master ${s.masterName} of the Sentinel at ${hostPort(a)}` : hostPort(a);
        throw new Error(`shards ${other} and ${i} are both ${what}: shards must be distinct Redis servers (databases of one server share its CPU and its pub/sub)`);
      }
      owner.set(key, i);
    }
  });
}

export function parseRedisUrl(raw: string): ShardSpec {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${redact(raw)}" is not a URL (expected redis://host:port, redis+sentinel://… or redis+cluster://…)`);
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) throw new Error(`unknown scheme "${url.protocol}" (expected redis:, rediss:, redis+sentinel:, redis+cluster:, or their rediss+ forms)`);
  const allowed = PARAMS[scheme.kind];
  for (const name of new Set(url.searchParams.keys())) {
    if (!allowed.has(name)) throw new Error(`unknown parameter "${name}" for ${url.protocol}//`);
  }
  if (!url.hostname) throw new Error(`"${redact(raw)}" has no host`);
  const defaultPort = scheme.kind === 'sentinel' ? 26379 : 6379;
  const addresses = [{ host: unbracket(url.hostname), port: url.port ? Number(url.port) : defaultPort }];
  for (const a of url.searchParams.getAll('addr')) addresses.push(parseAddress(a, defaultPort));
  if (addresses.length > MAX_ADDRESSES) throw new Error(`lists ${addresses.length} addresses; at most ${MAX_ADDRESSES}`);
  const spec: ShardSpec = { kind: scheme.kind, tls: scheme.tls, addresses, db: 0, label: '' };
  if (url.username) spec.username = decodeURIComponent(url.username);
  if (url.password) spec.password = decodeURIComponent(url.password);
  const path = url.pathname.replace(/^\//, '');
  if (path !== '') {
    if (!/^\d{1,5}$/.test(path)) throw new Error(`database "${path}" must be a number`);
    if (scheme.kind === 'cluster') throw new Error('Redis Cluster has only database 0');
    spec.db = Number(path);
  }
  if (scheme.kind === 'sentinel') {
    const name = url.searchParams.get('sentinel_master_name');
    if (!name) throw new Error('redis+sentinel:// needs sentinel_master_name=NAME');
    spec.masterName = name;
    const user = url.searchParams.get('sentinel_user');
    const password = url.searchParams.get('sentinel_password');
    if (user) spec.sentinelUsername = user;
    if (password) spec.sentinelPassword = password;
  }
  spec.label = labelOf(spec, url.protocol);
  return spec;
}

function parseAddress(a: string, defaultPort: number): HostPort {
  // [v6]:port, host:port or host; no URL parser here, so the checks are explicit.
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]/\s]+)(?::(\d{1,5}))?$/.exec(a);
  if (!m) throw new Error(`addr "${a}" is not HOST:PORT`);
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (port < 1 || port > 65535) throw new Error(`addr "${a}" has port ${port}, outside 1-65535`);
  return { host: unbracket(m[1]!), port };
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

const hostPort = (a: HostPort) => (a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`);

function labelOf(spec: ShardSpec, protocol: string): string {
  const first = hostPort(spec.addresses[0]!);
  const rest = spec.addresses.slice(1).map((a) => `addr=${hostPort(a)}`);
  const params = spec.masterName !== undefined ? [`sentinel_master_name=${spec.masterName}`, ...rest] : rest;
  const db = spec.db ? `/${spec.db}` : '';
  return `${protocol}//${first}${db}${params.length ? `?${params.join('&')}` : ''}`;
}

/** A URL-ish string with whatever sits between `//` and `@` (credentials) hidden, for error messages. */
function redact(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, '//***@');
}

/**
 * Whether a shard's master can be replaced by a replica (Sentinel, Cluster):
 * the scripts then start a channel's epoch anew when the master's replication
 * ID changed since its last write (lua/epoch_lib.lua). Not for a single Redis,
 * whose replication ID changes at every restart, even one that lost nothing.
 */
export function promotesReplicas(spec: ShardSpec): boolean {
  return spec.kind !== 'standalone';
}
