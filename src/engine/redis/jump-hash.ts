/**
 * Which shard a channel lives on when `redis.url` lists several: Jump
 * Consistent Hash (Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm", 2014) over the 64-bit FNV-1a hash of the channel's UTF-8
 * bytes — the function the Centrifuge library uses (`consistentIndex` in
 * its redis_shard.go), so Gyre and Centrifugo place a channel on the same
 * shard of the same list. Adding an (n+1)th shard moves about 1/(n+1) of the
 * channels; the list's order matters and must be the same on every node.
 */

const MASK32 = 0xffffffff;
const TWO32 = 2 ** 32;

/** FNV-1a 64 of the UTF-8 bytes as [high, low] 32-bit halves (offset basis 0xcbf29ce484222325, prime 0x100000001b3). */
export function fnv1a64(s: string): [number, number] {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const bytes = Buffer.from(s, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    lo ^= bytes[i]!;
    lo >>>= 0;
    // h * (2^40 + 0x1b3) mod 2^64, in halves: h*0x1b3 plus (lo << 8) added into the high half.
    const loProd = lo * 0x1b3;
    const carry = Math.floor(loProd / TWO32);
    const newLo = loProd >>> 0;
    const newHi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) & MASK32;
    hi = newHi >>> 0;
    lo = newLo;
  }
  return [hi >>> 0, lo >>> 0];
}

const MULT = 2862933555777941757n;
const U64 = (1n << 64n) - 1n;

/** The bucket in [0, buckets) of a 64-bit key. */
export function jumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    key = (key * MULT + 1n) & U64;
    j = Math.floor((b + 1) * (2 ** 31 / (Number(key >> 33n) + 1)));
  }
  return b;
}

/** The shard index of a channel among `shards` (0 when there is one). */
export function consistentIndex(channel: string, shards: number): number {
  if (shards <= 1) return 0;
  const [hi, lo] = fnv1a64(channel);
  return jumpHash((BigInt(hi) << 32n) | BigInt(lo), shards);
}
