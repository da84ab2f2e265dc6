/**
 * Every scenario by name, for bench/run.ts and the smoke test (test/e2e/bench-smoke.test.ts). Each module is loaded
 * on demand: it pulls in only what it uses.
 */
import type { Scenario } from '../harness/scenario';

type Loaded = { scenario: Scenario<any, any, any, any> };

export const SCENARIOS: Record<string, () => Loaded> = {
  // Issue 18's figures: each against a peer measured in the same run.
  idle: () => require('./idle'),
  memory: () => require('./memory'),
  connect: () => require('./connect'),
  storm: () => require('./storm'),
  latency: () => require('./latency'),
  publish: () => require('./publish'),
  // Earlier benchmarks.
  fanout: () => require('./fanout'),
  ingest: () => require('./ingest'),
  shards: () => require('./shards'),
  'replica-wait': () => require('./replica-wait'),
  'token-storm': () => require('./token-storm'),
  'token-verify': () => require('./token-verify'),
  'hot-paths': () => require('./hot-paths'),
  'json-check': () => require('./json-check'),
  'channel-features': () => require('./channel-features'),
  grpc: () => require('./grpc'),
  library: () => require('./library'),
};
