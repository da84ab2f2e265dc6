/**
 * `POST /emulation`: the commands of an HTTP-streaming or SSE connection.
 * centrifuge-js sends `{"session", "node", "data"}` (JSON; `data` is a string
 * holding newline-delimited commands) or an EmulationRequest (protobuf). The
 * request may reach any worker of any server: a session held here is fed at
 * once; one held by another node (worker) is forwarded to it through the
 * engine's Controller and answered once that node confirmed it, so no sticky
 * sessions are needed.
 *
 * Answers: 204 delivered; 404 unknown node, or no such session on it (the
 * stream has ended: the client reconnects); 400 malformed; 413 over 64 KiB.
 */
import { BodyTooLarge, readBody } from '../http/body';
import { admit, fail, type OriginCheck } from '../http/cors';
import type { RequestHandler } from '../http/router';
import { centrifugal } from '../protocol/generated/client';
import { isObject } from '../protocol/json-values';

/** Largest /emulation body (and connect request with a stream request): 64 KiB, as Centrifugo. */
export const MAX_EMULATION_BODY = 64 * 1024;

/** What an emulated session is to the endpoint: where its commands go. */
export interface EmulatedTransport {
  readonly session: string;
  receive(frame: Buffer): void;
}

/** The emulated sessions this worker holds. */
export class EmulationSessions {
  private readonly sessions = new Map<string, EmulatedTransport>();

  add(t: EmulatedTransport): void {
    this.sessions.set(t.session, t);
  }

  remove(t: EmulatedTransport): void {
    if (this.sessions.get(t.session) === t) this.sessions.delete(t.session);
  }

  /** Feeds commands to a session held here; false when there is none. */
  deliver(session: string, frame: Buffer): boolean {
    const t = this.sessions.get(session);
    if (!t) return false;
    t.receive(frame);
    return true;
  }

  get size(): number {
    return this.sessions.size;
  }
}

export type ForwardResult = 'delivered' | 'no-session' | 'unknown-node';

export interface EmulationEndpointOptions {
  originAllowed: OriginCheck;
  sessions: EmulationSessions;
  /** This worker's node id, as connect replies name it. */
  localNode: string;
  /** Hands commands to another node's session. */
  forward(node: string, session: string, frame: Buffer): Promise<ForwardResult>;
}

export function emulationEndpoint(o: EmulationEndpointOptions): RequestHandler {
  return (req, res) =>
    void (async () => {
      const { ok, cors } = admit(req, res, o.originAllowed, ['POST']);
      if (!ok) return;
      let body: Buffer;
      try {
        body = await readBody(req, MAX_EMULATION_BODY);
      } catch (err) {
        if (err instanceof BodyTooLarge) fail(res, cors, 413, 107, `bad request: ${err.message}`);
        return;
      }
      const request = parse(body, (req.headers['content-type'] ?? '').includes('application/octet-stream'));
      if (!request) return fail(res, cors, 400, 107, 'bad request: expected {"session", "node", "data"}');
      const result: ForwardResult =
        request.node === o.localNode ? (o.sessions.deliver(request.session, request.frame) ? 'delivered' : 'no-session') : await o.forward(request.node, request.session, request.frame);
      if (result === 'unknown-node') return fail(res, cors, 404, 104, 'unknown node');
      if (result === 'no-session') return fail(res, cors, 404, 104, 'unknown session');
      res.writeHead(204, cors);
      res.end();
    })();
}

function parse(body: Buffer, protobuf: boolean): { node: string; session: string; frame: Buffer } | null {
  if (protobuf) {
    try {
      const m = centrifugal.centrifuge.protocol.EmulationRequest.decode(body);
      if (!m.node || !m.session || !m.data || m.data.length === 0) return null;
      return { node: m.node, session: m.session, frame: Buffer.from(m.data) };
    } catch {
      return null;
    }
  }
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(v)) return null;
  const { node, session, data } = v;
  if (typeof node !== 'string' || typeof session !== 'string' || typeof data !== 'string' || !node || !session || !data) return null;
  return { node, session, frame: Buffer.from(data, 'utf8') };
}
