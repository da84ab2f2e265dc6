/** Development and anonymous modes: what `client.insecure` and anonymous connections allow, and what they do not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect, decode, encode, makeClient, nextEvent, token } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { serverSuite } from '../helpers/suite';

describe('client.insecure', () => {
  const t = serverSuite({ config: { client: { insecure: true }, channel: { namespaces: [{ name: 'hist', history_size: 10, history_ttl: 60 }] } } });

  it('connects without a token and allows subscribe, publish, history and presence-less reads', async () => {
    const c = makeClient(t.server.wsUrl, 'protobuf');
    const sub = c.newSubscription('hist:any');
    const pubs = collect(sub, 'publication');
    sub.subscribe();
    c.connect();
    await sub.ready(3000);
    await sub.publish(encode('protobuf', { dev: 1 }));
    await eventually(() => pubs.length === 1, 3000, 'own publication');
    assert.deepEqual(decode('protobuf', pubs[0].data), { dev: 1 });
    const h = await sub.history({ limit: 5 });
    assert.equal(h.publications.length, 1);
    await assert.rejects(sub.presence(), (e: any) => e.code === 108, 'presence still needs the namespace option');
    c.disconnect();
  });
});

describe('anonymous connections', () => {
  const t = serverSuite({
    config: {
      client: { allow_anonymous_connect_without_token: true },
      channel: { namespaces: [{ name: 'open', allow_subscribe_for_client: true, allow_subscribe_for_anonymous: true }, { name: 'members', allow_subscribe_for_client: true }] },
    },
  });

  it('connect without a token as user "" and reach only channels open to anonymous users', async () => {
    const c = makeClient(t.server.wsUrl, 'json');
    const open = c.newSubscription('open:lobby');
    const members = c.newSubscription('members:lounge');
    open.subscribe();
    members.subscribe();
    c.connect();
    await open.ready(3000);
    assert.equal((await nextEvent(members, 'unsubscribed', 3000)).code, 103);
    await assert.rejects(c.publish('open:lobby', { x: 1 }), (e: any) => e.code === 103, 'publishing is not allowed');
    c.disconnect();
  });
});

describe('client.channel_limit', () => {
  const t = serverSuite({ config: { client: { channel_limit: 2 }, channel: { allow_subscribe_for_client: true } } });

  it('a subscription past the limit gets 106; a token with more server-side channels is refused with 3505', async () => {
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'lim' }) });
    const subs = ['a', 'b', 'c'].map((ch) => c.newSubscription(ch));
    for (const s of subs.slice(0, 2)) s.subscribe();
    c.connect();
    await Promise.all(subs.slice(0, 2).map((s) => s.ready(3000)));
    subs[2]!.subscribe();
    assert.equal((await nextEvent(subs[2]!, 'unsubscribed', 3000)).code, 106);
    c.disconnect();
    const many = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'lim', channels: ['x', 'y', 'z'] }) });
    const d = nextEvent(many, 'disconnected', 3000);
    many.connect();
    assert.equal((await d).code, 3505);
  });
});
