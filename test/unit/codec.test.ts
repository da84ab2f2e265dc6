/**
 * Codec round trips against the real client's own encoder and decoder (the
 * `_codec` of centrifuge-js, JSON and protobuf builds), several messages per
 * frame, both directions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Centrifuge as CentrifugeJson } from 'centrifuge';
import { Centrifuge as CentrifugeProtobuf } from 'centrifuge/build/protobuf';
import WebSocket from 'ws';
import { DecodeError } from '../../src/protocol/codec';
import { codecs } from '../../src/protocol/codecs';
import { serialize, shareJsonText } from '../../src/protocol/codec-json';
import type { Reply } from '../../src/protocol/types';

interface ClientCodec {
  encodeCommands(cmds: unknown[]): string | Uint8Array;
  decodeReplies(data: unknown): any[];
}
const clientCodec = (C: unknown): ClientCodec =>
  (new (C as typeof CentrifugeJson)('ws://127.0.0.1:1/connection/websocket', { websocket: WebSocket }) as unknown as { _codec: ClientCodec })._codec;

const text = (s: string) => new TextEncoder().encode(s);
const asBuffer = (v: string | Uint8Array) => (typeof v === 'string' ? Buffer.from(v) : Buffer.from(v));

describe('JSON codec', () => {
  const theirs = clientCodec(CentrifugeJson);
  const ours = codecs.json;

  it('decodes several commands the client wrote into one frame, keeping payloads as raw JSON', () => {
    const frame = theirs.encodeCommands([
      { id: 1, connect: { token: 't', data: { a: [1, 'x'] }, name: 'js' } },
      { id: 2, subscribe: { channel: 'news', recover: true, offset: 7, epoch: 'e1', flag: 1 } },
      { id: 3, publish: { channel: 'news', data: { text: 'héllo\nworld' } } },
      {},
    ]);
    const cmds = ours.decodeCommands(asBuffer(frame));
    assert.equal(cmds.length, 4);
    assert.equal(cmds[0]!.id, 1);
    assert.equal(cmds[0]!.connect!.token, 't');
    assert.deepEqual(JSON.parse(Buffer.from(cmds[0]!.connect!.data!).toString()), { a: [1, 'x'] });
    assert.deepEqual({ ...cmds[1]!.subscribe }, { channel: 'news', recover: true, offset: 7, epoch: 'e1', flag: 1 });
    assert.deepEqual(JSON.parse(Buffer.from(cmds[2]!.publish!.data!).toString()), { text: 'héllo\nworld' });
    assert.deepEqual(cmds[3], {});
  });

  it('encodes replies and pushes the client decodes, with embedded raw data and empty results kept', () => {
    const replies: Reply[] = [
      { id: 1, connect: { client: 'c1', version: '1', ping: 25, pong: true, data: Buffer.from('{"k":1}') } },
      { id: 2, subscribe: {} },
      { push: { channel: 'news', pub: { data: Buffer.from('{"n":1}\n'), offset: 3, info: { user: 'u', client: 'c' } } } },
      { id: 4, error: { code: 103, message: 'permission denied' } },
      {},
    ];
    const frame = ours.joinFrame(replies.map((r) => ours.encodeReply(r)), replies.map((r) => ours.encodeReply(r).length).reduce((a, b) => a + b));
    const decoded = theirs.decodeReplies(frame.toString());
    assert.equal(decoded.length, 5);
    assert.deepEqual(decoded[0], { id: 1, connect: { client: 'c1', version: '1', ping: 25, pong: true, data: { k: 1 } } });
    assert.deepEqual(decoded[1], { id: 2, subscribe: {} });
    assert.deepEqual(decoded[2].push.pub, { data: { n: 1 }, offset: 3, info: { user: 'u', client: 'c' } });
    assert.deepEqual(decoded[3].error, { code: 103, message: 'permission denied' });
    assert.deepEqual(decoded[4], {});
  });

  it('rejects frames that are not commands', () => {
    for (const bad of [
      'not json', '[1,2]', '{"id":"x"}', '{"id":1,"connect":5}', '', '{"id":-1}',
      '{"id":2,"subscribe":{"channel":5}}', '{"id":2,"subscribe":{"channel":"a","offset":"7"}}',
      '{"id":2,"history":{"channel":"a","limit":1.5}}', '{"id":2,"history":{"channel":"a","since":{"offset":"x"}}}',
      '{"id":1,"connect":{"token":1}}', '{"id":1,"connect":{"subs":{"a":{"recover":"yes"}}}}',
    ]) {
      assert.throws(() => ours.decodeCommands(Buffer.from(bad)), DecodeError, bad);
    }
  });
});

describe('protobuf codec', () => {
  const theirs = clientCodec(CentrifugeProtobuf);
  const ours = codecs.protobuf;

  it('decodes the exact bytes the client encodes, several commands per frame', () => {
    const frame = theirs.encodeCommands([
      { id: 1, connect: { token: 't', data: text('{"a":1}'), name: 'js', subs: { 'chat:x': { recover: true, offset: 9, epoch: 'e' } } } },
      { id: 2, subscribe: { channel: 'news', flag: 1, join_leave: true } },
      { id: 3, history: { channel: 'news', limit: 10, since: { offset: 5, epoch: 'e' }, reverse: true } },
      {},
    ]);
    const cmds = ours.decodeCommands(asBuffer(frame));
    assert.equal(cmds.length, 4);
    assert.equal(cmds[0]!.connect!.token, 't');
    assert.equal(Buffer.from(cmds[0]!.connect!.data!).toString(), '{"a":1}');
    const sub = cmds[0]!.connect!.subs!['chat:x']!;
    assert.equal(sub.recover, true);
    assert.equal(Number(sub.offset), 9);
    assert.equal(cmds[1]!.subscribe!.channel, 'news');
    assert.equal(cmds[1]!.subscribe!.join_leave, true);
    assert.equal(Number(cmds[1]!.subscribe!.flag), 1);
    assert.equal(cmds[2]!.history!.limit, 10);
    assert.equal(Number(cmds[2]!.history!.since!.offset), 5);
    assert.equal(cmds[3]!.id, 0);
    assert.equal(cmds[3]!.connect, null);
  });

  it('matches the recorded wire bytes of a connect command', () => {
    const cmds = ours.decodeCommands(Buffer.from('080801220422026a73', 'hex'));
    assert.equal(cmds[0]!.id, 1);
    assert.equal(cmds[0]!.connect!.name, 'js');
  });

  it('encodes replies the client decodes, keeping empty results present', () => {
    const parts = [
      ours.encodeReply({ id: 1, connect: { client: 'c1', version: '1.0.0', ping: 25, pong: true } }),
      ours.encodeReply({ id: 2, subscribe: {} }),
      ours.encodeReply({ push: { channel: 'news', pub: { data: Buffer.from('{"a":1}'), offset: 4 } } }),
      ours.ping,
    ];
    // Recorded bytes of the connect reply (as the real client received them from Centrifugo) and the empty subscribe reply.
    assert.equal(parts[0]!.toString('hex'), '1308012a0f0a0263311205312e302e3038194001');
    assert.equal(parts[1]!.toString('hex'), '0408023200');
    const decoded = theirs.decodeReplies(ours.joinFrame(parts, parts.reduce((n, p) => n + p.length, 0)));
    assert.equal(decoded.length, 4);
    assert.equal(decoded[0].connect.client, 'c1');
    assert.ok(decoded[1].subscribe, 'empty subscribe result is present');
    assert.equal(new TextDecoder().decode(decoded[2].push.pub.data), '{"a":1}');
    assert.equal(Number(decoded[2].push.pub.offset), 4);
    assert.equal(decoded[3].id, 0);
    assert.equal(decoded[3].push, null);
  });

  it('rejects truncated and invalid frames', () => {
    const good = asBuffer(theirs.encodeCommands([{ id: 1, connect: { name: 'js' } }]));
    for (const bad of [good.subarray(0, good.length - 2), Buffer.from([0xff, 0xff, 0xff]), Buffer.from([0x05, 0x08]), Buffer.alloc(0)]) {
      assert.throws(() => ours.decodeCommands(bad), DecodeError, bad.toString('hex'));
    }
  });
});

describe('JSON text shared between replies', () => {
  it('is made once for an object marked shared, and never carried over to a copy made with spread', () => {
    const pub = shareJsonText({ data: Buffer.from('{"a":1}'), offset: 3 });
    const first = serialize({ push: { channel: 'c', pub } });
    assert.equal(first, '{"push":{"channel":"c","pub":{"data":{"a":1},"offset":3}}}');
    assert.equal(serialize({ pub }), '{"pub":{"data":{"a":1},"offset":3}}', 'the same text, reused');
    const copy = { ...pub, data: undefined, b64data: 'eyJhIjoxfQ==' };
    assert.equal(serialize(copy), '{"offset":3,"b64data":"eyJhIjoxfQ=="}', 'a changed copy is serialized as it is');
  });
});
