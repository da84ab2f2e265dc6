/**
 * A reconnect storm against one worker while a channel keeps publishing:
 * --storm clients (default 20,000) connect with RS256 or ES256 tokens while
 * --subs subscribers (default 1,000) of channel "live" receive a publication
 * every --every ms. For each place the server checks token signatures —
 *   inline (jsonwebtoken on the event loop), async (crypto.verify with a
 *   callback, on libuv's pool), pool (the default: src/auth/signature-pool.ts,
 *   batches on a piscina thread) —
 * it reports the time until every storm client got its connect reply, the
 * server's event-loop delay p99 and max during the storm, and the publication
 * latency p99 the subscribers saw during the storm (and just before it).
 *
 *   node dist/bench/token-storm.js [--storm 20000] [--subs 1000] [--every 20] [--inflight 500]
 *        [--algs RS256,ES256] [--modes inline,async,pool] [--runs 1]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { gyreEnv } from '../test/helpers/process';
import { freePort, installCleanupHooks, intOption, median, parseFlags, percentile, sleep, strOption, tmpFile, trackChild } from './lib';

type Alg = 'RS256' | 'ES256';
interface RunResult {
  connectAllMs: number;
  failed: number;
  lagP99: number;
  lagMax: number;
  pubP99: number;
  quietP99: number;
  lost: number;
  /** Tokens the pool checked on its thread (the rest, inline); 0 outside pool mode. */
  offloaded: number;
}

const flags = parseFlags(process.argv.slice(2));
const STORM = intOption(flags, 'storm', 'STORM', 20_000);
const SUBS = intOption(flags, 'subs', 'STORM_SUBS', 1000);
const EVERY = intOption(flags, 'every', 'STORM_EVERY_MS', 20);
const INFLIGHT = intOption(flags, 'inflight', 'STORM_INFLIGHT', 500);
const RUNS = intOption(flags, 'runs', 'STORM_RUNS', 1);
const ALGS = strOption(flags, 'algs', 'STORM_ALGS', 'RS256,ES256').split(',') as Alg[];
const MODES = strOption(flags, 'modes', 'STORM_MODES', 'inline,async,pool').split(',');
const API_KEY = 'storm-bench';

function forkReady(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = fork(path.join(__dirname, file), args, { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  trackChild(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before ready`)));
    child.on('message', (m: { type: string }) => m.type === 'ready' && resolve(child));
  });
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
  });
}

/** Subscribers on raw WebSockets (JSON protocol); publication latency is measured against the send time of its seq. */
async function openSubscribers(url: string, tokens: string[], onPub: (seq: number) => void): Promise<WebSocket[]> {
  return Promise.all(
    tokens.map(
      (token) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url);
          ws.on('open', () => ws.send(JSON.stringify({ id: 1, connect: { token, name: 'storm-sub' } })));
          ws.on('error', reject);
          ws.on('message', (data) => {
            for (const line of String(data).split('\n')) {
              if (line === '{}') ws.send('{}');
              else if (line.includes('"connect"')) resolve(ws);
              else if (line.includes('"pub"')) onPub((JSON.parse(line) as { push: { pub: { data: { seq: number } } } }).push.pub.data.seq);
            }
          });
        }),
    ),
  );
}

async function runOnce(alg: Alg, mode: string, keyPem: string, stormFile: string, subTokens: string[]): Promise<RunResult> {
  const port = await freePort();
  const server = await forkReady('token-storm-server.js', [], gyreEnv({
    GYRE_PORT: String(port),
    GYRE_ADDRESS: '127.0.0.1',
    GYRE_ENGINE: 'memory',
    GYRE_API_KEY: API_KEY,
    GYRE_LOG_LEVEL: 'warn',
    [alg === 'RS256' ? 'GYRE_TOKEN_RSA_PUBLIC_KEY' : 'GYRE_TOKEN_ECDSA_PUBLIC_KEY']: keyPem,
    STORM_MODE: mode,
  }));
  const url = `ws://127.0.0.1:${port}/connection/websocket`;
  const sentAt: number[] = [];
  let bucket: number[] = [];
  let delivered = 0;
  const subs = await openSubscribers(url, subTokens, (seq) => {
    delivered++;
    bucket.push(performance.now() - sentAt[seq]!);
  });
  const load = await forkReady('token-storm-load.js', [url, stormFile, String(INFLIGHT)], process.env);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  let publishing = true;
  const publisher = (async () => {
    for (let seq = 0; publishing; seq++) {
      sentAt[seq] = performance.now();
      const body = JSON.stringify({ channel: 'live', data: { seq } });
      await new Promise<void>((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', path: '/api/publish', method: 'POST', agent, headers: { 'X-API-Key': API_KEY } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`publish answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(body);
      });
      await sleep(Math.max(0, EVERY - (performance.now() - sentAt[seq]!)));
    }
    return sentAt.length;
  })();

  await sleep(1500);
  const quiet = Float64Array.from(bucket).sort();
  bucket = [];
  server.send({ type: 'reset' });
  const done = nextMessage<{ ms: number; ok: number; failed: number }>(load, 'done');
  load.send({ type: 'start' });
  const storm = await done;
  const lagAnswer = nextMessage<{ p99: number; max: number; offloaded: number }>(server, 'lag');
  server.send({ type: 'report' });
  const lag = await lagAnswer;
  const during = Float64Array.from(bucket).sort();
  publishing = false;
  const published = await publisher;
  await sleep(500);
  for (const ws of subs) ws.terminate();
  agent.destroy();
  server.kill('SIGKILL');
  load.kill('SIGKILL');
  return {
    connectAllMs: storm.ms,
    failed: storm.failed,
    lagP99: lag.p99,
    lagMax: lag.max,
    pubP99: Math.round(percentile(during, 99)),
    quietP99: Math.round(percentile(quiet, 99)),
    lost: published * subTokens.length - delivered,
    offloaded: lag.offloaded,
  };
}

async function main(): Promise<void> {
  installCleanupHooks();
  console.log(`token storm: ${STORM} connects, ${SUBS} subscribers, a publication every ${EVERY} ms, ${INFLIGHT} connects in flight, node ${process.version}`);
  const rows: string[] = ['| alg | mode | all connected ms | failed | loop delay p99 / max ms | publication p99 ms (storm) | publication p99 ms (before) | lost | checked on the thread |', '|---|---|---|---|---|---|---|---|---|'];
  for (const alg of ALGS) {
    const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const signed = Date.now();
    const storm = Array.from({ length: STORM }, (_, i) => jwt.sign({ sub: `storm-${i}` }, pair.privateKey, { algorithm: alg }));
    const subTokens = Array.from({ length: SUBS }, (_, i) => jwt.sign({ sub: `sub-${i}`, channels: ['live'] }, pair.privateKey, { algorithm: alg }));
    console.log(`${alg}: signed ${STORM + SUBS} tokens in ${Date.now() - signed} ms`);
    const stormFile = tmpFile(`storm-${alg}.txt`, storm.join('\n'));
    for (const mode of MODES) {
      const results: RunResult[] = [];
      for (let r = 0; r < RUNS; r++) {
        const res = await runOnce(alg, mode, keyPem, stormFile, subTokens);
        console.log(`${alg} ${mode} run ${r + 1}: ${JSON.stringify(res)}`);
        results.push(res);
      }
      const m = (f: (x: RunResult) => number) => Math.round(median(results.map(f)) * 10) / 10;
      rows.push(`| ${alg} | ${mode} | ${m((x) => x.connectAllMs)} | ${m((x) => x.failed)} | ${m((x) => x.lagP99)} / ${m((x) => x.lagMax)} | ${m((x) => x.pubP99)} | ${m((x) => x.quietP99)} | ${m((x) => x.lost)} | ${m((x) => x.offloaded)} |`);
    }
  }
  console.log(`\nmedian of ${RUNS} run(s)\n${rows.join('\n')}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
