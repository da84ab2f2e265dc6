/**
 * The test helpers' waits give up: a message, close or line that never comes rejects, naming what was awaited,
 * instead of holding the suite (each against a real local peer that stays silent).
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { lines, nextEvent, rawSocket } from '../helpers/clients';
import { within } from '../helpers/server';

const servers: { close(): unknown }[] = [];
after(() => {
  for (const s of servers) s.close();
});

/** Resolves `p`'s rejection and how long it took. */
async function rejection(p: Promise<unknown>): Promise<{ message: string; ms: number }> {
  const started = Date.now();
  try {
    await p;
  } catch (err) {
    return { message: (err as Error).message, ms: Date.now() - started };
  }
  assert.fail('resolved');
}

describe('bounded waits', () => {
  it('within: the value in time, else a rejection naming what was awaited', async () => {
    assert.equal(await within(Promise.resolve(7), 1000, 'seven'), 7);
    const r = await rejection(within(new Promise(() => {}), 100, 'a reply'));
    assert.match(r.message, /timed out after 100 ms waiting for a reply/);
    assert.ok(r.ms < 1000, `${r.ms} ms`);
  });

  it('nextEvent rejects when the event does not come, and stops listening', async () => {
    const em = new EventEmitter();
    const r = await rejection(nextEvent(em, 'publication', 100));
    assert.match(r.message, /timeout waiting for publication/);
    assert.equal(em.listenerCount('publication'), 0);
  });

  it('rawSocket: opened and closed reject when the server never answers or never closes', async () => {
    // Accepts TCP and reads the upgrade request, answering nothing.
    const silent = http.createServer();
    silent.on('upgrade', () => {});
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const unanswered = rawSocket(`ws://127.0.0.1:${(silent.address() as AddressInfo).port}/`, undefined, undefined, { openMs: 200 });
    assert.match((await rejection(unanswered.opened)).message, /timed out after 200 ms waiting for the open of ws:/);
    unanswered.ws.terminate();

    // Upgrades, then keeps the connection open.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    servers.push(wss);
    await new Promise((resolve) => wss.once('listening', resolve));
    const open = rawSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, undefined, undefined, { closeMs: 200 });
    await open.opened;
    assert.match((await rejection(open.closed)).message, /timed out after 200 ms waiting for the close of ws:/);
    open.ws.terminate();
  });

  it('lines: a stream that stops sending fails the next read, and the request is ended', async () => {
    let ended!: Promise<void>;
    const stalling = http.createServer((req, res) => {
      ended = new Promise((resolve) => res.once('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first\n');
    });
    servers.push(stalling);
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(stalling.address() as AddressInfo).port}/stream`);
    const read = lines(res, 200);
    assert.deepEqual(await read.next(), { value: 'first', done: false });
    assert.match((await rejection(read.next())).message, /timed out after 200 ms waiting for the next line of http:/);
    await within(ended, 5000, 'the server to see the request end');
  });
});
