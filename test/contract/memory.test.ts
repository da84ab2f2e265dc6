import { MemoryBroker } from '../../src/engine/memory/broker-memory';
import { MemoryPresenceManager } from '../../src/engine/memory/presence-memory';
import { engineContract } from './engine-contract';

engineContract('memory', async () => {
  const broker = new MemoryBroker();
  return { broker, presence: new MemoryPresenceManager(), close: () => broker.close() };
});
