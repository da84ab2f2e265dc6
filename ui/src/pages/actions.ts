/**
 * The server API as forms: one per method, fields typed so the params sent
 * are what the method takes; the answer is shown as formatted JSON. Picking
 * another method empties the Result card, and an answer that arrives after
 * that (or after a newer submit) is dropped: the card only ever shows the
 * answer to the form above it.
 */
import { call } from '../api.js';
import { fill, h, json } from '../dom.js';

type Kind = 'string' | 'json' | 'list' | 'int' | 'bool';
interface Field {
  name: string;
  kind: Kind;
  optional?: boolean;
  hint?: string;
}

const user: Field = { name: 'user', kind: 'string' };
const client: Field = { name: 'client', kind: 'string', optional: true, hint: 'only this connection' };
const channel: Field = { name: 'channel', kind: 'string' };

const FORMS: Record<string, Field[]> = {
  publish: [channel, { name: 'data', kind: 'json' }, { name: 'tags', kind: 'json', optional: true, hint: '{"key": "value"}' }, { name: 'idempotency_key', kind: 'string', optional: true }, { name: 'skip_history', kind: 'bool' }],
  broadcast: [{ name: 'channels', kind: 'list', hint: 'one channel per line' }, { name: 'data', kind: 'json' }],
  presence: [channel],
  presence_stats: [channel],
  history: [channel, { name: 'limit', kind: 'int', optional: true, hint: '-1 = all' }, { name: 'reverse', kind: 'bool' }],
  history_remove: [channel],
  subscribe: [user, channel, client],
  unsubscribe: [user, channel, client],
  disconnect: [user, client, { name: 'code', kind: 'int', optional: true, hint: 'custom code (4000–4999 reconnect, else none)' }, { name: 'reason', kind: 'string', optional: true }],
  info: [],
  channels: [{ name: 'pattern', kind: 'string', optional: true }],
};

export function actionsPage(main: HTMLElement): () => void {
  const select = h('select', { 'data-testid': 'action-method' }, ...Object.keys(FORMS).map((m) => h('option', { value: m }, m)));
  const formBox = h('div', {});
  const out = h('div', { 'data-testid': 'action-result' });
  const asked = { n: 0 };
  const render = () => {
    asked.n++;
    fill(out);
    fill(formBox, form(select.value, out, asked));
  };
  select.addEventListener('change', render);
  fill(main, h('section', { class: 'card' }, h('h2', {}, 'Actions'), h('label', {}, 'method'), select, formBox), h('section', { class: 'card' }, h('h2', {}, 'Result'), out));
  render();
  return () => {};
}

/** `asked.n` counts submits and method changes, shared by every form of the page: an answer is drawn only if it is still the latest thing asked. */
function form(method: string, out: HTMLElement, asked: { n: number }): HTMLFormElement {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const rows = FORMS[method]!.map((f) => {
    const testid = `${method}-${f.name}`;
    const input =
      f.kind === 'json' || f.kind === 'list'
        ? h('textarea', { 'data-testid': testid, placeholder: f.hint ?? (f.kind === 'json' ? '{"text": "hello"}' : '') })
        : h('input', { type: f.kind === 'bool' ? 'checkbox' : f.kind === 'int' ? 'number' : 'text', 'data-testid': testid, placeholder: f.hint ?? '' });
    inputs.set(f.name, input);
    return h('div', {}, h('label', {}, f.name, f.optional ? ' (optional)' : ''), input);
  });
  return h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const mine = ++asked.n;
        let params: Record<string, unknown>;
        try {
          params = collect(method, inputs);
        } catch (err) {
          return fill(out, h('p', { class: 'error' }, (err as Error).message));
        }
        fill(out, h('p', { class: 'muted' }, `${method}…`));
        const answer = await call(method, params).catch((err: Error) => ({ error: { code: 0, message: err.message } }));
        if (mine !== asked.n) return;
        fill(out, h('p', { class: answer.error ? 'error' : 'ok', 'data-testid': 'action-status' }, answer.error ? 'error' : 'ok'), json(answer, 'action-json'));
      },
    },
    ...rows,
    h('button', { type: 'submit', 'data-testid': `${method}-submit` }, method),
  );
}

/** The params from the inputs; throws a message naming a field that is not what its method takes. */
function collect(method: string, inputs: Map<string, HTMLInputElement | HTMLTextAreaElement>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const f of FORMS[method]!) {
    const el = inputs.get(f.name)!;
    if (f.kind === 'bool') {
      if ((el as HTMLInputElement).checked) p[f.name] = true;
      continue;
    }
    const v = el.value.trim();
    if (!v) {
      if (!f.optional) throw new Error(`${f.name} is required`);
      continue;
    }
    let value: unknown = v;
    if (f.kind === 'json') {
      try {
        value = JSON.parse(v);
      } catch {
        throw new Error(`${f.name} must be JSON`);
      }
    } else if (f.kind === 'list') value = v.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (f.kind === 'int') value = Number(v);
    // disconnect takes its code and reason together as {disconnect: {code, reason}}.
    if (method === 'disconnect' && (f.name === 'code' || f.name === 'reason')) custom[f.name] = value;
    else p[f.name] = value;
  }
  if (Object.keys(custom).length) p['disconnect'] = { code: custom['code'] ?? 4000, reason: custom['reason'] ?? '' };
  return p;
}
