import { after, before } from 'node:test';
import pino from 'pino';
import { createRedisEngine } from '../../src/engine/redis/redis-engine';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually } from '../helpers/server';
import { engineContract } from './engine-contract';

let redis: TestRedis;
let n = 0;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

engineContract('redis', async () => {
  // A fresh key prefix per test instead of flushing: tests never see each other's keys.
  const e = createRedisEngine(redis.url, `contract${++n}`, pino({ level: 'silent' }));
  await eventually(() => e.broker.healthy(), 5000, 'redis connections ready');
  return { broker: e.broker, presence: e.presence, close: () => e.broker.close() };
});
