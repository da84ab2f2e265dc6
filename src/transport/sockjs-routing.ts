/**
 * SockJS on many workers. The cluster hands TCP connections to workers in
 * turn, and one connection (HTTP keep-alive, a proxy's pooled upstream)
 * carries requests of many sessions, while every HTTP request of one SockJS
 * session (the stream, each xhr_send, each poll) must reach the worker that
 * holds it. So each request is routed on its own: the owner is a hash of the
 * `<server>/<session>` path segments sockjs-client puts in every URL, modulo
 * the number of workers, and a worker that receives another's request passes
 * it through that worker's private socket, streaming both ways. The owner is
 * known before any session exists, so no worker ever opens a phantom session
 * for a request that belongs elsewhere. WebSocket upgrades need no routing:
 * one connection is the whole session.
 *
 * Across machines a load balancer must do the same on those path segments
 * (see the README).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { fnv1a } from '../hash';
import { errorJson } from '../http/router';
import { sessionOf } from './sockjs';

/** The worker index that owns the session a SockJS URL names, or null when it names none (info, iframe). */
export function sessionOwner(url: string, workers: number): number | null {
  const session = sessionOf(url);
  return session === null ? null : fnv1a(session) % workers;
}

/** Passes a request to another worker's private socket and its answer back, both streamed. */
export function forward(socketPath: string, agent: http.Agent, req: IncomingMessage, res: ServerResponse): void {
  const upstream = http.request({ socketPath, agent, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    // The owner is restarting: the client retries, as after any dropped SockJS request.
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(errorJson(100, 'unavailable: the worker holding this session is restarting'));
    }
  });
  // The client went away (a closed stream, an aborted poll): so does the request to the owner.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
