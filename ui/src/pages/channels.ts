/**
 * Active channels (the `channels` method, filtered by a glob pattern) and, for
 * the one chosen, its presence and history. The chosen channel's card stays
 * only while the list shows that channel: a filter that no longer lists it
 * (or matches nothing, or fails) closes it, so what is on screen never
 * describes a channel the list does not.
 */
import { call, result, Unauthorized } from '../api.js';
import { fill, h, json, table } from '../dom.js';

export function channelsPage(main: HTMLElement): () => void {
  const pattern = h('input', { type: 'text', placeholder: 'pattern, e.g. chat:* (empty = all)', 'data-testid': 'channels-pattern' });
  const list = h('div', {});
  const detail = h('div', { 'data-testid': 'channel-detail' });
  let opened: string | null = null;
  // Bumped by each list load and each open or close: an answer that arrives
  // after a newer one was asked for is dropped rather than drawn over it.
  let listing = 0;
  let showing = 0;
  const close = () => {
    opened = null;
    showing++;
    fill(detail);
  };
  const load = async () => {
    const mine = ++listing;
    try {
      const { channels } = await result<{ channels: Record<string, { num_clients: number }> }>('channels', pattern.value ? { pattern: pattern.value } : {});
      if (mine !== listing) return;
      const names = Object.keys(channels).sort();
      if (opened !== null && !names.includes(opened)) close();
      if (!names.length) return fill(list, h('p', { class: 'muted' }, 'No active channel matches.'));
      fill(
        list,
        table(
          ['channel', 'clients'],
          names.map((n) => [n, channels[n]!.num_clients]),
          { testid: 'channels', numeric: [1], onRow: (i) => void open(names[i]!) },
        ),
      );
    } catch (err) {
      if (mine !== listing) return;
      close();
      fill(list, h('p', { class: 'error' }, (err as Error).message));
    }
  };
  const open = async (channel: string) => {
    opened = channel;
    const mine = ++showing;
    fill(detail, h('p', { class: 'muted' }, `Loading ${channel}…`));
    const answers = await Promise.all([call('presence', { channel }), call('history', { channel, limit: 20, reverse: true })]).catch((err: Error) => err);
    if (mine !== showing) return;
    if (answers instanceof Error) {
      // Unauthorized has already put the login form up.
      if (!(answers instanceof Unauthorized)) fill(detail, h('p', { class: 'error' }, answers.message));
      return;
    }
    const [presence, history] = answers;
    const show = (r: { result?: unknown; error?: { code: number; message: string } }) => (r.error ? h('p', { class: 'muted' }, `${r.error.code}: ${r.error.message}`) : json(r.result));
    fill(
      detail,
      h('section', { class: 'card' }, h('h2', {}, channel), h('div', { class: 'grid2' }, h('div', {}, h('h2', {}, 'Presence'), show(presence)), h('div', {}, h('h2', {}, 'History (newest 20)'), show(history)))),
    );
    // On a phone the card lands below the list, out of sight: bring it into view (no scroll when it already is).
    detail.scrollIntoView({ block: 'nearest' });
  };
  const form = h(
    'form',
    { class: 'row', onsubmit: (e: Event) => (e.preventDefault(), void load()) },
    pattern,
    h('button', { type: 'submit', 'data-testid': 'channels-submit' }, 'Filter'),
  );
  fill(main, h('section', { class: 'card' }, h('h2', {}, 'Channels'), form, list), detail);
  void load();
  return () => {};
}
