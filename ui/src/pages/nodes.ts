/**
 * Every node (worker) of every server, from the `info` method, refreshed
 * every few seconds while the tab is visible. When a refresh fails the last
 * figures stay, dimmed, with the error and the time they are from.
 */
import { result } from '../api.js';
import { duration, fill, h, table } from '../dom.js';

/** How often the live pages poll `info` (while the tab is visible). */
export const REFRESH_MS = 3000;

/** A queue or stream as the node consuming it reports it. */
export interface IngestStats {
  source: string;
  kind: string;
  applied: number;
  dead_letters: number;
  applied_per_second: number;
  depth: number;
  lag_ms: number | null;
}

/** A Redis shard as one node sees it (src/engine/redis/shards.ts ShardState). */
export interface ShardState {
  shard: number;
  kind: string;
  address: string;
  reachable: boolean;
  masters: string[];
}

export interface NodeInfo {
  uid: string;
  name: string;
  version: string;
  uptime: number;
  num_clients: number;
  num_users: number;
  num_channels: number;
  num_subs: number;
  ingest?: IngestStats[];
  redis_shards?: ShardState[];
}

export function nodesPage(main: HTMLElement): () => void {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const stamp = h('span', { class: 'muted' });
  fill(main, h('section', { class: 'card' }, h('h2', {}, 'Nodes ', stamp), body));
  let updated = '';
  const load = async () => {
    if (document.hidden) return;
    try {
      const { nodes } = await result<{ nodes: NodeInfo[] }>('info');
      nodes.sort((a, b) => a.name.localeCompare(b.name));
      const sum = (k: 'num_clients' | 'num_users' | 'num_subs') => nodes.reduce((n, x) => n + x[k], 0);
      const rows = nodes.map((n) => [
        n.name,
        n.version,
        duration(n.uptime),
        n.num_clients,
        n.num_users,
        n.num_channels,
        n.num_subs,
        (n.ingest ?? []).map((s) => `${s.source}: ${s.depth} waiting, ${s.applied_per_second.toFixed(1)}/s`).join('; ') || '—',
      ]);
      fill(
        body,
        table(['name', 'version', 'uptime', 'clients', 'users', 'channels', 'subscriptions', 'ingestion'], rows, { testid: 'nodes', numeric: [3, 4, 5, 6], rowTestid: 'node-row' }),
        h('p', { class: 'muted' }, `${nodes.length} nodes · ${sum('num_clients')} clients · ${sum('num_users')} users (per node, summed) · ${sum('num_subs')} subscriptions`),
        shardsTable(nodes),
      );
      updated = new Date().toLocaleTimeString();
      body.classList.remove('stale');
      fill(stamp, `· updated ${updated}`);
    } catch (err) {
      if (updated) body.classList.add('stale');
      fill(stamp, h('span', { class: 'error' }, `· ${(err as Error).message}`), updated ? ` · figures from ${updated}` : '');
    }
  };
  void load();
  const timer = setInterval(load, REFRESH_MS);
  return () => clearInterval(timer);
}

/**
 * Every node's view of every Redis shard (Redis engine only): one node that
 * cannot reach a shard while the others can points at that node's network,
 * every node failing at one shard points at the shard.
 */
function shardsTable(nodes: NodeInfo[]): HTMLElement | null {
  if (!nodes.some((n) => n.redis_shards?.length)) return null;
  const rows = nodes.flatMap((n) =>
    (n.redis_shards ?? []).map((s) => [
      n.name,
      s.shard,
      s.kind,
      s.address,
      s.masters.join(', ') || '—',
      s.reachable ? h('span', { class: 'ok' }, 'reachable') : h('span', { class: 'error' }, 'unreachable'),
    ]),
  );
  const down = nodes.reduce((k, n) => k + (n.redis_shards ?? []).filter((s) => !s.reachable).length, 0);
  return h(
    'div',
    {},
    h('h2', { class: 'sub' }, 'Redis shards'),
    table(['node', 'shard', 'kind', 'address', 'master(s)', 'state'], rows, { testid: 'redis-shards', numeric: [1], rowTestid: 'shard-row' }),
    h('p', { class: down ? 'error' : 'muted' }, down ? `${down} shard connection${down > 1 ? 's' : ''} down` : 'every node reaches every shard'),
  );
}
