/** Live channel trace: a channel's publications, joins and leaves as they happen (newest first, the last MAX_EVENTS kept). */
import { trace, Unauthorized } from '../api.js';
import { fill, h } from '../dom.js';

const MAX_EVENTS = 500;

export function tracePage(main: HTMLElement): () => void {
  const channel = h('input', { type: 'text', placeholder: 'channel', required: true, 'data-testid': 'trace-channel' });
  const status = h('p', { class: 'muted', 'data-testid': 'trace-status' }, 'Not tracing.');
  const events = h('ul', { class: 'events', 'data-testid': 'trace-events' });
  let abort: AbortController | null = null;
  const stop = () => {
    abort?.abort();
    abort = null;
  };
  const start = async () => {
    stop();
    const name = channel.value.trim();
    // The trace that ran is stopped: the status must not go on saying it runs.
    if (!name) return fill(status, 'Not tracing: enter a channel.');
    const ctl = (abort = new AbortController());
    let refused = false;
    fill(events);
    fill(status, `Connecting to ${name}…`);
    try {
      await trace(name, ctl.signal, (line) => {
        if (line['type'] === 'ping') return;
        if (line['type'] === 'tracing') return fill(status, h('span', { class: 'ok' }, `Tracing ${name}`), ' — events appear as they happen.');
        if (line['error']) {
          refused = true;
          const e = line['error'] as { code?: number; message?: string };
          return fill(status, h('span', { class: 'error', 'data-testid': 'trace-error' }, `${e.code}: ${e.message}`));
        }
        const body = line['type'] === 'publication' ? line['publication'] : line['type'] === 'error' ? line['message'] : line['info'];
        events.prepend(h('li', { 'data-testid': 'trace-event', 'data-kind': String(line['type']) }, h('span', { class: 'kind' }, String(line['type'])), h('span', { class: 'muted' }, new Date().toLocaleTimeString(), ' '), h('code', {}, JSON.stringify(body))));
        while (events.childElementCount > MAX_EVENTS) events.lastElementChild!.remove();
      });
      if (abort === ctl && !refused) fill(status, 'Trace ended by the server.');
    } catch (err) {
      if (err instanceof Unauthorized || ctl.signal.aborted) return;
      fill(status, h('span', { class: 'error' }, `Trace failed: ${(err as Error).message}`));
    }
  };
  const form = h(
    'form',
    { class: 'row', onsubmit: (e: Event) => (e.preventDefault(), void start()) },
    channel,
    h('button', { type: 'submit', 'data-testid': 'trace-start' }, 'Trace'),
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'trace-stop', onclick: () => (stop(), fill(status, 'Stopped.')) }, 'Stop'),
  );
  fill(main, h('section', { class: 'card' }, h('h2', {}, 'Live channel trace'), form, status, events));
  return stop;
}
