/**
 * The reconnect storm of bench/token-storm.ts, in its own process so that its
 * work does not distort the subscribers' latency figures: every token of the
 * file connects over WebSocket (JSON), waits for its connect reply, and leaves
 * (this VM allows 20,000 open files per process, so 20,000 storm clients cannot
 * all stay while the server also holds the subscribers). At most --inflight
 * connects are outstanding, as a load balancer's backlog would pass them on.
 *
 *   forked with argv: url tokensFile inflight; answers {type:'done', ms, ok, failed} over IPC
 */
import fs from 'node:fs';
import WebSocket from 'ws';

const [url = '', file = '', inflightArg = '500'] = process.argv.slice(2);
const tokens = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const inflight = Number(inflightArg);

process.on('message', (m: { type: string }) => {
  if (m.type !== 'start') return;
  const started = performance.now();
  let next = 0;
  let ok = 0;
  let failed = 0;
  const finish = () => {
    if (ok + failed === tokens.length) process.send!({ type: 'done', ms: Math.round(performance.now() - started), ok, failed });
  };
  const one = () => {
    if (next >= tokens.length) return;
    const token = tokens[next++]!;
    const ws = new WebSocket(url);
    let settled = false;
    const settle = (good: boolean) => {
      if (settled) return;
      settled = true;
      if (good) ok++;
      else failed++;
      ws.terminate();
      finish();
      one();
    };
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, connect: { token, name: 'storm' } })));
    ws.on('message', (data) => settle(String(data).includes('"connect"')));
    ws.on('error', () => settle(false));
    ws.on('close', () => settle(false));
  };
  for (let i = 0; i < inflight; i++) one();
});
process.send!({ type: 'ready' });
