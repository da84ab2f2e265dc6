/**
 * The server API under abuse: glob patterns answer at once, history returns
 * what a backend asks for, over-long requests are refused with 400 naming
 * api.max_batch_size, a long batch does not stall bystanders, bad input is a
 * permanent 107 (never a temporary 100, never an error log), auth failures
 * carry a JSON body, and idempotency keys are bounded by count.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeClient, token } from '../helpers/clients';
import { serverSuite } from '../helpers/suite';

const t = serverSuite({
  config: {
    channel: {
      allow_subscribe_for_client: true,
      namespaces: [{ name: 'big', history_size: 2000, history_ttl: 300, allow_subscribe_for_client: true, allow_history_for_client: true }],
    },
  },
});

/** 1000 publications in `big:h`, in one batch. */
async function fill(ch: string, n: number): Promise<void> {
  const r = await t.server.api('batch', { commands: Array.from({ length: n }, (_, i) => ({ publish: { channel: ch, data: { i } } })) });
  assert.equal(r.result.replies.length, n);
  assert.equal(r.result.replies[n - 1].publish.offset, n);
}

describe('history through the server API', () => {
  it('returns what it asks for (-1 = all), while a client command stays capped at history_max_publication_limit', async () => {
    const ch = 'big:h';
    await fill(ch, 1000);
    for (const [limit, n] of [[-1, 1000], [500, 500], [1000, 1000], [5000, 1000]] as const) {
      assert.equal((await t.server.api('history', { channel: ch, limit })).result.publications.length, n, `limit ${limit}`);
    }
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'reader' }) });
    c.connect();
    assert.equal((await c.history(ch, { limit: -1 })).publications.length, 300);
    c.disconnect();
  });
});

