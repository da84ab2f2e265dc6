/** The timer wheel behind every connection's pings, pong deadlines, stale checks and expiries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimerWheel, WheelTimer } from '../../src/timer-wheel';

const TICK = 100;

/** A wheel on a clock the test moves; `at(ms)` moves it and fires what is due. */
function fakeWheel(slots = 16) {
  let now = 0;
  const wheel = new TimerWheel({ tickMs: TICK, slots, now: () => now });
  const fired: [string, number][] = [];
  const timer = (name: string) => new WheelTimer(name, (owner: string) => fired.push([owner, now]));
  const at = (ms: number) => {
    now = ms;
    wheel.advance();
  };
  return { wheel, fired, timer, at, now: () => now };
}

describe('timer wheel', () => {
  it('fires at the first tick at or after the deadline: never early, at most a tick late', () => {
    const { wheel, fired, timer, at } = fakeWheel();
    at(1030);
    const delays = [0, 1, 70, 99, 100, 170, 1000, 1234];
    for (const d of delays) wheel.schedule(timer(`d${d}`), d);
    for (let ms = 1030; ms <= 2400; ms += 10) at(ms);
    assert.equal(fired.length, delays.length);
    for (const [name, when] of fired) {
      const due = 1030 + Number(name.slice(1));
      assert.ok(when >= due, `${name} fired at ${when}, due at ${due}`);
      assert.ok(when < due + TICK + 10, `${name} fired at ${when}, more than a tick after ${due}`);
    }
    assert.equal(wheel.size, 0);
  });

  it('cancels, and moves a timer that is scheduled again', () => {
    const { wheel, fired, timer, at } = fakeWheel();
    const a = timer('a');
    const b = timer('b');
    wheel.schedule(a, 300);
    wheel.schedule(b, 300);
    wheel.cancel(a);
    wheel.cancel(a);
    assert.equal(a.scheduled, false);
    wheel.schedule(b, 800);
    assert.equal(wheel.size, 1);
    at(500);
    assert.deepEqual(fired, []);
    at(800);
    assert.deepEqual(fired, [['b', 800]]);
    assert.equal(b.scheduled, false);
  });

  it('keeps a periodic cadence with repeat, even when each round fires late', () => {
    const { wheel, fired, at } = fakeWheel();
    const beats = new WheelTimer('beat', () => {
      fired.push(['beat', 0]);
      wheel.repeat(beats, 1000);
    });
    wheel.schedule(beats, 1000);
    // The clock advances in uneven steps, as a busy event loop does.
    for (let ms = 0; ms <= 10_050; ms += 70) at(ms);
    assert.equal(fired.length, 10, 'one beat per second over ten seconds, no drift');
  });

  it('holds deadlines further away than a turn of the wheel, and than setTimeout can wait', () => {
    const { wheel, fired, timer, at } = fakeWheel(16);
    const turn = 16 * TICK;
    const forty = 40 * 86_400_000;
    wheel.schedule(timer('turns'), 5 * turn + 50);
    wheel.schedule(timer('forty days'), forty);
    for (let ms = 0; ms < 5 * turn + 50; ms += TICK) at(ms);
    assert.deepEqual(fired, []);
    at(5 * turn + 100);
    assert.deepEqual(fired, [['turns', 5 * turn + 100]]);
    at(forty - 1);
    assert.equal(fired.length, 1, 'not a millisecond early after a long stall');
    at(forty);
    assert.deepEqual(fired[1], ['forty days', forty]);
  });

  it('after a stall longer than a turn, fires everything due once and keeps the rest', () => {
    const { wheel, fired, timer, at } = fakeWheel(16);
    for (let i = 0; i < 40; i++) wheel.schedule(timer(`t${i}`), i * 250);
    at(5000);
    assert.equal(fired.length, 21, 'the 21 timers due by 5 s');
    assert.equal(wheel.size, 19);
    at(20_000);
    assert.equal(fired.length, 40);
    assert.equal(new Set(fired.map(([n]) => n)).size, 40, 'none twice');
  });

  it('lets a callback cancel or schedule timers of the slot being walked', () => {
    const { wheel, fired, at } = fakeWheel();
    const victims = [0, 1, 2].map((i) => new WheelTimer(`victim${i}`, (o: string) => fired.push([o, 0])));
    const killer = new WheelTimer('killer', (o: string) => {
      fired.push([o, 0]);
      for (const v of victims) wheel.cancel(v);
      wheel.schedule(killer, 0);
    });
    // Same deadline: all in one slot, the killer walked first or in between (lists are newest first).
    wheel.schedule(victims[0]!, 200);
    wheel.schedule(killer, 200);
    wheel.schedule(victims[1]!, 200);
    wheel.schedule(victims[2]!, 200);
    at(200);
    const names = fired.map(([n]) => n);
    assert.ok(names.includes('killer'));
    // Whatever the killer cancelled before its turn came did not fire; the one walked first may have.
    assert.ok(names.filter((n) => n.startsWith('victim')).length <= 2);
    assert.equal(victims.filter((v) => v.scheduled).length, 0);
    assert.ok(killer.scheduled, 'rescheduled from its own callback, for a later tick');
    const before = fired.length;
    at(300);
    assert.equal(fired.length, before + 1, 'the rescheduled killer fires once, at the next tick');
  });

  it('a periodic timer keeps its period with the real clock: it fires just after a tick boundary, never a tick late', async () => {
    // Woken by a free-running interval, the wheel fired anywhere up to a tick after the boundary, and the phase
    // drifted, so two pings of a 1 s period came 0.76 s apart. Woken at each boundary, it fires just after it.
    const TICK = 200;
    const wheel = new TimerWheel({ tickMs: TICK, slots: 64 });
    const times: number[] = [];
    await new Promise<void>((resolve) => {
      const keepAlive = setTimeout(() => {}, 10_000);
      const timer = new WheelTimer(null, () => {
        times.push(performance.now());
        if (times.length === 6) {
          clearTimeout(keepAlive);
          resolve();
        } else wheel.repeat(timer, 2 * TICK);
      });
      wheel.schedule(timer, TICK);
    });
    // Past the boundary by no more than the event loop's own lateness (a loaded CI machine's, generously).
    const late = times.map((t) => t % TICK);
    assert.ok(late.every((l) => l < 60), `ms past a tick boundary: ${late.map((l) => l.toFixed(1)).join(', ')}`);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    assert.ok(gaps.every((g) => g > 2 * TICK - 60), `gaps ${gaps.map((g) => g.toFixed(1)).join(', ')} ms for a ${2 * TICK} ms period`);
    assert.equal(wheel.size, 0);
  });

  it('runs on its own wake-ups with the real clock', async () => {
    const wheel = new TimerWheel({ tickMs: 10, slots: 64 });
    const started = performance.now();
    const when = await new Promise<number>((resolve) => {
      wheel.schedule(new WheelTimer(null, () => resolve(performance.now())), 50);
      // The wheel's wake-ups do not keep the process alive; this test's own timer does.
      setTimeout(() => {}, 500);
    });
    assert.ok(when - started >= 50, `fired after ${when - started} ms`);
    assert.equal(wheel.size, 0);
  });
});
