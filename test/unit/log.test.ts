/**
 * The root logger's shape (src/log.ts): JSON lines with the level as a word
 * and an ISO-8601 time; pretty lines for a terminal or on request, one per
 * event; errors at info and warn as their message, with the stack kept at
 * error (and debug).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRootLogger, type LogSettings, resolveFormat } from '../../src/log';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function capture(settings: LogSettings, isTTY = false) {
  const out: string[] = [];
  const log = createRootLogger(settings, { role: 'worker', worker: 0 }, { write: (t) => void out.push(t), isTTY });
  return { log, out, json: () => out.map((l) => JSON.parse(l) as Record<string, any>) };
}

/** A stack frame as V8 writes it. */
const FRAME = /\n\s+at /;

describe('root logger', () => {
  it('writes JSON lines with the level as a word and the time as ISO-8601', () => {
    const { log, json } = capture({ level: 'debug', format: 'json' });
    const before = Date.now();
    log.info('one');
    log.child({ component: 'engine' }).warn({ op: 'publish' }, 'two');
    log.debug('three');
    const lines = json();
    assert.deepEqual(lines.map((l) => [l.level, l.msg]), [['info', 'one'], ['warn', 'two'], ['debug', 'three']]);
    for (const l of lines) {
      assert.match(l.time, ISO);
      assert.ok(Math.abs(Date.parse(l.time) - before) < 5000);
      assert.equal(l.pid, process.pid);
      assert.equal(l.worker, 0);
    }
    assert.equal(lines[1]!.component, 'engine');
  });

  it('auto is pretty on a terminal and JSON otherwise; json and pretty are what they say', () => {
    assert.equal(resolveFormat('auto', true), 'pretty');
    assert.equal(resolveFormat('auto', false), 'json');
    assert.equal(resolveFormat(undefined, true), 'pretty');
    assert.equal(resolveFormat('json', true), 'json');
    assert.equal(resolveFormat('pretty', false), 'pretty');
    const tty = capture({ level: 'info' }, true);
    tty.log.info('hello');
    assert.doesNotMatch(tty.out[0]!, /^\{/);
    const pipe = capture({ level: 'info' }, false);
    pipe.log.info('hello');
    assert.equal(JSON.parse(pipe.out[0]!).msg, 'hello');
  });

  it('pretty: one human line per event, naming the process and component, the fields on the same line', () => {
    const { log, out } = capture({ level: 'info', format: 'pretty' });
    log.child({ component: 'engine' }).warn({ op: 'publish', err: new Error('connection refused') }, 'redis failing');
    log.info('worker serving');
    assert.equal(out.length, 2);
    for (const l of out) assert.equal(l.trimEnd().split('\n').length, 1, `one line: ${l}`);
    assert.match(out[0]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] WARN: worker 0\/engine: redis failing \{"op":"publish","err":"connection refused"\}\n$/);
    assert.match(out[1]!, /^\[[^\]]+\] INFO: worker 0: worker serving\n$/);
  });

  it('errors at info and warn are their message, one line; error and debug keep the stack', () => {
    const { log, json } = capture({ level: 'debug', format: 'json' });
    const err = new Error('peer went away');
    log.warn({ err, channel: 'chat:x' }, 'server-side subscribe failed');
    log.info({ err }, 'noted');
    log.warn(err);
    log.warn(err, 'with a message');
    log.error({ err }, 'command failed');
    log.debug({ err }, 'redis failure');
    const [warn, info, bare, withMsg, error, debug] = json();
    assert.deepEqual([warn!.err, warn!.channel, warn!.msg], ['peer went away', 'chat:x', 'server-side subscribe failed']);
    assert.equal(info!.err, 'peer went away');
    assert.deepEqual([bare!.err, bare!.msg], ['peer went away', 'peer went away']);
    assert.deepEqual([withMsg!.err, withMsg!.msg], ['peer went away', 'with a message']);
    for (const l of [warn, info, bare, withMsg]) assert.doesNotMatch(JSON.stringify(l), /stack/);
    assert.match(error!.err.stack, FRAME);
    assert.match(debug!.err.stack, FRAME);
  });

  it('pretty keeps the stack of an error-level line', () => {
    const { log, out } = capture({ level: 'info', format: 'pretty' });
    log.error({ err: new Error('bug') }, 'command failed');
    assert.match(out[0]!, /ERROR: worker 0: command failed/);
    assert.match(out[0]!, FRAME);
  });
});
