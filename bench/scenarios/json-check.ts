/**
 * What keeping JSON frames valid costs: the JSON-text check (src/protocol/json-text.ts)
 * that runs once per publish (ingress, json namespaces) and once per bytes
 * field per JSON encode (once per publication, shared by every JSON
 * subscriber), against JSON.parse on the same bytes (the peer: what a check
 * with the platform's parser would cost) and against the whole encode of a
 * publication push it is part of.
 *
 * One row per payload: ns per check, MB/s, JSON.parse ns, the ratio
 * check/parse, and the encode of a push with and without the check.
 */
import { serialize } from '../../src/protocol/codec-json';
import { isJsonText } from '../../src/protocol/json-text';
import { int } from '../harness/cli';
import { fmtRatio, printTable } from '../harness/report';
import { type Outcome, outcome } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { nsPer } from '../harness/stats';

const PAYLOADS: [string, Buffer][] = [
  ['chat message (92 B)', Buffer.from(JSON.stringify({ text: 'hello world, this is a chat message', user: 42, ts: 1700000000000, tags: ['a', 'b'] }))],
  ['100 B', Buffer.from(JSON.stringify({ v: 'x'.repeat(90) }))],
  ['7.3 KB list', Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}`, v: i * 1.5 }))))],
  ['64 KB text', Buffer.from(JSON.stringify({ body: 'lorem ipsum dolor sit amet '.repeat(2400) }))],
];

const options = {
  ...common({ runs: 3, retries: 0, waitQuiet: 0 }),
  iterations: int(200_000, 'checks of a 100-byte payload per measurement (fewer for larger ones)', { quick: 5_000 }),
};
interface Result extends Outcome {
  check: number;
  parse: number;
  encode: number;
}

export const scenario: Scenario<typeof options, number, Result> = {
  name: 'json-check',
  title: 'the JSON-text check against JSON.parse of the same bytes, and its share of a push encode',
  about: 'Each payload is a variant (runs interleave); ns per call after a warm-up.',
  options,
  header: (o) => `${o.iterations} iterations (100 B)`,
  variants: () => PAYLOADS.map((_, i) => i),
  key: (i) => PAYLOADS[i]![0],
  async run(i, _run, o) {
    const data = PAYLOADS[i]![1];
    const iterations = Math.max(2_000, Math.floor((o.iterations * 100) / data.length));
    const push = { push: { channel: 'chat:room', pub: { data, offset: 5, info: { user: '42', client: 'c1' } } } };
    return {
      ...outcome(),
      check: nsPer(iterations, () => isJsonText(data)),
      parse: nsPer(iterations, () => JSON.parse(data.toString('utf8'))),
      encode: nsPer(iterations, () => serialize(push)),
    };
  },
  summary: (r) => `check ${r.check.toFixed(0)} ns, JSON.parse ${r.parse.toFixed(0)} ns, push encode ${r.encode.toFixed(0)} ns`,
  report(res, o) {
    printTable(
      `median of ${o.runs} run(s):`,
      [
        ['payload', (x) => x.label],
        ['check ns', (x) => x.r.check.toFixed(0)],
        ['check MB/s', (x) => ((PAYLOADS[x.variant]![1].length / x.r.check) * 1000).toFixed(0)],
        ['JSON.parse ns', (x) => x.r.parse.toFixed(0)],
        ['ratio check / parse', (x) => fmtRatio(x.r.check, x.r.parse)],
        ['push encode ns', (x) => x.r.encode.toFixed(0)],
        ['of which check', (x) => `${((x.r.check / x.r.encode) * 100).toFixed(0)} %`],
      ],
      res.medians,
    );
  },
};
