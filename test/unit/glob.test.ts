/**
 * Glob matching for the channels API and allowed origins: the same answers as
 * an anchored regular expression on random input, and no blow-up on the
 * patterns that froze a worker when they were regular expressions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globMatch } from '../../src/channel/glob';

function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
}

describe('globMatch', () => {
  it('matches * and ? like an anchored regular expression', () => {
    const cases: [string, string, boolean][] = [
      ['*', '', true],
      ['', '', true],
      ['', 'a', false],
      ['chat:*', 'chat:room1', true],
      ['chat:*', 'news', false],
      ['*:room?', 'chat:room1', true],
      ['*:room?', 'chat:room12', false],
      ['a*b*c', 'aXbYc', true],
      ['a*b*c', 'aXbYd', false],
      ['**', 'anything', true],
      ['https://*.example.com', 'https://app.example.com', true],
      ['https://*.example.com', 'https://example.com', false],
    ];
    for (const [p, t, want] of cases) assert.equal(globMatch(p, t), want, `${p} ~ ${t}`);
    let seed = 1;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const p = pick('ab*?.', Math.floor(r() * 7));
      const t = pick('ab.', Math.floor(r() * 9));
      assert.equal(globMatch(p, t), globRegExp(p).test(t), `${p} ~ ${t}`);
    }
  });

  it('answers the patterns that froze a worker at once', { timeout: 5000 }, () => {
    const channel = 'a'.repeat(255);
    for (const p of ['*****x', '******x', '*a*a*a*a*a*a*a*a*a*a*x', `${'*a'.repeat(127)}x`]) assert.equal(globMatch(p, channel), false);
    const origin = `https://${'a.'.repeat(8000)}com`;
    assert.equal(globMatch('https://*.*.*.*.example.org', origin), false);
  });
});
