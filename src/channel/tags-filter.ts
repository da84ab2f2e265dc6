/**
 * Publication filtering by tags: the subscribe request's `tf` (the protocol's
 * FilterNode), with Centrifugo's semantics (centrifugal/centrifuge,
 * internal/filter): a leaf compares one tag (`eq`, `neq`, `in`, `nin`, `ex`,
 * `nex`, `sw`, `ew`, `ct`, and the decimal comparisons `lt`, `lte`, `gt`,
 * `gte`), `and` / `or` / `not` combine nodes.
 *
 * A filter is checked and compiled once, at subscribe. Its `key` names it
 * canonically: subscribers whose filters are the same share one evaluation
 * per publication and one encoded frame (protocol/publication-batch.ts).
 * Everything a client controls is bounded (depth, nodes, values, string
 * lengths), so evaluating a filter costs at most a few hundred short string
 * comparisons, and no input reaches a regular expression.
 */
import { Errors } from '../errors';

export const TAGS_FILTER_LIMITS = {
  /** Levels of nesting, the root being 1. */
  depth: 8,
  /** Nodes in the whole tree, leaves included. */
  nodes: 64,
  /** Values of `in` / `nin` leaves, all of them together. */
  vals: 256,
  /** Characters of any key or value. */
  string: 256,
} as const;

/** A compiled filter; `key` is the same for every filter with the same meaning as sent. */
export interface TagsFilter {
  readonly key: string;
  matches(tags: Readonly<Record<string, string>> | undefined): boolean;
}

type Test = (tags: Readonly<Record<string, string>>) => boolean;

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/** Compiles a subscribe request's `tf`; anything malformed or over a limit is a bad request (107). */
export function compileTagsFilter(node: unknown): TagsFilter {
  const budget = { nodes: 0, vals: 0 };
  const { test, key } = compileNode(node, 1, budget);
  return { key, matches: (tags) => test(tags ?? NO_TAGS) };
}

function bad(): never {
  throw Errors.badRequest;
}

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string' || v.length > TAGS_FILTER_LIMITS.string) bad();
  return v;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) bad();
  return v;
}

function compileNode(raw: unknown, depth: number, budget: { nodes: number; vals: number }): { test: Test; key: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad();
  if (depth > TAGS_FILTER_LIMITS.depth || ++budget.nodes > TAGS_FILTER_LIMITS.nodes) bad();
  const n = raw as Record<string, unknown>;
  const op = str(n['op']);
  const children = list(n['nodes']);
  if (op === '') {
    if (children.length) bad();
    return compileLeaf(str(n['key']), str(n['cmp']), str(n['val']), list(n['vals']), budget);
  }
  if (n['key'] || n['cmp'] || n['val'] || list(n['vals']).length) bad();
  const compiled = children.map((c) => compileNode(c, depth + 1, budget));
  const tests = compiled.map((c) => c.test);
  const key = `${op}(${compiled.map((c) => c.key).join(',')})`;
  switch (op) {
    case 'and':
      if (!tests.length) bad();
      return { key, test: (t) => tests.every((f) => f(t)) };
    case 'or':
      if (!tests.length) bad();
      return { key, test: (t) => tests.some((f) => f(t)) };
    case 'not': {
      if (tests.length !== 1) bad();
      const only = tests[0]!;
      return { key, test: (t) => !only(t) };
    }
    default:
      return bad();
  }
}

function compileLeaf(key: string, cmp: string, val: string, rawVals: unknown[], budget: { nodes: number; vals: number }): { test: Test; key: string } {
  const vals = rawVals.map(str);
  budget.vals += vals.length;
  if (budget.vals > TAGS_FILTER_LIMITS.vals) bad();
  // Every leaf names its tag except the existence tests, as Centrifugo's validation has it.
  if (key === '' && cmp !== 'ex' && cmp !== 'nex') bad();
  const name = `${cmp}:${JSON.stringify(key)}:${JSON.stringify(val)}:${JSON.stringify(vals)}`;
  const has = (t: Readonly<Record<string, string>>) => Object.prototype.hasOwnProperty.call(t, key);
  switch (cmp) {
    case 'eq':
    case 'neq':
    case 'sw':
    case 'ew':
    case 'ct':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (val === '' || vals.length) bad();
      break;
    case 'in':
    case 'nin':
      if (!vals.length || val !== '') bad();
      break;
    case 'ex':
    case 'nex':
      if (val !== '' || vals.length) bad();
      break;
    default:
      bad();
  }
  let test: Test;
  switch (cmp) {
    case 'eq':
      test = (t) => has(t) && t[key] === val;
      break;
    case 'neq':
      test = (t) => !has(t) || t[key] !== val;
      break;
    case 'in': {
      // An absent tag compares as the empty string, as in Centrifugo.
      const set = new Set(vals);
      test = (t) => set.has(has(t) ? t[key]! : '');
      break;
    }
    case 'nin': {
      const set = new Set(vals);
      test = (t) => !set.has(has(t) ? t[key]! : '');
      break;
    }
    case 'ex':
      test = has;
      break;
    case 'nex':
      test = (t) => !has(t);
      break;
    case 'sw':
      test = (t) => has(t) && t[key]!.startsWith(val);
      break;
    case 'ew':
      test = (t) => has(t) && t[key]!.endsWith(val);
      break;
    case 'ct':
      test = (t) => has(t) && t[key]!.includes(val);
      break;
    default: {
      // lt, lte, gt, gte: decimal comparison; a value that is no decimal number matches nothing.
      const bound = parseDecimal(val);
      const want = cmp;
      test = (t) => {
        if (!has(t) || !bound) return false;
        const v = parseDecimal(t[key]!);
        if (!v) return false;
        const c = compareDecimal(v, bound);
        return want === 'lt' ? c < 0 : want === 'lte' ? c <= 0 : want === 'gt' ? c > 0 : c >= 0;
      };
    }
  }
  return { test, key: name };
}

/** A decimal number as sign, integer digits without leading zeros and fraction digits without trailing ones. */
interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

/**
 * Parses `[+-]digits[.digits]` exactly (no float rounding: "0.1" + "0.2" style
 * surprises and 17-digit ids compare as written). Linear, no regular
 * expression. Tag values are bounded by the publisher's request size.
 */
export function parseDecimal(s: string): Decimal | null {
  let i = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    i = 1;
  }
  const intStart = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  let int = s.slice(intStart, i);
  let frac = '';
  if (i < s.length && s[i] === '.') {
    const fracStart = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    frac = s.slice(fracStart, i);
    if (frac === '') return null;
  }
  if (i !== s.length || int === '') return null;
  let z = 0;
  while (z < int.length - 1 && int[z] === '0') z++;
  int = int.slice(z);
  let end = frac.length;
  while (end > 0 && frac[end - 1] === '0') end--;
  frac = frac.slice(0, end);
  if (int === '0' && frac === '') negative = false;
  return { negative, int, frac };
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.int.length !== b.int.length) return sign * (a.int.length < b.int.length ? -1 : 1);
  if (a.int !== b.int) return sign * (a.int < b.int ? -1 : 1);
  if (a.frac === b.frac) return 0;
  return sign * (a.frac < b.frac ? -1 : 1);
}
