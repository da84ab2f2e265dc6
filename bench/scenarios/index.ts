/**
 * Every scenario by name, for bench/run.ts and the smoke test (test/e2e/bench-smoke.test.ts). Each module is loaded
 * on demand: it pulls in only what it uses.
 */
import type { Scenario } from '../harness/scenario';

type Loaded = { scenario: Scenario<any, any, any, any> };

export const SCENARIOS: Record<string, () => Loaded> = {
  publish: () => require('./publish'),
  fanout: () => require('./fanout'),
  ingest: () => require('./ingest'),
  shards: () => require('./shards'),
  'replica-wait': () => require('./replica-wait'),
  'token-storm': () => require('./token-storm'),
  'token-verify': () => require('./token-verify'),
  'hot-paths': () => require('./hot-paths'),
  'json-check': () => require('./json-check'),
};
