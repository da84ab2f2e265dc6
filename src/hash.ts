/**
 * FNV-1a (32-bit) of a string's UTF-8 bytes: how Gyre spreads keys over a
 * fixed number of slots where every party must agree without talking (queue
 * shards, which backends in any language compute; the worker owning a SockJS
 * session). h = 2166136261; for each byte b: h = (h XOR b) * 16777619 mod 2^32.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
