#!/usr/bin/env node
// Runs the test suite: exactly the *.test.js files under the given directories or files (dist/test when none
// is given), with `node --test`, one file at a time in each of two lanes (see SECOND_LANE). Fails when there is no such file, when no test ran, or when either lane fails.
//
//   node scripts/run-tests.js [--test-timeout=MS] [--node-test-flag=value ...] [dir-or-file ...]
//
// --test-timeout bounds each test and hook (TEST_TIMEOUT_MS by default); other flags (always in --name=value form)
// are passed to `node --test`, e.g. --test-name-pattern=recovery.
//
// Why not `node --test dist/test/`: on Node 20 a directory argument makes every .js under it a test file, so
// helpers (test/helpers/*.js, fixtures) ran as files of no tests and were counted as passing ones, and an empty
// or unbuilt dist/test printed "tests 0" and exited 0. Node 20 has no globs for `node --test` (Node 21 added
// them), hence this list.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

// One file at a time within a lane: most e2e files start multi-worker servers, private redis-servers or Chromium
// and check pings, expiries and drains against the clock; on a 2-core CI machine running many files side by side
// overloads it and turns those checks flaky.
const CONCURRENCY = 1;
// …but two lanes: the files under a `topology` directory (test/topology: Redis Sentinel groups and Clusters
// started by the tests, which spend most of their time waiting for failure detection and promotions) run in a
// second process beside the rest. Sequentially the suite took ~14 of its 15 minutes; side by side the lanes
// take about as long as the longer one. The second lane's report is printed when both are done.
const SECOND_LANE = `${path.sep}topology${path.sep}`;

// Each test and each hook, unless it sets its own (scripts/test-timeouts.js). A lost message, reply or event then
// fails its test instead of hanging the run. Generous, since a test that waits for a condition never needs it to
// pass: on a 2-core machine under a load average of 10 the slowest tests took ~20 s, apart from the token-storm
// smoke run (46 s), which sets its own 150 s.
const TEST_TIMEOUT_MS = 120_000;
// Each file's process as a whole, the backstop for a hang outside any test or hook (on Node 20 this is what
// --test-timeout means); far above the longest file, which takes under a minute.
const FILE_TIMEOUT_MS = 15 * 60_000;

const flags = [];
const targets = [];
let testTimeout = TEST_TIMEOUT_MS;
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--test-timeout=')) testTimeout = Number(arg.slice('--test-timeout='.length));
  else (arg.startsWith('-') ? flags : targets).push(arg);
}
if (!(testTimeout > 0)) {
  console.error('run-tests: --test-timeout takes a number of milliseconds');
  process.exit(1);
}
if (targets.length === 0) targets.push(path.resolve(__dirname, '../dist/test'));

/** Every *.test.js under `target` (or `target` itself when it is a file), sorted. */
function testFiles(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return [];
  }
  if (stat.isFile()) return [path.resolve(target)];
  return fs
    .readdirSync(target, { recursive: true })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.resolve(target, f))
    .sort();
}

const files = [...new Set(targets.flatMap(testFiles))];
if (files.length === 0) {
  console.error(`run-tests: no *.test.js file under ${targets.join(', ')} (is the suite built? npm run build)`);
  process.exit(1);
}

if (flags.some((f) => f.startsWith('--test-reporter'))) {
  console.error('run-tests: the reporter is chosen here (spec on a terminal, TAP otherwise), since the counts are read from it');
  process.exit(1);
}
const baseArgs = [
  '--require',
  path.join(__dirname, 'test-timeouts.js'),
  '--test',
  '--test-force-exit',
  `--test-concurrency=${CONCURRENCY}`,
  `--test-timeout=${FILE_TIMEOUT_MS}`,
  `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
  ...flags,
];
// A runner started from inside a test (test/unit/test-runner.test.ts) must run as a top-level one, not report
// to its parent's runner over the channel NODE_TEST_CONTEXT names.
const env = { ...process.env, TEST_TIMEOUT_MS: String(testTimeout) };
delete env.NODE_TEST_CONTEXT;
const children = [];
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));

/** Runs one lane's files in a `node --test` process; resolves with its exit status and its report. `live`: also echo it now. */
function runLane(laneFiles, live) {
  return new Promise((resolve) => {
    // The report passes through here to be counted: a pipe, which Node writes synchronously, so --test-force-exit
    // loses none of it (a --test-reporter-destination file is cut short at the forced exit).
    const child = spawn(process.execPath, [...baseArgs, ...laneFiles], { stdio: ['inherit', 'pipe', 'inherit'], env });
    children.push(child);
    let report = '';
    child.stdout.on('data', (chunk) => {
      if (live) process.stdout.write(chunk);
      report += chunk;
    });
    let done = false;
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      resolve({ code: signal ? 1 : code ?? 1, report, files: laneFiles });
    };
    child.on('close', finish);
    // Should a process the run left behind hold the report's pipe open, count what arrived.
    child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 10_000).unref());
  });
}

/** What is wrong with a lane's report: files that ran no test, or no test at all. */
function problemsOf({ report, files: laneFiles }) {
  const lines = report.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const problems = [];
  // The summary: "# tests N" in TAP, "ℹ tests N" in spec.
  const tests = Number(lines.map((l) => /^(?:#|ℹ) tests (\d+)$/.exec(l)?.[1]).findLast((n) => n !== undefined) ?? 0);
  // Node 20 reports a file that registered no test as one passing test named after the file.
  const fileSet = new Set(laneFiles);
  const empty = lines.map((l) => /^(?:ok \d+ - |✔ )(.+?)(?: \([\d.]+ms\))?$/.exec(l)?.[1]).filter((name) => fileSet.has(name));
  if (empty.length) problems.push(`${empty.length} file(s) ran no test: ${empty.join(', ')}`);
  if (tests - empty.length <= 0) problems.push(`no test ran in ${laneFiles.length} file(s)`);
  return problems;
}

const second = files.filter((f) => f.includes(SECOND_LANE));
const first = files.filter((f) => !f.includes(SECOND_LANE));
const lanes = [first, second].filter((l) => l.length > 0);
Promise.all(lanes.map((l, i) => runLane(l, i === 0))).then((results) => {
  for (const r of results.slice(1)) process.stdout.write(`\n# second lane (${r.files.length} files under ${SECOND_LANE.slice(1, -1)}/):\n${r.report}`);
  const problems = results.flatMap(problemsOf);
  for (const p of problems) console.error(`run-tests: ${p}`);
  process.exit(results.some((r) => r.code !== 0) || problems.length ? 1 : 0);
});
