/** Admin tokens (signed, expiring, bound to the secret) and the failed-login throttle, on a controlled clock. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_TOKEN_TTL_MS, AdminAuth, LoginThrottle } from '../../src/admin/auth';
import { respellings } from '../helpers/admin-tokens';

describe('AdminAuth', () => {
  it('accepts its own tokens until they expire, and nothing else', () => {
    let now = 1_800_000_000_000;
    const auth = new AdminAuth('pw', 'secret', () => now);
    const { token, expires_at } = auth.issue();
    assert.equal(expires_at, Math.floor((now + ADMIN_TOKEN_TTL_MS) / 1000));
    assert.ok(auth.verify(token));
    assert.equal(new AdminAuth('pw', 'other secret', () => now).verify(token), false, 'another secret');
    const [payload, sig] = token.split('.') as [string, string];
    assert.equal(auth.verify(`${(now + 10 * ADMIN_TOKEN_TTL_MS).toString(36)}.${sig}`), false, 'a longer expiry under the old signature');
    assert.equal(auth.verify(`${payload}.${sig.slice(0, -2)}`), false, 'a cut signature');
    for (const junk of ['', '.', 'a.', '.b', 'no-dot', 'x'.repeat(100_000), `${'z'.repeat(17)}.${sig}`]) assert.equal(auth.verify(junk), false, junk.slice(0, 20));
    now += ADMIN_TOKEN_TTL_MS - 1;
    assert.ok(auth.verify(token));
    now += 1;
    assert.equal(auth.verify(token), false, 'expired');
  });

  it('accepts a signature only in the encoding it issues: not standard base64, padded, or with other trailing bits', () => {
    let now = 1_800_000_000_000;
    const auth = new AdminAuth('pw', 'secret', () => now);
    // A token whose signature has a character that standard base64 writes differently ('-' or '_').
    let token = auth.issue().token;
    while (!/[-_]/.test(token.split('.')[1]!)) token = (now++, auth.issue().token);
    assert.ok(auth.verify(token));
    const others = respellings(token);
    assert.equal(others.length, 4);
    for (const [what, other] of others) assert.equal(auth.verify(other), false, what);
  });

  it('compares passwords whatever their lengths', () => {
    const auth = new AdminAuth('correct horse', 's');
    assert.ok(auth.passwordMatches('correct horse'));
    for (const p of ['', 'correct hors', 'correct horse ', 'Correct horse', 'x'.repeat(10_000)]) assert.equal(auth.passwordMatches(p), false);
  });
});

describe('LoginThrottle', () => {
  it('spends an attempt per try: 5, then one per 12 s; a success gives them all back; other addresses are not affected', () => {
    let now = 0;
    const t = new LoginThrottle(() => now);
    for (let i = 0; i < 5; i++) assert.equal(t.attempt('a'), 0, `attempt ${i + 1}`);
    assert.equal(t.attempt('a'), 12_000, 'the sixth waits, spending nothing');
    assert.equal(t.attempt('a'), 12_000);
    assert.equal(t.attempt('b'), 0);
    now += 6000;
    assert.equal(t.attempt('a'), 6000);
    now += 6000;
    assert.equal(t.attempt('a'), 0, 'one earned back');
    assert.ok(t.attempt('a') > 0);
    t.succeeded('a');
    for (let i = 0; i < 5; i++) assert.equal(t.attempt('a'), 0);
  });

  it('remembers at most 10,000 addresses', () => {
    const t = new LoginThrottle(() => 0);
    const address = (i: number) => `10.0.${i >> 8}.${i & 255}`;
    for (let i = 0; i < 20_000; i++) for (let k = 0; k < 5; k++) t.attempt(address(i));
    assert.equal(t.size(), 10_000);
    assert.equal(t.attempt(address(0)), 0, 'the oldest was forgotten');
    assert.equal(t.attempt(address(19_999)), 12_000, 'the newest is still refused');
  });
});
