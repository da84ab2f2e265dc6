/**
 * Redis ingestion: each queue and stream (held by one node at a time) with
 * depth, lag and rate, refreshed every few seconds; and the dead-letter list,
 * each item with its error and buttons to requeue it (once its cause is
 * fixed) or drop it.
 */
import { call, result } from '../api.js';
import { fill, h, json, table } from '../dom.js';
import { type NodeInfo, REFRESH_MS } from './nodes.js';

const PAGE = 20;

interface DeadLetter {
  record: string;
  dead_letter: { item?: unknown; error?: string; source?: string; at?: string } | string;
}

export function ingestionPage(main: HTMLElement): () => void {
  const queues = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const dead = h('div', {});
  const note = h('p', { 'data-testid': 'dead-note' });
  let offset = 0;
  // Bumped by each dead-letter load: a slower earlier answer does not replace a newer page.
  let loading = 0;
  const loadQueues = async () => {
    if (document.hidden) return;
    try {
      const { nodes } = await result<{ nodes: NodeInfo[] }>('info');
      const rows = nodes.flatMap((n) => (n.ingest ?? []).map((s) => ({ ...s, node: n.name })));
      rows.sort((a, b) => a.source.localeCompare(b.source));
      if (!rows.length) return fill(queues, h('p', { class: 'muted' }, 'No node consumes a queue (memory engine, or api.redis_ingest off).'));
      fill(
        queues,
        table(
          ['source', 'kind', 'consumed by', 'depth', 'lag', 'applied/s', 'applied', 'dead letters'],
          rows.map((s) => [s.source, s.kind, s.node, s.depth, s.lag_ms === null ? '—' : `${(s.lag_ms / 1000).toFixed(1)} s`, s.applied_per_second.toFixed(1), s.applied, s.dead_letters]),
          { testid: 'queues', numeric: [3, 4, 5, 6, 7] },
        ),
      );
    } catch (err) {
      fill(queues, h('p', { class: 'error' }, (err as Error).message));
    }
  };
  const loadDead = async () => {
    const mine = ++loading;
    const r = await call<{ total: number; items: DeadLetter[] }>('dead_letters', { offset, limit: PAGE });
    if (mine !== loading) return;
    if (r.error) return fill(dead, h('p', { class: 'muted' }, `${r.error.code}: ${r.error.message}`));
    const { total, items } = r.result!;
    // The page shown emptied (its last items requeued or dropped): step back to one that has items.
    if (!items.length && offset > 0) {
      offset = Math.max(0, Math.min(offset - PAGE, total - 1 - ((total - 1) % PAGE)));
      return loadDead();
    }
    if (!total) return fill(dead, h('p', { class: 'muted', 'data-testid': 'dead-empty' }, 'No dead letters.'));
    const act = async (method: 'dead_letter_requeue' | 'dead_letter_drop', record: string) => {
      const a = await call<{ requeued?: boolean; dropped?: boolean }>(method, { record });
      if (a.error) fill(note, h('span', { class: 'error' }, `${a.error.code}: ${a.error.message}`));
      else if (a.result?.requeued || a.result?.dropped) fill(note, h('span', { class: 'ok' }, method === 'dead_letter_requeue' ? 'Requeued.' : 'Dropped.'));
      else fill(note, h('span', { class: 'muted' }, 'Already gone (another admin acted on it).'));
      await loadDead();
    };
    const rows = items.map((d) => {
      const x = typeof d.dead_letter === 'string' ? { item: d.dead_letter } : d.dead_letter;
      return [
        x.at ?? '—',
        x.source ?? '—',
        h('span', { class: 'error' }, x.error ?? '—'),
        json(x.item),
        h(
          'div',
          {},
          h('button', { class: 'secondary', 'data-testid': 'dead-requeue', onclick: () => void act('dead_letter_requeue', d.record) }, 'Requeue'),
          ' ',
          h('button', { class: 'danger', 'data-testid': 'dead-drop', onclick: () => void act('dead_letter_drop', d.record) }, 'Drop'),
        ),
      ];
    });
    const pager = h(
      'div',
      { class: 'row' },
      h('span', { class: 'muted' }, `${offset + 1}–${offset + items.length} of ${total}, newest first`),
      h('button', { class: 'secondary', disabled: offset === 0, onclick: () => ((offset = Math.max(0, offset - PAGE)), browse()) }, 'Newer'),
      h('button', { class: 'secondary', disabled: offset + PAGE >= total, onclick: () => ((offset += PAGE), browse()) }, 'Older'),
    );
    fill(dead, table(['at', 'source', 'error', 'item', ''], rows, { testid: 'dead-letters', rowTestid: 'dead-row' }), pager);
  };
  // Refresh and paging: the note about the last requeue or drop is about the list as it was, so it goes.
  const browse = () => {
    fill(note);
    void loadDead();
  };
  fill(
    main,
    h('section', { class: 'card' }, h('h2', {}, 'Queues and streams'), queues),
    h('section', { class: 'card' }, h('h2', {}, 'Dead letters ', h('button', { class: 'secondary', 'data-testid': 'dead-refresh', onclick: browse }, 'Refresh')), note, dead),
  );
  void loadQueues();
  void loadDead();
  const timer = setInterval(loadQueues, REFRESH_MS);
  return () => clearInterval(timer);
}
