/**
 * One server per test file: started before the file's tests, stopped after
 * them (with every client the file made), plus a cent.js client for it.
 */
import { after, before } from 'node:test';
import { CentClient } from 'cent.js';
import { closeClients } from './clients';
import { startRedis, type TestRedis } from './redis';
import { API_KEY, deepMerge, type ServerOptions, startServer, type TestServer } from './server';

export interface Suite {
  server: TestServer;
  /** cent.js's typings lag the API (idempotency_key, any JSON data, broadcast results), so tests call it untyped. */
  api: any;
}

export function serverSuite(opts: ServerOptions): Suite {
  const t = {} as Suite;
  before(async () => {
    t.server = await startServer(opts);
    t.api = new CentClient({ url: t.server.apiUrl, apiKey: API_KEY });
  });
  after(async () => {
    closeClients();
    await t.server?.stop();
  });
  return t;
}

/**
 * serverSuite on either engine: with 'redis', a private redis-server (`redis`)
 * is started first (the server runs one worker on it, under `prefix`) and
 * stopped after.
 */
export function engineSuite(engine: 'memory' | 'redis', opts: ServerOptions & { prefix: string }): Suite & { redis?: TestRedis } {
  const t = {} as Suite & { redis?: TestRedis };
  before(async () => {
    let config = opts.config ?? {};
    if (engine === 'redis') {
      t.redis = await startRedis();
      config = deepMerge(config, { engine, workers: 1, redis: { url: t.redis.url, prefix: opts.prefix } });
    }
    t.server = await startServer({ ...opts, config });
    t.api = new CentClient({ url: t.server.apiUrl, apiKey: API_KEY });
  });
  after(async () => {
    closeClients();
    await t.server?.stop();
    await t.redis?.stop();
  });
  return t;
}
