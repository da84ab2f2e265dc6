/**
 * Refusals name their cause with the code unchanged (the SDKs act on codes):
 * 102 names the namespace it looked for, 108 what is not configured and
 * where, to the real centrifuge-js client (JSON and protobuf) and on the
 * server API.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, makeClient, nextEvent, token } from '../helpers/clients';
import { serverSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

// channelConfig: "chat" keeps history and presence, "dm" neither, and channels without a namespace neither.
const t = serverSuite({ config: { channel: channelConfig } });

const UNKNOWN = 'unknown channel: namespace "nowhere" is not configured (channel.namespaces)';
const DM_HISTORY = 'not available: history is off in namespace "dm" (set history_size and history_ttl in its channel.namespaces entry)';
const DM_PRESENCE = 'not available: presence is off in namespace "dm" (set presence to true in its channel.namespaces entry)';
const TOP_HISTORY = 'not available: history is off for channels without a namespace (set channel.history_size and channel.history_ttl)';
const TOP_PRESENCE = 'not available: presence is off for channels without a namespace (set channel.presence to true)';

for (const codec of CODECS) {
  describe(`causes to the client (${codec})`, () => {
    it('102 names the namespace it looked for', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'cause' }) });
      const s = c.newSubscription('nowhere:x');
      const ended = nextEvent(s, 'unsubscribed');
      s.subscribe();
      c.connect();
      const { code, reason } = await ended;
      assert.deepEqual({ code, reason }, { code: 102, reason: UNKNOWN });
      assert.equal(c.state, 'connected', 'the connection stays');
      c.disconnect();
    });

    it('108 says which of history or presence is off, and where', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'cause' }) });
      c.connect();
      await c.ready(5000);
      const refusal = async (p: Promise<unknown>) => {
        const e = (await p.then(() => assert.fail('answered'), (err) => err)) as { code: number; message: string };
        return { code: e.code, message: e.message };
      };
      assert.deepEqual(await refusal(c.history('dm:x', { limit: 1 })), { code: 108, message: DM_HISTORY });
      assert.deepEqual(await refusal(c.presence('dm:x')), { code: 108, message: DM_PRESENCE });
      assert.deepEqual(await refusal(c.history('news', { limit: 1 })), { code: 108, message: TOP_HISTORY });
      assert.deepEqual(await refusal(c.presenceStats('news')), { code: 108, message: TOP_PRESENCE });
      c.disconnect();
    });
  });
}

describe('causes on the server API', () => {
  it('102 and 108 carry the same messages', async () => {
    const error = async (method: string, params: unknown) => (await t.server.api(method, params)).error;
    assert.deepEqual(await error('publish', { channel: 'nowhere:x', data: 1 }), { code: 102, message: UNKNOWN });
    assert.deepEqual(await error('history', { channel: 'dm:x' }), { code: 108, message: DM_HISTORY });
    assert.deepEqual(await error('presence', { channel: 'dm:x' }), { code: 108, message: DM_PRESENCE });
    assert.deepEqual(await error('history', { channel: 'news' }), { code: 108, message: TOP_HISTORY });
    assert.deepEqual(await error('presence_stats', { channel: 'news' }), { code: 108, message: TOP_PRESENCE });
    // A namespace name is quoted as JSON, whatever it holds.
    assert.equal((await error('publish', { channel: 'no"pe:x', data: 1 })).message, 'unknown channel: namespace "no\\"pe" is not configured (channel.namespaces)');
  });
});
