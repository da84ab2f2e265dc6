/**
 * Fossil deltas (src/protocol/live-publication.ts): what goes on the wire for
 * a delta subscription decodes, with fossil's own decoder, into exactly the
 * payload published, in both codecs; a delta that would not be smaller, or
 * (in JSON) not UTF-8, is replaced by the whole payload. The SDK's decoder is
 * exercised end to end in test/e2e/channel-features.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fossil from 'fossil-delta';
import * as $protobuf from 'protobufjs/minimal';
import { centrifugal } from '../../src/protocol/generated/client';
import { deltaRecovered, fossilDelta, LivePublication } from '../../src/protocol/live-publication';
import type { Publication } from '../../src/protocol/types';

const scoreboard = (scores: number[]) => Buffer.from(JSON.stringify({ teams: scores.map((s, i) => ({ name: `team-${i}`, score: s })) }));
const base = Array.from({ length: 40 }, (_, i) => i * 10);
const prev = scoreboard(base);
const next = scoreboard(base.map((s, i) => (i === 7 ? s + 1 : s)));

/** The publication a JSON client reads from one encoded push. */
function jsonPub(frame: Buffer): { data: unknown; delta?: boolean; offset?: number } {
  return JSON.parse(frame.toString()).push.pub;
}

function protobufPub(frame: Buffer) {
  const reader = $protobuf.Reader.create(frame);
  return centrifugal.centrifuge.protocol.Reply.decode(reader, reader.uint32()).push!.pub!;
}

describe('fossil delta', () => {
  it('is much smaller than a scoreboard with one score changed, and decodes to it', () => {
    const d = fossilDelta(prev, next);
    assert.ok(d);
    assert.ok(d.length * 10 < next.length, `${d.length} bytes for ${next.length}`);
    assert.deepEqual(Buffer.from(fossil.apply(prev, d)), next);
  });

  it('is null when it would not be smaller than the payload', () => {
    assert.equal(fossilDelta(Buffer.from('{"a":1}'), Buffer.from('{"b":2}')), null);
  });
});

describe('a live publication for delta subscribers', () => {
  const pub: Publication = { data: next, offset: 8, tags: { k: 'v' } };
  const live = LivePublication.of('scores', pub, { offset: 8, epoch: 'e' }, prev);

  it('JSON: the delta as a JSON string the client turns back into the payload', () => {
    const p = jsonPub(live.deltaFrame('json')!.data);
    assert.equal(p.delta, true);
    assert.equal(typeof p.data, 'string');
    assert.deepEqual(Buffer.from(fossil.apply(prev, Buffer.from(p.data as string, 'utf8'))), next);
    assert.equal(p.offset, 8);
  });

  it('JSON: the whole payload as a JSON string, for the first publication of a delta subscription', () => {
    const p = jsonPub(live.fullFrame('json').data);
    assert.equal(p.delta, undefined);
    assert.equal(p.data, next.toString());
  });

  it('protobuf: the delta bytes, flagged', () => {
    const p = protobufPub(live.deltaFrame('protobuf')!.data);
    assert.equal(p.delta, true);
    assert.deepEqual(Buffer.from(fossil.apply(prev, p.data!)), next);
  });

  it('without the previous payload there is no delta', () => {
    assert.equal(LivePublication.of('scores', pub, { offset: 8, epoch: 'e' }).deltaFrame('json'), null);
  });

  it('JSON: a delta that is not UTF-8 (a literal cut inside a character) is not sent; protobuf takes it', () => {
    const a = Buffer.from(JSON.stringify({ s: 'A'.repeat(64) + 'é' + 'B'.repeat(64) }));
    const b = Buffer.from(JSON.stringify({ s: 'A'.repeat(64) + 'è' + 'B'.repeat(64) }));
    const cut = LivePublication.of('c', { data: b, offset: 2 }, { offset: 2, epoch: 'e' }, a);
    assert.equal(cut.deltaFrame('json'), null);
    const p = protobufPub(cut.deltaFrame('protobuf')!.data);
    assert.deepEqual(Buffer.from(fossil.apply(a, p.data!)), b);
  });
});

describe('recovered publications for a delta subscription', () => {
  const pubs: Publication[] = [0, 1, 2].map((i) => ({ data: scoreboard(base.map((s, j) => (j === i ? s + 5 : s))), offset: i + 1 }));
  for (const protocol of ['json', 'protobuf'] as const) {
    it(`${protocol}: the first whole, then deltas, each decoding against the one before`, () => {
      const out = deltaRecovered(pubs, protocol);
      assert.equal(out[0]!.delta, undefined);
      let held = pubs[0]!.data;
      if (protocol === 'json') assert.equal(JSON.parse(out[0]!.data!.toString()), held.toString());
      for (let i = 1; i < pubs.length; i++) {
        assert.equal(out[i]!.delta, true);
        const wire = protocol === 'json' ? Buffer.from(JSON.parse(out[i]!.data!.toString()) as string) : Buffer.from(out[i]!.data!);
        held = Buffer.from(fossil.apply(held, wire));
        assert.deepEqual(held, pubs[i]!.data);
        assert.equal(out[i]!.offset, i + 1);
      }
    });
  }
});

describe('JSON frames of delta subscriptions, fuzzed', () => {
  it('always parse, and always decode into the payload, whatever characters the payloads hold', () => {
    const alphabet = ['a', 'b', '"', '\\', '\n', 'é', '€', '𝄞', '\u0000', '\u2028', ' ', '{', '}'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const text = (n: number) => Array.from({ length: n }, () => alphabet[rand(alphabet.length)]).join('');
    let deltas = 0;
    for (let i = 0; i < 300; i++) {
      const common = text(40 + rand(80));
      const a = Buffer.from(JSON.stringify({ s: common + text(rand(10)), n: i }));
      const b = Buffer.from(JSON.stringify({ s: common + text(rand(10)), n: i + 1 }));
      const live = LivePublication.of('c', { data: b, offset: 2 }, { offset: 2, epoch: 'e' }, a);
      const frame = live.deltaFrame('json');
      const p = jsonPub((frame ?? live.fullFrame('json')).data);
      assert.equal(typeof p.data, 'string');
      const held = p.delta ? Buffer.from(fossil.apply(a, Buffer.from(p.data as string, 'utf8'))) : Buffer.from(p.data as string, 'utf8');
      assert.deepEqual(held, b);
      if (p.delta) deltas++;
    }
    assert.ok(deltas > 100, `${deltas} of 300 went as deltas`);
  });
});
