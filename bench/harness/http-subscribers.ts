/**
 * Fan-out subscribers over the HTTP transports, for bench/scenarios/fanout.ts: raw
 * HTTP-streaming, SSE and SockJS xhr-streaming clients speaking the minimal
 * protocol (connect, subscribe, answer pings) on their own connections, their
 * deliveries counted by the same Tracker as the WebSocket subscribers.
 * Commands go to /emulation (HTTP-streaming, SSE) or xhr_send (SockJS) over a
 * shared keep-alive agent; streams each get a connection of their own.
 */
import http from 'node:http';
import { openConcurrently, type OpenOptions, settleOnce, type Subscribers, type Tracker } from './subscribers';

export type HttpKind = 'http_stream' | 'sse' | 'sockjs';

const sendAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(port: number, path: string, body: string): void {
  const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: sendAgent, headers: { 'content-type': 'application/json' } }, (res) => res.resume());
  req.on('error', () => {});
  req.end(body);
}

/** Splits a stream into complete units ending with `sep`, keeping the unfinished tail for the next chunk. */
function splitter(sep: Buffer, onUnits: (units: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer | null = null;
  return (chunk) => {
    const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    const end = buf.lastIndexOf(sep);
    if (end === -1) {
      pending = buf;
      return;
    }
    pending = end + sep.length < buf.length ? buf.subarray(end + sep.length) : null;
    onUnits(buf.subarray(0, end));
  };
}

function openOne(kind: HttpKind, idx: number, port: number, o: OpenOptions, tracker: Tracker, subs: Subscribers): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = settleOnce(idx, resolve, reject);
    const connect = JSON.stringify({ id: 1, connect: { token: o.token } });
    const subscribe = JSON.stringify({ id: 2, subscribe: { channel: o.channelOf ? o.channelOf(idx) : o.channel } });
    let emulation = { session: '', node: '' };
    const sockjsPath = `/connection/sockjs/${String(idx % 1000).padStart(3, '0')}/b${idx}x${Date.now().toString(36)}`;
    const send = (commands: string) => {
      if (kind === 'sockjs') post(port, `${sockjsPath}/xhr_send`, JSON.stringify([commands]));
      else post(port, '/emulation', JSON.stringify({ ...emulation, data: commands }));
    };
    const onReply = (line: string) => {
      let r: { id?: number; error?: { code: number; message: string }; connect?: { session?: string; node?: string }; subscribe?: unknown };
      try {
        r = JSON.parse(line);
      } catch {
        return;
      }
      if (r.error) done(new Error(`subscriber ${idx}: error ${r.error.code} ${r.error.message}`));
      else if (r.id === 1 && r.connect && kind !== 'sockjs') {
        emulation = { session: r.connect.session ?? '', node: r.connect.node ?? '' };
        send(subscribe);
      } else if (r.id === 2 && r.subscribe) done();
    };
    const pong = () => send('{}');
    const frame = (lines: Buffer) => tracker.jsonFrame(idx, lines, pong, onReply);

    let onData: (chunk: Buffer) => void;
    let closedSession = false;
    let req: http.ClientRequest;
    if (kind === 'http_stream') {
      onData = splitter(Buffer.from('\n'), frame);
      req = http.request({ host: '127.0.0.1', port, path: '/connection/http_stream', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } });
      req.end(connect);
    } else if (kind === 'sse') {
      // One `data: <reply>` event each; the events of a chunk become one frame of lines.
      onData = splitter(Buffer.from('\n\n'), (events) => {
        const lines = events
          .toString('utf8')
          .split('\n\n')
          .map((e) => e.replace(/^\r?\n?data: /, ''))
          .join('\n');
        frame(Buffer.from(lines));
      });
      req = http.request({ host: '127.0.0.1', port, path: `/connection/sse?cf_connect=${encodeURIComponent(connect)}`, method: 'GET', agent: false });
      req.end();
    } else {
      // SockJS frames: h (heartbeat), o (open), a[...] (messages, each our newline-joined replies), c[...] (close).
      onData = splitter(Buffer.from('\n'), (units) => {
        for (const unit of units.toString('utf8').split('\n')) {
          if (unit === 'o') send(`${connect}\n${subscribe}`);
          else if (unit.startsWith('a[')) frame(Buffer.from((JSON.parse(unit.slice(1)) as string[]).join('\n')));
          else if (unit.startsWith('c[')) {
            // The server closed the session (3008 when the client fell too far behind): counted like a WebSocket close.
            closedSession = true;
            if (done.settled && !subs.closing) {
              const code = Number((JSON.parse(unit.slice(1)) as [number, string])[0]);
              subs.closes.set(code, (subs.closes.get(code) ?? 0) + 1);
              subs.closedByServer++;
            }
            done(new Error(`subscriber ${idx}: sockjs closed ${unit}`));
          }
        }
      });
      req = http.request({ host: '127.0.0.1', port, path: `${sockjsPath}/xhr_streaming`, method: 'POST', agent: false });
      req.end();
    }
    const watch = (r: http.ClientRequest) => {
      r.on('response', (res) => {
        if (res.statusCode !== 200) done(new Error(`subscriber ${idx}: HTTP ${res.statusCode}`));
        res.on('data', onData);
        res.on('close', () => {
          if (subs.closing) return;
          // SockJS ends an xhr-streaming response after 128 KB; the client opens the next one on the same session.
          if (kind === 'sockjs' && done.settled && !closedSession) {
            req = http.request({ host: '127.0.0.1', port, path: `${sockjsPath}/xhr_streaming`, method: 'POST', agent: false });
            req.end();
            watch(req);
            return;
          }
          subs.closes.set(0, (subs.closes.get(0) ?? 0) + 1);
          subs.closedByServer++;
          done(new Error(`subscriber ${idx}: stream ended before subscribing`));
        });
      });
      r.on('error', (err) => done(err));
    };
    watch(req);
    subs.sockets[idx] = { terminate: () => req.destroy() };
  });
}

/** Opens `o.n` HTTP subscribers of `kind`, `o.concurrency` at a time (see openAll for the WebSocket ones). */
export function openHttpAll(kind: HttpKind, port: number, o: OpenOptions, tracker: Tracker, subs: Subscribers, deadlineMs: number): Promise<number> {
  return openConcurrently(o.n, o.concurrency, deadlineMs, (i) => openOne(kind, i, port, o, tracker, subs));
}
