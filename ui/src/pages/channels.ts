/** Active channels (the `channels` method, filtered by a glob pattern) and, for the one chosen, its presence and history. */
import { call, result } from '../api.js';
import { fill, h, json, table } from '../dom.js';

export function channelsPage(main: HTMLElement): () => void {
  const pattern = h('input', { type: 'text', placeholder: 'pattern, e.g. chat:* (empty = all)', 'data-testid': 'channels-pattern' });
  const list = h('div', {});
  const detail = h('div', {});
  const load = async () => {
    try {
      const { channels } = await result<{ channels: Record<string, { num_clients: number }> }>('channels', pattern.value ? { pattern: pattern.value } : {});
      const names = Object.keys(channels).sort();
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
      fill(list, h('p', { class: 'error' }, (err as Error).message));
    }
  };
  const open = async (channel: string) => {
    fill(detail, h('p', { class: 'muted' }, `Loading ${channel}…`));
    const [presence, history] = await Promise.all([call('presence', { channel }), call('history', { channel, limit: 20, reverse: true })]);
    const show = (r: { result?: unknown; error?: { code: number; message: string } }) => (r.error ? h('p', { class: 'muted' }, `${r.error.code}: ${r.error.message}`) : json(r.result));
    fill(
      detail,
      h('section', { class: 'card' }, h('h2', {}, channel), h('div', { class: 'grid2' }, h('div', {}, h('h2', {}, 'Presence'), show(presence)), h('div', {}, h('h2', {}, 'History (newest 20)'), show(history)))),
    );
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
