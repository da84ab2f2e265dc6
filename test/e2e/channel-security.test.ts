/**
 * User-limited channels (`news#42`) belong to the users listed after `#`:
 * no namespace option opens them to anyone else — not
 * allow_subscribe_for_client, not the `_for_client` publish, history and
 * presence rules, not `connect.subs` on reconnect. Real SDK in both codecs,
 * and a raw socket for the reconnect path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, collect, encode, makeClient, nextEvent, rawSocket, token } from '../helpers/clients';
import { eventually, sleep } from '../helpers/server';
import { serverSuite } from '../helpers/suite';

const open = {
  allow_user_limited_channels: true,
  allow_subscribe_for_client: true,
  allow_publish_for_client: true,
  allow_history_for_client: true,
  allow_presence_for_client: true,
  presence: true,
  history_size: 10,
  history_ttl: 300,
};
const t = serverSuite({ config: { channel: { ...open, namespaces: [{ name: 'open', ...open }] } } });

for (const codec of CODECS) {
  describe(`user-limited channels (${codec})`, () => {
    for (const ch of [`news-${codec}#42`, `open:room-${codec}#42,56`]) {
      it(`${ch}: user 43 is refused subscribe, publish, history and presence (103); user 42 is not`, async () => {
        const owner = makeClient(t.server.wsUrl, codec, { token: token({ sub: '42' }) });
        const ownSub = owner.newSubscription(ch);
        const received = collect(ownSub, 'publication');
        ownSub.subscribe();
        owner.connect();
        await ownSub.ready(3000);

        const intruder = makeClient(t.server.wsUrl, codec, { token: token({ sub: '43' }) });
        const sub = intruder.newSubscription(ch);
        sub.subscribe();
        intruder.connect();
        assert.equal((await nextEvent(sub, 'unsubscribed')).code, 103);
        const code = (p: Promise<unknown>) => p.then(() => 0, (e: any) => e.code);
        assert.equal(await code(intruder.publish(ch, encode(codec, { from: 'intruder' }))), 103);
        assert.equal(await code(intruder.history(ch, { limit: 10 })), 103);
        assert.equal(await code(intruder.presence(ch)), 103);
        assert.equal(await code(intruder.presenceStats(ch)), 103);

        // The listed user may use the same `_for_client` rules.
        await owner.publish(ch, encode(codec, { from: 'owner' }));
        await eventually(() => received.length === 1, 3000, 'owner publication');
        assert.equal((await owner.history(ch, { limit: 10 })).publications.length, 1);
        assert.equal(Object.keys((await owner.presence(ch)).clients).length, 1);
        owner.disconnect();
        intruder.disconnect();
      });
    }
  });
}

describe('user-limited channels on reconnect', () => {
  /** A raw connect naming the channel in `subs`, as centrifuge-js does for server-side channels it had. */
  async function connectWithSubs(user: string, ch: string) {
    const s = rawSocket(t.server.wsUrl);
    await s.opened;
    s.send(JSON.stringify({ id: 1, connect: { token: token({ sub: user }), subs: { [ch]: { recover: false } } } }));
    await eventually(() => s.messages.length > 0, 3000, 'connect reply');
    return { s, reply: JSON.parse(s.messages[0]!.toString().split('\n')[0]!) };
  }

  it('connect.subs does not subscribe another user to news#42; it does the listed user', async () => {
    const ch = 'news#42';
    const intruder = await connectWithSubs('43', ch);
    assert.ok(intruder.reply.connect, JSON.stringify(intruder.reply));
    assert.equal(intruder.reply.connect.subs?.[ch], undefined);
    const owner = await connectWithSubs('42', ch);
    assert.ok(owner.reply.connect.subs?.[ch], 'the listed user keeps the channel');
    await t.api.publish({ channel: ch, data: { secret: true } });
    await eventually(() => owner.s.messages.length > 1, 3000, 'owner receives');
    await sleep(200);
    assert.ok(!intruder.s.messages.slice(1).some((m) => m.toString().includes('secret')), 'the intruder received nothing');
    intruder.s.ws.close();
    owner.s.ws.close();
  });
});
