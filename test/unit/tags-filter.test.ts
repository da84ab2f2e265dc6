/**
 * Tags filters (src/channel/tags-filter.ts): Centrifugo's comparison and
 * combination semantics, exact decimal comparisons, and the bad request (107)
 * for every malformed or oversized filter a client can send.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileTagsFilter, parseDecimal, compareDecimal, TAGS_FILTER_LIMITS } from '../../src/channel/tags-filter';
import { Errors } from '../../src/errors';

const leaf = (key: string, cmp: string, val?: string, vals?: string[]) => ({ key, cmp, val, vals });
const match = (f: unknown, tags: Record<string, string> | undefined) => compileTagsFilter(f).matches(tags);
const refused = (f: unknown) => assert.throws(() => compileTagsFilter(f), (e) => e === Errors.badRequest, JSON.stringify(f)?.slice(0, 200));

describe('tags filter: leaves', () => {
  it('eq / neq: an absent tag equals nothing and differs from everything', () => {
    assert.equal(match(leaf('kind', 'eq', 'keep'), { kind: 'keep' }), true);
    assert.equal(match(leaf('kind', 'eq', 'keep'), { kind: 'drop' }), false);
    assert.equal(match(leaf('kind', 'eq', 'keep'), {}), false);
    assert.equal(match(leaf('kind', 'eq', 'keep'), undefined), false);
    assert.equal(match(leaf('kind', 'neq', 'keep'), { kind: 'drop' }), true);
    assert.equal(match(leaf('kind', 'neq', 'keep'), {}), true);
    assert.equal(match(leaf('kind', 'neq', 'keep'), { kind: 'keep' }), false);
  });

  it('in / nin: membership in vals, an absent tag compared as the empty string (as Centrifugo)', () => {
    assert.equal(match(leaf('t', 'in', undefined, ['a', 'b']), { t: 'b' }), true);
    assert.equal(match(leaf('t', 'in', undefined, ['a', 'b']), { t: 'c' }), false);
    assert.equal(match(leaf('t', 'in', undefined, ['a', 'b']), {}), false);
    assert.equal(match(leaf('t', 'in', undefined, ['a', '']), {}), true);
    assert.equal(match(leaf('t', 'nin', undefined, ['a', 'b']), { t: 'c' }), true);
    assert.equal(match(leaf('t', 'nin', undefined, ['a', 'b']), { t: 'a' }), false);
    assert.equal(match(leaf('t', 'nin', undefined, ['a']), {}), true);
  });

  it('ex / nex: whether the tag is there, whatever its value', () => {
    assert.equal(match(leaf('t', 'ex'), { t: '' }), true);
    assert.equal(match(leaf('t', 'ex'), { u: 'x' }), false);
    assert.equal(match(leaf('t', 'nex'), { u: 'x' }), true);
    assert.equal(match(leaf('t', 'nex'), { t: 'x' }), false);
  });

  it('tags inherited from Object.prototype are not tags', () => {
    assert.equal(match(leaf('constructor', 'ex'), {}), false);
    assert.equal(match(leaf('toString', 'neq', 'x'), {}), true);
  });

  it('sw / ew / ct: prefix, suffix and substring of a present tag', () => {
    assert.equal(match(leaf('s', 'sw', 'ab'), { s: 'abc' }), true);
    assert.equal(match(leaf('s', 'sw', 'bc'), { s: 'abc' }), false);
    assert.equal(match(leaf('s', 'ew', 'bc'), { s: 'abc' }), true);
    assert.equal(match(leaf('s', 'ct', 'b'), { s: 'abc' }), true);
    assert.equal(match(leaf('s', 'ct', 'x'), { s: 'abc' }), false);
    assert.equal(match(leaf('s', 'ct', 'x'), {}), false);
  });

  it('lt / lte / gt / gte compare decimals exactly, and a non-number matches nothing', () => {
    assert.equal(match(leaf('p', 'gt', '9'), { p: '10' }), true, 'numeric, not lexicographic');
    assert.equal(match(leaf('p', 'lt', '10'), { p: '9.99' }), true);
    assert.equal(match(leaf('p', 'gte', '0.1'), { p: '0.10' }), true);
    assert.equal(match(leaf('p', 'lte', '0.1'), { p: '0.10' }), true);
    assert.equal(match(leaf('p', 'gt', '0.1'), { p: '0.10' }), false);
    assert.equal(match(leaf('p', 'lt', '0'), { p: '-0.5' }), true);
    assert.equal(match(leaf('p', 'gt', '-2'), { p: '-1' }), true);
    assert.equal(match(leaf('p', 'gt', '-1.5'), { p: '-1.25' }), true);
    assert.equal(match(leaf('p', 'gt', '12345678901234567890'), { p: '12345678901234567891' }), true, 'beyond a double');
    assert.equal(match(leaf('p', 'gte', '0'), { p: '-0' }), true);
    assert.equal(match(leaf('p', 'gt', '1'), { p: '1e5' }), false);
    assert.equal(match(leaf('p', 'gt', '1'), { p: 'abc' }), false);
    assert.equal(match(leaf('p', 'lt', '1'), { p: '' }), false);
    assert.equal(match(leaf('p', 'lt', 'x'), { p: '0' }), false, 'a bound that is no number');
    assert.equal(match(leaf('p', 'gt', '1'), {}), false);
  });

  it('parses decimals without a regular expression or float rounding', () => {
    assert.deepEqual(parseDecimal('007.500'), { negative: false, int: '7', frac: '5' });
    assert.equal(parseDecimal('.5'), null);
    assert.equal(parseDecimal('5.'), null);
    assert.equal(parseDecimal('+'), null);
    assert.equal(parseDecimal('1.2.3'), null);
    assert.equal(compareDecimal(parseDecimal('0.3')!, parseDecimal('0.30000000000000004')!), -1);
  });
});

describe('tags filter: and / or / not', () => {
  const keep = leaf('kind', 'eq', 'keep');
  const high = leaf('prio', 'gte', '5');
  it('combine their nodes', () => {
    assert.equal(match({ op: 'and', nodes: [keep, high] }, { kind: 'keep', prio: '7' }), true);
    assert.equal(match({ op: 'and', nodes: [keep, high] }, { kind: 'keep', prio: '3' }), false);
    assert.equal(match({ op: 'or', nodes: [keep, high] }, { kind: 'drop', prio: '7' }), true);
    assert.equal(match({ op: 'or', nodes: [keep, high] }, { kind: 'drop', prio: '1' }), false);
    assert.equal(match({ op: 'not', nodes: [keep] }, { kind: 'drop' }), true);
    assert.equal(match({ op: 'not', nodes: [{ op: 'or', nodes: [keep, high] }] }, { kind: 'keep' }), false);
  });

  it('name equal filters alike and different filters apart, so subscribers share evaluations only when they should', () => {
    const a = compileTagsFilter({ op: 'and', nodes: [keep, high] });
    const b = compileTagsFilter({ op: 'and', nodes: [{ ...keep }, { ...high, vals: [] }] });
    const c = compileTagsFilter({ op: 'or', nodes: [keep, high] });
    const d = compileTagsFilter(leaf('kind', 'eq', 'keep,'));
    const e = compileTagsFilter(leaf('kind,', 'eq', 'keep'));
    assert.equal(a.key, b.key);
    assert.notEqual(a.key, c.key);
    assert.notEqual(d.key, e.key, 'keys and values are quoted, not joined');
  });
});

describe('tags filter: refused with 107', () => {
  it('malformed nodes', () => {
    refused(null);
    refused('kind=keep');
    refused([]);
    refused({});
    refused(leaf('kind', 'like', 'x'));
    refused(leaf('', 'eq', 'x'));
    refused(leaf('kind', 'eq'));
    refused(leaf('kind', 'eq', 'x', ['y']));
    refused(leaf('kind', 'in'));
    refused(leaf('kind', 'in', 'x', ['y']));
    refused(leaf('kind', 'ex', 'x'));
    refused({ key: 'kind', cmp: 'eq', val: 5 });
    refused({ key: 'kind', cmp: 'in', vals: ['a', 1] });
    refused({ key: 'kind', cmp: 'in', vals: 'a' });
    refused({ op: 'and', nodes: [] });
    refused({ op: 'or' });
    refused({ op: 'not', nodes: [leaf('a', 'ex'), leaf('b', 'ex')] });
    refused({ op: 'xor', nodes: [leaf('a', 'ex')] });
    refused({ op: 'and', key: 'a', nodes: [leaf('a', 'ex')] });
    refused({ key: 'a', cmp: 'ex', nodes: [leaf('a', 'ex')] });
    refused({ op: 'and', nodes: [null] });
  });

  it('over the bounds: depth, nodes, values, string length', () => {
    let deep: unknown = leaf('a', 'ex');
    for (let i = 1; i < TAGS_FILTER_LIMITS.depth; i++) deep = { op: 'not', nodes: [deep] };
    assert.doesNotThrow(() => compileTagsFilter(deep));
    refused({ op: 'not', nodes: [deep] });
    const wide = (n: number) => ({ op: 'or', nodes: Array.from({ length: n }, (_, i) => leaf(`k${i}`, 'ex')) });
    assert.doesNotThrow(() => compileTagsFilter(wide(TAGS_FILTER_LIMITS.nodes - 1)));
    refused(wide(TAGS_FILTER_LIMITS.nodes));
    const vals = (n: number) => leaf('k', 'in', undefined, Array.from({ length: n }, (_, i) => String(i)));
    assert.doesNotThrow(() => compileTagsFilter(vals(TAGS_FILTER_LIMITS.vals)));
    refused(vals(TAGS_FILTER_LIMITS.vals + 1));
    refused(leaf('k', 'eq', 'x'.repeat(TAGS_FILTER_LIMITS.string + 1)));
    refused(leaf('k'.repeat(TAGS_FILTER_LIMITS.string + 1), 'ex'));
  });
});
