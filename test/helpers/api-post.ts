/**
 * One POST to a server's API with its key, over the given agent (false: a
 * connection of its own). Not fetch: its pool keeps connections open between
 * calls, and a test that kills workers (or idles past the server's keep-alive
 * timeout) can have its next call sent on a connection that is already
 * closing, which fails as "fetch failed" before the server sees it. The
 * tests' helpers and the benchmarks' share it.
 */
import http from 'node:http';

export interface ApiPost {
  port: number;
  path: string;
  body: string;
  apiKey: string;
  agent?: http.Agent | false;
  timeoutMs?: number;
}

/** Resolves with the status and the body as text. */
export function postApi(o: ApiPost): Promise<{ status: number; text: string }> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: o.port,
        path: o.path,
        method: 'POST',
        agent: o.agent ?? false,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'x-api-key': o.apiKey, 'content-length': Buffer.byteLength(o.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${o.path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(o.body);
  });
}
