/**
 * What keeping JSON frames valid costs: the JSON-text check (src/protocol/json-text.ts)
 * that runs once per publish (ingress, json namespaces) and once per bytes
 * field per JSON encode (once per publication, shared by every JSON
 * subscriber), against JSON.parse on the same bytes (the peer: what a check
 * with the platform's parser would cost) and against the whole encode of a
 * publication push it is part of.
 *
 *   node dist/bench/json-check.js [--iterations 200000] [--runs 3]
 *
 * Prints one row per payload: ns per check, MB/s, JSON.parse ns, the ratio
 * check/parse, and the encode of a push with and without the check.
 */
import { intOption, median, parseFlags } from './lib';
import { serialize } from '../src/protocol/codec-json';
import { isJsonText } from '../src/protocol/json-text';

const PAYLOADS: [string, Buffer][] = [
  ['chat message (92 B)', Buffer.from(JSON.stringify({ text: 'hello world, this is a chat message', user: 42, ts: 1700000000000, tags: ['a', 'b'] }))],
  ['100 B', Buffer.from(JSON.stringify({ v: 'x'.repeat(90) }))],
  ['7.3 KB list', Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}`, v: i * 1.5 }))))],
  ['64 KB text', Buffer.from(JSON.stringify({ body: 'lorem ipsum dolor sit amet '.repeat(2400) }))],
];

function nsPer(iterations: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(iterations, 20_000); i++) fn(); // warm up the JIT
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t0) / iterations;
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const runs = intOption(flags, 'runs', 'BENCH_RUNS', 3);
  const base = intOption(flags, 'iterations', 'BENCH_ITERATIONS', 200_000);
  console.log(`node ${process.version}, median of ${runs} runs`);
  console.log('| payload | check ns | check MB/s | JSON.parse ns | check / parse | push encode ns | of which check |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, data] of PAYLOADS) {
    const iterations = Math.max(2_000, Math.floor((base * 100) / data.length));
    const push = { push: { channel: 'chat:room', pub: { data, offset: 5, info: { user: '42', client: 'c1' } } } };
    const check: number[] = [];
    const parse: number[] = [];
    const encode: number[] = [];
    for (let r = 0; r < runs; r++) {
      check.push(nsPer(iterations, () => isJsonText(data)));
      parse.push(nsPer(iterations, () => JSON.parse(data.toString('utf8'))));
      encode.push(nsPer(iterations, () => serialize(push)));
    }
    const c = median(check);
    const p = median(parse);
    const e = median(encode);
    console.log(
      `| ${name} | ${c.toFixed(0)} | ${((data.length / c) * 1000).toFixed(0)} | ${p.toFixed(0)} | ${(c / p).toFixed(2)} | ${e.toFixed(0)} | ${((c / e) * 100).toFixed(0)} % |`,
    );
  }
}

main();
