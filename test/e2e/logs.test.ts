/**
 * What the server's log looks like to whoever reads it (README, "Operations",
 * Logs): JSON lines with the level as a word and an ISO-8601 time when stdout
 * is not a terminal; human lines with log.format pretty (GYRE_LOG_FORMAT);
 * warnings without stack traces; and one worker number, the same in a log
 * line and in /metrics, kept by a worker's replacement.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { closeClients, makeClient, nextEvent, token } from '../helpers/clients';
import { atLeast, LEVELS, logLines } from '../helpers/logs';
import { samples } from '../helpers/metrics';
import { startRedis } from '../helpers/redis';
import { deepMerge, eventually, freePort, startServer, type TestServer, workersServing } from '../helpers/server';

after(() => closeClients());

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** A pretty line: local time, level, where it came from, the message (fields follow as JSON). */
const PRETTY = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] (TRACE|DEBUG|INFO|WARN|ERROR|FATAL): (primary|worker \d+(\/[\w-]+)?): \S/;

const nonEmpty = (out: string) => out.split('\n').filter((l) => l.trim() !== '');

describe('log lines', () => {
  it('are JSON with the level as a word and the time as ISO-8601 when stdout is not a terminal', async () => {
    const started = Date.now();
    const server = await startServer({ config: { log: { level: 'info' }, client: { insecure: true } } });
    await workersServing(server, 1);
    await server.stop();
    const out = nonEmpty(server.output());
    assert.ok(out.length >= 4, out.join('\n'));
    for (const raw of out) {
      assert.match(raw, /^\{"level":"(trace|debug|info|warn|error|fatal)","time":"[^"]+"/, 'level and time come first, as words');
      const l = JSON.parse(raw);
      assert.ok(l.level in LEVELS, raw);
      assert.match(l.time, ISO, raw);
      assert.ok(Date.parse(l.time) >= started - 1000 && Date.parse(l.time) <= Date.now() + 1000, raw);
    }
    const lines = logLines(server.output());
    assert.ok(lines.some((l) => l.level === 'warn' && l.role === 'primary' && l.msg.startsWith('client.insecure')), 'the insecure-setting warning');
    assert.ok(lines.some((l) => l.level === 'info' && l.role === 'worker' && l.worker === 0 && l.msg === 'worker serving'));
  });

  for (const [how, env, config] of [
    ['GYRE_LOG_FORMAT=pretty', { GYRE_LOG_FORMAT: 'pretty' }, {}],
    ['log.format "pretty"', {}, { log: { format: 'pretty' } }],
  ] as const) {
    it(`are human lines, one per event, with ${how}`, async () => {
      const server = await startServer({ env, config: deepMerge({ log: { level: 'info' }, client: { insecure: true } }, config) });
      await eventually(() => /worker 0: worker serving/.test(server.output()), 15_000, 'the worker serving');
      await server.stop();
      const out = nonEmpty(server.output());
      for (const l of out) assert.match(l, PRETTY);
      assert.ok(out.some((l) => /\] WARN: primary: client\.insecure is on/.test(l)), out.join('\n'));
      assert.ok(out.some((l) => /\] INFO: primary: starting \{"workers":1,"engine":"memory","port":\d+\}$/.test(l)), out.join('\n'));
      assert.ok(out.some((l) => /\] INFO: worker 0: worker serving \{/.test(l)), out.join('\n'));
    });
  }

  it('carry no stack trace at info or warn on the usual warning paths (backend down, bad token)', async () => {
    const closed = await freePort();
    const server = await startServer({ config: { log: { level: 'info' }, proxy: { connect_endpoint: `http://127.0.0.1:${closed}/connect` } } });
    try {
      // No token: the connect proxy is asked, and its backend is down (a warning).
      const viaProxy = makeClient(server.wsUrl, 'json');
      const refused = nextEvent(viaProxy, 'error');
      viaProxy.connect();
      assert.equal((await refused).error.code, 100);
      viaProxy.disconnect();
      // A token signed with another key: refused (an info line).
      const badToken = makeClient(server.wsUrl, 'json', { token: token({ sub: 'x' }, { secret: 'not the secret' }) });
      const gone = nextEvent(badToken, 'disconnected');
      badToken.connect();
      await gone;
      await eventually(() => /proxy call failed/.test(server.output()) && /invalid connection token/.test(server.output()), 5000, 'both lines');
    } finally {
      await server.stop();
    }
    const lines = logLines(server.output());
    const warning = lines.find((l) => l.msg === 'proxy call failed')!;
    assert.equal(warning.level, 'warn');
    assert.equal(typeof warning.err, 'string', JSON.stringify(warning));
    assert.equal(lines.find((l) => l.msg === 'invalid connection token')!.level, 'info');
    const stacked = lines.filter((l) => atLeast(l, 'info') && !atLeast(l, 'error') && /"stack"|\\n\s+at /.test(JSON.stringify(l)));
    assert.deepEqual(stacked, [], 'no stack at info or warn');
    for (const raw of nonEmpty(server.output())) assert.ok(raw.startsWith('{'), `every line is a JSON line: ${raw}`);
  });
});

describe('worker numbers', () => {
  it('a worker has one number (0-based, kept by its replacement) in its log lines and in /metrics', async () => {
    const redis = await startRedis();
    let server: TestServer | undefined;
    try {
      server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url, prefix: 'lognum' }, metrics: { enabled: true }, log: { level: 'info' } } });
      const srv = server;
      await workersServing(srv, 2);
      const serving = () => logLines(srv.output()).filter((l) => l.msg === 'worker serving').map((l) => ({ worker: l.worker as number, pid: l['pid'] as number }));
      assert.deepEqual(serving().map((w) => w.worker).sort(), [0, 1]);
      const scrape = async () => {
        try {
          const res = await fetch(`${srv.httpUrl}/metrics`, { signal: AbortSignal.timeout(4000) });
          return res.status === 200 ? samples(await res.text()) : null;
        } catch {
          return null;
        }
      };
      const series = (n: number) => `process_resident_memory_bytes{worker="${n}"}`;
      const all = (await eventually(scrape, 10_000, 'a scrape'))!;
      assert.ok(all.has(series(0)) && all.has(series(1)) && !all.has(series(2)), [...all.keys()].filter((k) => k.startsWith('process_resident')).join());

      // The same worker: with the process that logged number N stopped, the scrape (answered by the other) lacks N's series.
      for (const w of serving()) {
        process.kill(w.pid, 'SIGSTOP');
        try {
          const s = (await eventually(async () => {
            const got = await scrape();
            return got?.get('gyre_metrics_workers_missing') === 1 ? got : null;
          }, 20_000, `a scrape without worker ${w.worker}`))!;
          assert.ok(!s.has(series(w.worker)), `worker ${w.worker} (pid ${w.pid}) is the one missing`);
          assert.ok(s.has(series(1 - w.worker)), `worker ${1 - w.worker} answered`);
        } finally {
          process.kill(w.pid, 'SIGCONT');
        }
        await eventually(async () => (await scrape())?.get('gyre_metrics_workers_missing') === 0, 10_000, 'both answering again');
      }

      // A worker killed is replaced under its number: the primary's line, the replacement's and /metrics agree.
      const victim = serving().find((w) => w.worker === 1)!;
      process.kill(victim.pid, 'SIGKILL');
      await eventually(() => serving().length === 3, 15_000, 'the replacement serving');
      const died = logLines(srv.output()).find((l) => l.msg === 'worker died; restarting')!;
      assert.deepEqual([died.worker, died['workerPid'], died.role], [1, victim.pid, 'primary']);
      const replacement = serving()[2]!;
      assert.equal(replacement.worker, 1);
      assert.notEqual(replacement.pid, victim.pid);
      const after = (await eventually(async () => {
        const s = await scrape();
        return s?.get('gyre_metrics_workers_missing') === 0 && s.has(series(1)) ? s : null;
      }, 10_000, 'the replacement in /metrics'))!;
      assert.ok(after.has(series(0)) && !after.has(series(2)), 'still workers 0 and 1');
    } finally {
      await server?.stop();
      await redis.stop();
    }
  });
});
