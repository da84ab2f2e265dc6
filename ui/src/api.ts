/**
 * The admin API as the UI calls it: the token from the login travels in the
 * Authorization header (never a cookie) and lives in localStorage until it
 * expires or the server answers 401, which logs the UI out.
 */
const KEY = 'gyre.admin.token';

export class Unauthorized extends Error {}

export interface ApiError {
  code: number;
  message: string;
}

let onLogout: () => void = () => {};

export function setLogoutHandler(fn: () => void): void {
  onLogout = fn;
}

export function token(): string | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const t = JSON.parse(raw) as { token: string; expires_at: number };
    if (t.expires_at * 1000 <= Date.now()) throw new Error('expired');
    return t.token;
  } catch {
    localStorage.removeItem(KEY);
    return null;
  }
}

export function logout(): void {
  localStorage.removeItem(KEY);
  onLogout();
}

/** Exchanges the password for a token; resolves to an error message when refused. */
export async function login(password: string): Promise<string | null> {
  const r = await fetch('/admin/auth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  const body = (await r.json().catch(() => ({}))) as { token?: string; expires_at?: number; error?: ApiError };
  if (r.ok && body.token) {
    localStorage.setItem(KEY, JSON.stringify({ token: body.token, expires_at: body.expires_at }));
    return null;
  }
  return body.error?.message ?? `login failed (HTTP ${r.status})`;
}

/** POSTs params to a method with the token; a 401 logs the UI out. */
async function post(method: string, params: object, signal?: AbortSignal): Promise<Response> {
  const headers = { 'content-type': 'application/json', authorization: `token ${token() ?? ''}` };
  const r = await fetch(`/admin/api/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(params), signal });
  if (r.status === 401) {
    logout();
    throw new Unauthorized();
  }
  return r;
}

/** Calls a method; resolves to its `{result}` or `{error}` answer. */
export async function call<T = unknown>(method: string, params: object = {}): Promise<{ result?: T; error?: ApiError }> {
  const r = await post(method, params);
  const body = (await r.json().catch(() => null)) as { result?: T; error?: ApiError } | null;
  return body ?? { error: { code: 0, message: `HTTP ${r.status}` } };
}

/** Calls a method and returns its result, throwing its error. */
export async function result<T>(method: string, params: object = {}): Promise<T> {
  const r = await call<T>(method, params);
  if (r.error) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

/**
 * Follows a channel: calls `onLine` with each line of the trace stream until
 * `signal` aborts it. Resolves when the stream ends.
 */
export async function trace(channel: string, signal: AbortSignal, onLine: (line: Record<string, unknown>) => void): Promise<void> {
  const r = await post('trace', { channel }, signal);
  if (!r.body) return;
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      // A refusal ({"error": …}) is one JSON answer without a trailing newline.
      if (buffered.trim()) onLine(JSON.parse(buffered) as Record<string, unknown>);
      return;
    }
    buffered += value;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line) onLine(JSON.parse(line) as Record<string, unknown>);
    }
  }
}
