/** One warning per outage, one line when it ends, every failure with its stack at debug only. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { OutageLog } from '../../src/engine/outage-log';
import { eventually, sleep } from '../helpers/server';

function logged(level: string) {
  const lines: any[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: pino({ level }, sink), lines };
}

describe('OutageLog', () => {
  it('warns once for a run of failures, without a stack, and says once when the probe passes and nothing failed for a while', async () => {
    const { log, lines } = logged('info');
    let up = false;
    let writesFail = false;
    let probes = 0;
    // What a Redis refusing writes looks like: the probe's round trip passes while a publish next to it fails.
    const outage = new OutageLog(
      log,
      async () => {
        probes++;
        if (writesFail) outage.failed('publish', new Error('MISCONF'));
        return up;
      },
      50,
    );
    for (let i = 0; i < 100; i++) outage.failed(i % 2 ? 'publish' : 'command connection', new Error(`refused ${i}`));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].level, 40);
    assert.equal(lines[0].op, 'command connection');
    assert.equal(lines[0].err, 'refused 0', 'the message, not the error object');
    await sleep(150);
    assert.equal(lines.length, 1, 'no recovery while the probe fails');
    up = true;
    writesFail = true;
    const seen = probes;
    await eventually(() => probes >= seen + 3, 2000, 'three probes');
    assert.equal(lines.length, 1, 'failures next to a passing probe keep the outage open');
    writesFail = false;
    const recovered = await eventually(() => lines.find((l) => l.msg === 'redis recovered'), 2000, 'the recovery line');
    assert.equal(recovered.level, 30);
    assert.ok(recovered.failures >= 103, String(recovered.failures));
    assert.ok(recovered.down_ms >= 150);
    // The next failure is a new outage.
    outage.failed('history', new Error('again'));
    assert.equal(lines.filter((l) => l.level === 40).length, 2);
    outage.close();
    assert.ok(!JSON.stringify(lines).includes('stack'));
  });

  it('logs every failure with its stack at debug', () => {
    const { log, lines } = logged('debug');
    const outage = new OutageLog(log, async () => false, 50);
    outage.failed('publish', new Error('one'));
    outage.failed('history', new Error('two'));
    outage.close();
    const debug = lines.filter((l) => l.level === 20);
    assert.deepEqual(debug.map((l) => [l.op, l.err.message]), [['publish', 'one'], ['history', 'two']]);
    assert.ok(debug.every((l) => typeof l.err.stack === 'string'));
  });
});
