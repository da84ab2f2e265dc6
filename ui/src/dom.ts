/**
 * Building the page: elements are created with their text set as text, never
 * parsed as HTML, so nothing a client or publisher sent can become markup or
 * script here.
 */
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && el instanceof HTMLInputElement) el.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A value as indented JSON in a <pre>. */
export function json(value: unknown, testid?: string): HTMLPreElement {
  return h('pre', { 'data-testid': testid }, JSON.stringify(value, null, 2));
}

/**
 * A table in a box of its own that scrolls sideways: on a narrow screen a
 * table wider than its card scrolls there, and the page keeps the screen's
 * width (the test id stays on the table).
 */
export function table(headers: string[], rows: Child[][], opts: { testid?: string; numeric?: number[]; onRow?: (i: number) => void; rowTestid?: string } = {}): HTMLDivElement {
  const num = new Set(opts.numeric ?? []);
  const el = h(
    'table',
    { 'data-testid': opts.testid },
    h('thead', {}, h('tr', {}, ...headers.map((t, i) => h('th', { class: num.has(i) ? 'num' : undefined }, t)))),
    h(
      'tbody',
      {},
      ...rows.map((r, ri) =>
        h(
          'tr',
          { class: opts.onRow ? 'clickable' : undefined, 'data-testid': opts.rowTestid, onclick: opts.onRow ? () => opts.onRow!(ri) : undefined },
          ...r.map((c, i) => h('td', { class: num.has(i) ? 'num' : undefined }, c)),
        ),
      ),
    ),
  );
  return h('div', { class: 'table-scroll' }, el);
}

export function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const hh = Math.floor((seconds % 86400) / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return d ? `${d}d ${hh}h` : hh ? `${hh}h ${mm}m` : mm ? `${mm}m ${ss}s` : `${ss}s`;
}
