/**
 * What programs outside the server (the benchmarks, operators' scripts) may
 * rely on about Gyre's data in Redis, in one place: key names (the README's
 * key table), the consumer group of the API streams, the bytes of a stored
 * publication, and the publish script with the SHA1 Gyre's client calls it
 * by. Everything else under engine/redis/ is internal.
 */
import { createHash } from 'node:crypto';
import { scriptSource } from './scripts';

export { RedisKeys } from './keys';
export { GROUP } from './ingest-store';
export { encodePublication } from './pubsub-wire';

/** lua/broker_publish.lua with its library, as Gyre loads it, and its SHA1 (what EVALSHA names). */
export function publishScript(): { lua: string; sha: string } {
  const lua = scriptSource('gyrePublish');
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}
