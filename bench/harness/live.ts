/**
 * Clients that watch a live channel from this process while something else
 * happens to the server (a storm): each times every publication by the `ts`
 * its data carries (publisher.ts seqData, this process's clock), and may time
 * a request too — a `history` read of the channel (limit 1) every few ms,
 * standing for any request that needs the engine (Gyre has client RPC only
 * through a proxy). Samples are [when sent, ms] pairs, so that the times
 * before and during an event can be told apart.
 */
import WebSocket from 'ws';

export interface LiveClients {
  /** Every publication received: [published at, ms until it arrived]. */
  pubs: [number, number][];
  /** Every request answered: [sent at, ms until the answer]. */
  rpc: [number, number][];
  close(): void;
}

export interface LiveOptions {
  url: string;
  /** One client per token. */
  tokens: string[];
  channel: string;
  /** Subscribe with a command; false: the tokens subscribe (a `channels` claim), only connect is sent. */
  subscribe: boolean;
  /** ms between each client's history requests; none when absent. */
  rpcEvery?: number;
}

function liveClient(o: LiveOptions, tok: string, out: LiveClients, timers: NodeJS.Timeout[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(o.url, { perMessageDeflate: false });
    const sent = new Map<number, number>();
    let id = 10;
    const ready = o.subscribe ? 2 : 1;
    ws.on('open', () => ws.send(`{"id":1,"connect":{"token":${JSON.stringify(tok)}}}${o.subscribe ? `\n{"id":2,"subscribe":{"channel":${JSON.stringify(o.channel)}}}` : ''}`));
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const now = performance.now();
      for (const line of data.toString('utf8').split('\n')) {
        if (line === '{}') ws.send('{}');
        else if (line.includes('"pub"')) {
          const ts = Number(/"ts":(\d+)/.exec(line)?.[1]) / 1000;
          if (ts) out.pubs.push([ts, now - ts]);
        } else {
          const r = JSON.parse(line) as { id?: number; error?: { message: string } };
          if (r.error) reject(new Error(`live client: ${r.error.message}`));
          if (r.id === ready) {
            resolve(ws);
            if (o.rpcEvery) {
              timers.push(
                setInterval(() => {
                  sent.set(++id, performance.now());
                  ws.send(`{"id":${id},"history":{"channel":${JSON.stringify(o.channel)},"limit":1}}`);
                }, o.rpcEvery),
              );
            }
          }
          const t = r.id === undefined ? undefined : sent.get(r.id);
          if (t !== undefined) {
            sent.delete(r.id!);
            out.rpc.push([t, now - t]);
          }
        }
      }
    });
  });
}

/** Connects every client (all at once) and resolves once each is subscribed. */
export async function liveClients(o: LiveOptions): Promise<LiveClients> {
  const timers: NodeJS.Timeout[] = [];
  const sockets: WebSocket[] = [];
  const out: LiveClients = {
    pubs: [],
    rpc: [],
    close: () => {
      for (const t of timers) clearInterval(t);
      for (const ws of sockets) ws.terminate();
    },
  };
  sockets.push(...(await Promise.all(o.tokens.map((t) => liveClient(o, t, out, timers)))));
  return out;
}

/** The samples sent in [from, to), their ms only. */
export const within = (samples: [number, number][], from: number, to: number) => samples.filter(([t]) => t >= from && t < to).map(([, ms]) => ms);
