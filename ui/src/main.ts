/**
 * The admin UI: a login form, then five pages chosen by the URL hash
 * (#nodes, #channels, #actions, #trace, #ingestion). Each page renders into
 * the main element and returns what stops its timers and streams when the
 * admin leaves it.
 */
import { login, logout, setLogoutHandler, token } from './api.js';
import { h, fill } from './dom.js';
import { actionsPage } from './pages/actions.js';
import { channelsPage } from './pages/channels.js';
import { ingestionPage } from './pages/ingestion.js';
import { nodesPage } from './pages/nodes.js';
import { tracePage } from './pages/trace.js';

export type Page = (main: HTMLElement) => () => void;

const PAGES: Record<string, { title: string; page: Page }> = {
  nodes: { title: 'Nodes', page: nodesPage },
  channels: { title: 'Channels', page: channelsPage },
  actions: { title: 'Actions', page: actionsPage },
  trace: { title: 'Live trace', page: tracePage },
  ingestion: { title: 'Ingestion', page: ingestionPage },
};

const app = document.getElementById('app')!;
let leave: () => void = () => {};

function showLogin(message = ''): void {
  leave();
  leave = () => {};
  const password = h('input', { type: 'password', autocomplete: 'current-password', 'data-testid': 'login-password', autofocus: true });
  const error = h('p', { class: 'error', 'data-testid': 'login-error' }, message);
  const form = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        fill(error);
        const refused = await login(password.value).catch((err: Error) => err.message);
        if (refused) fill(error, refused);
        else route();
      },
    },
    h('label', { for: 'pw' }, 'Admin password'),
    password,
    h('button', { type: 'submit', 'data-testid': 'login-submit' }, 'Log in'),
    error,
  );
  password.id = 'pw';
  fill(app, h('section', { class: 'card login' }, h('h2', {}, 'Gyre admin'), form));
  password.focus();
}

function route(): void {
  if (!token()) return showLogin();
  const name = location.hash.slice(1) in PAGES ? location.hash.slice(1) : 'nodes';
  leave();
  const main = h('main', { 'data-page': name });
  const nav = h('nav', {}, ...Object.entries(PAGES).map(([key, p]) => h('a', { href: `#${key}`, class: key === name ? 'active' : undefined, 'data-testid': `nav-${key}` }, p.title)));
  fill(app, h('header', {}, h('h1', {}, 'Gyre'), nav, h('button', { class: 'secondary', 'data-testid': 'logout', onclick: () => logout() }, 'Log out')), main);
  leave = PAGES[name]!.page(main);
}

setLogoutHandler(() => showLogin('Logged out.'));
window.addEventListener('hashchange', route);
route();
