/**
 * What programs outside the server (the benchmarks, operators' scripts) may
 * rely on about Gyre's data in Redis, in one place: key names (the README's
 * key table), the consumer group of the API streams, the bytes of a stored
 * publication, and the publish scripts with the SHA1s Gyre's client calls
 * them by. Everything else under engine/redis/ is internal.
 */
import { createHash } from 'node:crypto';
import { scriptSource } from './scripts';

export { RedisKeys } from './keys';
export { GROUP } from './ingest-store';
export { encodePublication } from './pubsub-wire';

/** lua/broker_publish.lua with its library, as Gyre loads it, and its SHA1 (what EVALSHA names). */
export function publishScript(): { lua: string; sha: string } {
  return loaded('gyrePublish');
}

/** lua/broker_publish_many.lua (the publishes of one turn in one call), as publishScript. */
export function publishManyScript(): { lua: string; sha: string } {
  return loaded('gyrePublishMany');
}

function loaded(name: string): { lua: string; sha: string } {
  const lua = scriptSource(name);
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}
