/**
 * The little of MessagePack that Gyre sends to its Lua scripts (decoded there
 * by Redis's built-in cmsgpack): arrays, byte strings and small unsigned
 * integers. Strings and Buffers are both written as MessagePack str, because
 * Redis's cmsgpack does not decode the bin types; Lua strings hold any bytes.
 */
export type Packable = string | Buffer | number | Packable[];

function size(v: Packable): number {
  if (typeof v === 'number') return v < 128 ? 1 : v < 0x10000 ? 3 : 5;
  if (Array.isArray(v)) {
    let n = v.length < 16 ? 1 : v.length < 0x10000 ? 3 : 5;
    for (const x of v) n += size(x);
    return n;
  }
  const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
  return len + (len < 32 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : 5);
}

function write(v: Packable, buf: Buffer, at: number): number {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`msgpack: ${v} is not a small unsigned integer`);
    if (v < 128) return buf.writeUInt8(v, at);
    if (v < 0x10000) return buf.writeUInt16BE(v, buf.writeUInt8(0xcd, at));
    return buf.writeUInt32BE(v, buf.writeUInt8(0xce, at));
  }
  if (Array.isArray(v)) {
    const n = v.length;
    if (n < 16) at = buf.writeUInt8(0x90 | n, at);
    else if (n < 0x10000) at = buf.writeUInt16BE(n, buf.writeUInt8(0xdc, at));
    else at = buf.writeUInt32BE(n, buf.writeUInt8(0xdd, at));
    for (const x of v) at = write(x, buf, at);
    return at;
  }
  const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
  if (len < 32) at = buf.writeUInt8(0xa0 | len, at);
  else if (len < 0x100) at = buf.writeUInt8(len, buf.writeUInt8(0xd9, at));
  else if (len < 0x10000) at = buf.writeUInt16BE(len, buf.writeUInt8(0xda, at));
  else at = buf.writeUInt32BE(len, buf.writeUInt8(0xdb, at));
  if (typeof v === 'string') return at + buf.write(v, at);
  return at + v.copy(buf, at);
}

/** Encodes `v` into one Buffer, sized exactly in a first pass. */
export function packMsgpack(v: Packable): Buffer {
  const buf = Buffer.allocUnsafe(size(v));
  write(v, buf, 0);
  return buf;
}
