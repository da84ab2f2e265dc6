import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChannelRules } from '../../src/channel/rules';
import { withDefaults } from '../../src/config/channel-options';
import { loadConfig } from '../../src/config/load';
import { ClientError } from '../../src/errors';

const rules = () => {
  const c = loadConfig({ env: {} }).channel;
  c.namespaces = [withDefaults({ name: 'chat', presence: true }), withDefaults({ name: 'ids', channel_regex: '^[0-9]+$' })];
  return new ChannelRules(c);
};
const code = (fn: () => unknown) => {
  try {
    fn();
    return 0;
  } catch (err) {
    assert.ok(err instanceof ClientError);
    return err.code;
  }
};

describe('channel rules', () => {
  it('resolves namespaces, private prefix included', () => {
    const r = rules();
    assert.equal(r.resolve('news').namespace, '');
    assert.equal(r.resolve('chat:room1').namespace, 'chat');
    assert.equal(r.resolve('chat:room1').options.presence, true);
    assert.equal(r.resolve('$chat:secret').namespace, 'chat');
    assert.equal(r.resolve('chat:a:b').namespace, 'chat');
  });

  it('answers 102 for an unknown namespace and 107 for a bad name', () => {
    const r = rules();
    assert.equal(code(() => r.resolve('nope:x')), 102);
    assert.equal(code(() => r.resolve('')), 107);
    assert.equal(code(() => r.resolve('a'.repeat(256))), 107);
    assert.equal(code(() => r.resolve('a'.repeat(255))), 0);
    assert.equal(code(() => r.resolve('with space')), 107);
    assert.equal(code(() => r.resolve('ünïcode')), 107);
    assert.equal(code(() => r.resolve('ids:123')), 0);
    assert.equal(code(() => r.resolve('ids:abc')), 107);
  });

  it('knows private and user-limited channels', () => {
    const r = rules();
    assert.ok(r.isPrivate('$x'));
    assert.ok(!r.isPrivate('x'));
    assert.ok(r.userAllowed('dialog#42,56', '42'));
    assert.ok(r.userAllowed('dialog#42,56', '56'));
    assert.ok(!r.userAllowed('dialog#42,56', '4'));
    assert.ok(!r.userAllowed('dialog#42,56', ''));
    assert.ok(r.userAllowed('chat:news#7', '7'));
    assert.ok(!r.userAllowed('news', '42'));
  });
});
