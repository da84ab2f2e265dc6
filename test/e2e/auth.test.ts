/** Connection and subscription tokens end to end, with the real client's token flows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, makeClient, nextEvent, rawSocket, token } from '../helpers/clients';

import { serverSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

const now = () => Math.floor(Date.now() / 1000);
const t = serverSuite({ config: { channel: channelConfig, client: { expired_close_delay: 1, expired_sub_close_delay: 1 } } });

function unsigned(payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

for (const codec of CODECS) {
  describe(`tokens (${codec})`, () => {
    it('an expired token gets 109, the client calls getToken and connects', async () => {
      let calls = 0;
      const c = makeClient(t.server.wsUrl, codec, {
        token: token({ sub: 'u1', exp: now() - 5 }),
        getToken: async () => {
          calls++;
          return token({ sub: 'u1', exp: now() + 3600 });
        },
      });
      const err = nextEvent(c, 'error', 3000, (e) => e.type === 'connect');
      c.connect();
      assert.equal((await err).error.code, 109);
      await nextEvent(c, 'connected', 3000);
      assert.equal(calls, 1);
      c.disconnect();
    });

    it('an expire_at already past gets 109 like an expired exp, and the client fetches a fresh token', async () => {
      let calls = 0;
      const c = makeClient(t.server.wsUrl, codec, {
        token: token({ sub: 'u9', expire_at: now() - 5 }),
        getToken: async () => {
          calls++;
          return token({ sub: 'u9', expire_at: now() + 3600 });
        },
      });
      const err = nextEvent(c, 'error', 3000, (e) => e.type === 'connect');
      c.connect();
      assert.equal((await err).error.code, 109);
      await nextEvent(c, 'connected', 3000);
      assert.equal(calls, 1);
      // A subscription token whose expire_at is past is refused the same way (109), never accepted with ttl 1.
      const s = c.newSubscription('$late', {
        token: token({ sub: 'u9', channel: '$late', expire_at: now() - 5 }),
        getToken: async () => token({ sub: 'u9', channel: '$late', expire_at: now() + 3600 }),
      });
      const subErr = nextEvent(s, 'error', 3000);
      s.subscribe();
      assert.equal((await subErr).error.code, 109);
      await s.ready(3000);
      c.disconnect();
    });

    it('refreshes a connection before its token expires and stays connected past the expiry', async () => {
      let refreshes = 0;
      const c = makeClient(t.server.wsUrl, codec, {
        token: token({ sub: 'u2', exp: now() + 2 }),
        getToken: async () => {
          refreshes++;
          return token({ sub: 'u2', exp: now() + 3600 });
        },
      });
      c.connect();
      await c.ready(3000);
      const disconnected = { seen: false };
      c.on('connecting', () => (disconnected.seen = true));
      // exp (2 s) + expired_close_delay (1 s) has passed: an unrefreshed connection would be closed by now.
      await new Promise((r) => setTimeout(r, 4500));
      assert.ok(refreshes >= 1, 'getToken was called to refresh');
      assert.equal(c.state, 'connected');
      assert.equal(disconnected.seen, false, 'never reconnected');
      c.disconnect();
    });

    it('refuses invalid tokens with 3500 and the client does not reconnect', async () => {
      for (const bad of [token({ sub: 'x' }, { secret: 'not-the-secret' }), unsigned({ sub: 'x' }), 'garbage.token.here', token({ sub: 'x', channel: 'c' })]) {
        const c = makeClient(t.server.wsUrl, codec, { token: bad });
        const d = nextEvent(c, 'disconnected', 3000);
        c.connect();
        assert.equal((await d).code, 3500);
        assert.equal(c.state, 'disconnected');
      }
    });

    it('refreshes a subscription token through sub_refresh', async () => {
      let calls = 0;
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'u3' }) });
      const s = c.newSubscription('$refreshing', {
        getToken: async () => {
          calls++;
          return token({ sub: 'u3', channel: '$refreshing', exp: now() + (calls === 1 ? 2 : 3600) });
        },
      });
      s.subscribe();
      c.connect();
      await s.ready(3000);
      await new Promise((r) => setTimeout(r, 4000));
      assert.ok(calls >= 2, 'subscription token was refreshed');
      assert.equal(s.state, 'subscribed');
      c.disconnect();
    });

    it('refuses a subscription token for another user or channel with 3500', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'u4' }) });
      const s = c.newSubscription('$mine', { token: token({ sub: 'someone-else', channel: '$mine' }) });
      s.subscribe();
      const d = nextEvent(c, 'disconnected', 3000);
      c.connect();
      assert.equal((await d).code, 3500);
    });
  });
}

describe('connection expiry without refresh', () => {
  it('closes an unrefreshed connection with 3005 after the grace period', async () => {
    const sock = rawSocket(t.server.wsUrl);
    await sock.opened;
    // 1–2 s ahead (exp counts whole seconds): still valid when the connect arrives, however the second boundary falls.
    const exp = now() + 2;
    sock.send(JSON.stringify({ id: 1, connect: { token: token({ sub: 'lazy', exp }) } }));
    const closed = await sock.closed;
    assert.equal(closed.code, 3005);
    // expired_close_delay is 1 s; the server's timer may fire a few ms before this process's clock says so.
    assert.ok(Date.now() >= exp * 1000 + 900, 'not before expiry and the grace period after it');
    const reply = JSON.parse(sock.messages[0]!.toString());
    assert.equal(reply.connect.expires, true);
    assert.ok(reply.connect.ttl >= 1);
  });

  it('ends an unrefreshed subscription with 2501 after its grace period; the connection stays', async () => {
    const sock = rawSocket(t.server.wsUrl);
    await sock.opened;
    const exp = now() + 2;
    sock.send(
      [
        JSON.stringify({ id: 1, connect: { token: token({ sub: 'lazy-sub' }) } }),
        JSON.stringify({ id: 2, subscribe: { channel: '$lazy', token: token({ sub: 'lazy-sub', channel: '$lazy', exp }) } }),
      ].join('\n'),
    );
    const pushes = () => sock.messages.flatMap((m) => m.toString().split('\n')).map((l) => JSON.parse(l));
    const started = Date.now();
    while (!pushes().some((p) => p.push?.unsubscribe)) {
      assert.ok(Date.now() - started < 10_000, 'unsubscribed within 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    // expired_sub_close_delay is 1 s; the server's timer may fire a few ms before this process's clock says so.
    assert.ok(Date.now() >= exp * 1000 + 900, 'not before expiry and the grace period after it');
    const unsub = pushes().find((p) => p.push?.unsubscribe)!.push;
    assert.equal(unsub.channel, '$lazy');
    assert.equal(unsub.unsubscribe.code, 2501);
    assert.equal(sock.ws.readyState, sock.ws.OPEN, 'the connection itself is not expired');
    sock.ws.close();
  });

  it('refuses connect without a token when anonymous connections are off (3501)', async () => {
    const sock = rawSocket(t.server.wsUrl);
    await sock.opened;
    sock.send(JSON.stringify({ id: 1, connect: {} }));
    assert.equal((await sock.closed).code, 3501);
  });
});
