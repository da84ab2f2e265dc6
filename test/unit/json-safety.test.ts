/**
 * What keeps JSON frames valid: the JSON-text check agrees with a real parser
 * (JSON.parse, plus the UTF-8 and depth rules) on valid, mutated and random
 * input, and the hand-written encoder, fuzzed with hostile keys, strings and
 * bytes, always produces one line that JSON.parse reads back to the same values.
 */
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { describe, it } from 'node:test';
import { serialize } from '../../src/protocol/codec-json';
import { MAX_JSON_DEPTH, isJsonText } from '../../src/protocol/json-text';

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nesting depth of a parsed value. */
function depth(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let d = 0;
  for (const x of Object.values(v)) d = Math.max(d, depth(x));
  return d + 1;
}

/** The oracle: a real parser, plus the rules JSON.parse does not apply to bytes. */
function oracle(b: Buffer): boolean {
  if (b.length === 0 || !isUtf8(b)) return false;
  try {
    return depth(JSON.parse(b.toString('utf8'))) <= MAX_JSON_DEPTH;
  } catch {
    return false;
  }
}

const PIECES = ['{', '}', '[', ']', ',', ':', '"', '\\', 'a', '1', '-', '.', 'e', '+', ' ', '\n', '\t', 'true', 'null', 'fals', '\\u12', '\\uD83D', '0', '01', 'é', '\u2028', '\u0000', '\u0001'];

function randomValue(r: () => number, d = 0): unknown {
  const k = Math.floor(r() * (d > 4 ? 5 : 7));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return Math.floor((r() - 0.5) * 1e6) / (r() < 0.5 ? 1 : 1000);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, d + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) o[randomString(r)] = randomValue(r, d + 1);
      return o;
    }
  }
}

/** Strings with what breaks hand-written JSON: quotes, backslashes, control characters, lone surrogates, line separators. */
function randomString(r: () => number): string {
  const alphabet = ['a', '"', '\\', '\n', '\r', '\u0000', '\u001f', '\u2028', '\ud800', '\udfff', '😀', '}', '{', ',', ':', 'é', '/'];
  let s = '';
  for (let i = Math.floor(r() * 8); i > 0; i--) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

describe('isJsonText', () => {
  it('accepts JSON texts and refuses everything else, like a real parser', () => {
    const valid = ['0', '-0', '1.5e-3', '"x"', '"\\u00e9\\n"', 'true', ' null ', '[]', '{}', '[1,[2,{"a":[]}]]', '{"a":1,"b":{"c":"d"}}', '"é😀"', '\t{ "k" : [ 1 , 2 ] }\n'];
    const invalid = ['', ' ', '01', '1.', '.5', '-', '1e', '+1', '"x', '"\\x"', '"\\u12"', '[1,]', '{"a":1,}', '{a:1}', '{"a"}', '[1 2]', '}', '{"a":1}}', '"a"b', 'tru', 'nul', 'NaN', '"\u0001"', '[', '{"a":', '\u00a01'];
    for (const v of valid) assert.equal(isJsonText(Buffer.from(v)), true, v);
    for (const v of invalid) assert.equal(isJsonText(Buffer.from(v)), false, JSON.stringify(v));
    assert.equal(isJsonText(Buffer.from([0x22, 0xff, 0x22])), false, 'invalid UTF-8 inside a string');
    assert.equal(isJsonText(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])), false, 'an encoded surrogate is not UTF-8');
  });

  it('bounds nesting without recursing, however deep the input', () => {
    assert.equal(isJsonText(Buffer.from('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))), true);
    assert.equal(isJsonText(Buffer.from('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))), false);
    assert.equal(isJsonText(Buffer.from('['.repeat(1_000_000))), false);
    assert.equal(isJsonText(Buffer.from('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))), false);
  });

  it('agrees with JSON.parse on 60,000 random and mutated inputs', () => {
    const r = rng(42);
    let accepted = 0;
    for (let n = 0; n < 60_000; n++) {
      let b: Buffer;
      if (n % 3 === 0) {
        // A valid text, then a few random edits.
        let s = JSON.stringify(randomValue(r));
        for (let e = Math.floor(r() * 3); e > 0; e--) {
          const at = Math.floor(r() * (s.length + 1));
          s = r() < 0.5 ? s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at) : s.slice(0, at) + s.slice(at + 1);
        }
        b = Buffer.from(s);
      } else if (n % 3 === 1) {
        b = Buffer.from(Array.from({ length: Math.floor(r() * 8) }, () => PIECES[Math.floor(r() * PIECES.length)]).join(''));
      } else {
        b = Buffer.from(Array.from({ length: Math.floor(r() * 12) }, () => Math.floor(r() * 256)));
      }
      const expected = oracle(b);
      if (expected) accepted++;
      assert.equal(isJsonText(b), expected, `disagrees on ${JSON.stringify(b.toString('latin1'))}`);
    }
    assert.ok(accepted > 5000, `the corpus holds valid texts too (${accepted})`);
  });
});

describe('JSON encoder', () => {
  it('writes one line that parses back to the same values, whatever the keys, strings and bytes', () => {
    const r = rng(7);
    for (let n = 0; n < 20_000; n++) {
      const tags: Record<string, string> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) tags[randomString(r)] = randomString(r);
      const data = n % 2 === 0 ? Buffer.from(JSON.stringify(randomValue(r))) : Buffer.from(Array.from({ length: Math.floor(r() * 10) }, () => Math.floor(r() * 256)));
      const channel = randomString(r) || 'c';
      const reply = { push: { channel, pub: { data, tags, info: { user: randomString(r), client: 'c1', conn_info: data } } } };
      const text = serialize(reply);
      assert.ok(!text.includes('\n'), 'one frame line');
      const parsed = JSON.parse(text);
      assert.equal(parsed.push.channel, channel);
      assert.deepEqual(parsed.push.pub.tags, JSON.parse(JSON.stringify(tags)));
      if (data.length === 0) continue;
      const expected = isJsonText(data) ? JSON.parse(data.toString()) : data.toString('base64');
      assert.deepEqual(parsed.push.pub.data, expected);
      assert.deepEqual(parsed.push.pub.info.conn_info, expected);
    }
  });

  it('cannot be made to write a field of the publisher’s choosing', () => {
    const data = Buffer.from('"},"info":{"user":"admin"},"x":{"');
    const parsed = JSON.parse(serialize({ push: { channel: 'news', pub: { data, info: { user: 'mallory', client: 'c' } } } }));
    assert.equal(parsed.push.pub.info.user, 'mallory');
    assert.equal(parsed.push.pub.data, data.toString('base64'));
  });

  it('escapes object keys (tags, channel maps)', () => {
    const text = serialize({ result: { channels: { 'a"b': { num_clients: 1 }, 'x\ny': { num_clients: 2 } } } });
    assert.deepEqual(Object.keys(JSON.parse(text).result.channels), ['a"b', 'x\ny']);
  });
});
