/**
 * Client-generator processes (generator.ts) seen from the benchmark: started
 * together, each bound (optionally) to its own loopback source address
 * 127.0.0.2, 127.0.0.3, … — about 28,000 ephemeral ports exist per source
 * address, and a port bound that way stays taken while its socket lingers in
 * TIME_WAIT — and each holding at most MAX_PER_GENERATOR clients (the 20,000
 * open files a process may have, less margin). Clients are split evenly.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from '../../test/helpers/server';
import type { Opened, OpenCommand, Stats } from './generator';
import { ask, forkReady, type Message, tmpFile } from './procs';
import { counter, progress } from './runs';

/** Clients one generator holds at most: 20,000 open files per process, less what node and ws keep open. */
export const MAX_PER_GENERATOR = 18_000;
const GENERATOR = path.join(__dirname, 'generator.js');

/** Generators needed for `n` clients. */
export const generatorsFor = (n: number) => Math.max(1, Math.ceil(n / MAX_PER_GENERATOR));

export interface OpenSpec {
  url: string;
  n: number;
  /** Connects in flight at once, over all generators. */
  concurrency: number;
  /** One token for every client, or one each. */
  tokens: string | string[];
  channels?: string[];
  keep: boolean;
  recover?: boolean;
  expect?: Record<string, number>;
  expectMs?: number;
  /** Shown in the progress lines. */
  what: string;
}

/** The generators' answers together: counts added up, times the slowest generator's. */
export type OpenedTotal = Omit<Opened, 'type'>;

export class Generators {
  private tokenFiles = new WeakMap<string[], string>();

  private constructor(
    private readonly procs: ChildProcess[],
    /** Source address of each generator (undefined: the kernel's choice). */
    readonly addresses: (string | undefined)[],
  ) {}

  /** `count` generators; with `firstSource` (e.g. 127.0.0.2), generator i connects from that address + i. */
  static async start(count: number, firstSource?: string): Promise<Generators> {
    const procs = await Promise.all(Array.from({ length: count }, () => forkReady(GENERATOR, [])));
    return new Generators(procs, procs.map((_, i) => (firstSource ? addressPlus(firstSource, i) : undefined)));
  }

  pids(): number[] {
    return this.procs.map((p) => p.pid!);
  }

  private tokenFile(tokens: string[]): string {
    let f = this.tokenFiles.get(tokens);
    if (!f) this.tokenFiles.set(tokens, (f = tmpFile('tokens.txt', tokens.join('\n'))));
    return f;
  }

  /** Opens `s.n` clients split evenly over the generators; resolves when every generator has answered. */
  async open(s: OpenSpec): Promise<OpenedTotal> {
    const g = this.procs.length;
    const per = Math.ceil(s.n / g);
    // Clients that leave after their reply hold no file for long; those kept do.
    if (s.keep && per > MAX_PER_GENERATOR) throw new Error(`${s.n} clients need ${generatorsFor(s.n)} generators (${MAX_PER_GENERATOR} at most each), not ${g}`);
    const tick = counter(s.what, s.n);
    const done = new Array<number>(g).fill(0);
    const tokens = typeof s.tokens === 'string' ? { token: s.tokens } : { tokenFile: this.tokenFile(s.tokens) };
    const answers = await Promise.all(
      this.procs.map((p, i) => {
        const onProgress = (m: Message & { done?: number }) => {
          if (m.type !== 'progress') return;
          done[i] = m.done ?? 0;
          tick(done.reduce((a, b) => a + b, 0));
        };
        p.on('message', onProgress);
        const from = i * per;
        const cmd: OpenCommand = { type: 'open', url: s.url, from, n: Math.max(0, Math.min(per, s.n - from)), concurrency: Math.ceil(s.concurrency / g), localAddress: this.addresses[i], ...tokens, channels: s.channels, keep: s.keep, recover: s.recover, expect: s.expect, expectMs: s.expectMs };
        return ask<Opened>(p, { ...cmd }, 'opened').finally(() => p.off('message', onProgress));
      }),
    );
    tick(s.n);
    return {
      ok: answers.reduce((a, x) => a + x.ok, 0),
      failed: answers.reduce((a, x) => a + x.failed, 0),
      firstError: answers.find((x) => x.firstError)?.firstError,
      ms: Math.max(...answers.map((x) => x.ms)),
      complete: answers.reduce((a, x) => a + x.complete, 0),
      completeMs: Math.max(...answers.map((x) => x.completeMs)),
      notRecovered: answers.reduce((a, x) => a + x.notRecovered, 0),
      gaps: answers.reduce((a, x) => a + x.gaps, 0),
    };
  }

  /** Cuts every client's connection (no close handshake); their positions stay for a recovering open. */
  async drop(): Promise<void> {
    await Promise.all(this.procs.map((p) => ask(p, { type: 'drop' }, 'dropped')));
  }

  /** Closes every client properly and waits until all are gone. */
  async close(): Promise<void> {
    await Promise.all(this.procs.map((p) => ask(p, { type: 'close' }, 'closed')));
  }

  /** Pings answered, publications, gaps and closes, summed over the generators. */
  async stats(): Promise<Omit<Stats, 'type'>> {
    const all = await Promise.all(this.procs.map((p) => ask<Stats>(p, { type: 'stats' }, 'stats')));
    const closes: Record<string, number> = {};
    for (const s of all) for (const [c, k] of Object.entries(s.closes)) closes[c] = (closes[c] ?? 0) + k;
    const sum = (f: (s: Stats) => number) => all.reduce((a, s) => a + f(s), 0);
    return { open: sum((s) => s.open), pings: sum((s) => s.pings), pubs: sum((s) => s.pubs), gaps: sum((s) => s.gaps), closes };
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.procs.map((p) => {
        if (p.exitCode !== null || p.signalCode !== null) return;
        const gone = new Promise((r) => p.once('exit', r));
        p.kill('SIGKILL');
        return gone;
      }),
    );
  }

  /**
   * Waits (at most `maxS` seconds) until no TCP socket from the generators' source addresses to the server on `port`
   * is left in any state, TIME_WAIT included, so that the next step finds those ports free. Returns how many are left.
   */
  async drain(port: number, maxS: number): Promise<number> {
    const hex = new Set(this.addresses.filter((a): a is string => !!a).map(procAddress));
    if (!hex.size) return 0;
    const remote = `${procAddress('127.0.0.1')}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    const deadline = performance.now() + maxS * 1000;
    for (let shown = 0; ; ) {
      const left = socketsFrom(hex, remote);
      if (left === 0 || performance.now() > deadline) return left;
      if (performance.now() - shown > 5000) {
        shown = performance.now();
        progress(`  waiting for ${left} sockets of ${this.addresses.length} source address(es) to close (TIME_WAIT included)`);
      }
      await sleep(500);
    }
  }
}

/** The IPv4 address `i` after `ip` (127.0.0.255 + 1 = 127.0.1.0). */
function addressPlus(ip: string, i: number): string {
  const n = ip.split('.').reduce((a, b) => a * 256 + Number(b), 0) + i;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** 127.0.0.2 as /proc/net/tcp writes it: the address's bytes in host (little-endian) order, in hex. */
function procAddress(ip: string): string {
  return ip
    .split('.')
    .map((b) => Number(b).toString(16).toUpperCase().padStart(2, '0'))
    .reverse()
    .join('');
}

/** TCP sockets whose local address is one of `hex` (any port) and whose remote end is `remote` (address:port), any state. */
function socketsFrom(hex: Set<string>, remote: string): number {
  let n = 0;
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n')) {
    // "  sl  local_address rem_address   st …": "  12: 0200007F:9C40 0100007F:1F90 06 …"
    const [, local, rem] = line.trim().split(/\s+/);
    if (local && rem === remote && hex.has(local.slice(0, 8))) n++;
  }
  return n;
}
