/**
 * The only place that chooses an engine. Everything else sees the Broker and
 * PresenceManager interfaces.
 */
import type { Config } from '../config/schema';
import type { Logger } from '../log';
import type { Broker } from './broker';
import { MemoryBroker } from './memory/broker-memory';
import { MemoryPresenceManager } from './memory/presence-memory';
import type { PresenceManager } from './presence';

export interface Engine {
  broker: Broker;
  presence: PresenceManager;
}

export function createEngine(config: Config, _log: Logger): Engine {
  switch (config.engine) {
    case 'memory':
      return { broker: new MemoryBroker(), presence: new MemoryPresenceManager() };
    case 'redis':
      throw new Error('engine: the redis engine is not available in this build yet');
  }
}
