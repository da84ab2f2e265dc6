/**
 * The Redis Cluster hash slot of a key or sharded pub/sub channel, as Redis
 * computes it (https://redis.io/docs/reference/cluster-spec/#hash-tags):
 * CRC16 (XMODEM: polynomial 0x1021, initial value 0) of the name's bytes
 * modulo 16384, where a name holding `{tag}` with a non-empty tag hashes the
 * tag alone (the first `{` and the first `}` after it). SSUBSCRIBE takes
 * channels of one slot only, so the sharded subscriber groups by this.
 */

export const SLOTS = 16384;

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

export function keySlot(name: string): number {
  let bytes = Buffer.from(name, 'utf8');
  const open = bytes.indexOf(0x7b); // '{'
  if (open >= 0) {
    const close = bytes.indexOf(0x7d, open + 1); // '}'
    if (close > open + 1) bytes = bytes.subarray(open + 1, close);
  }
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc % SLOTS;
}
