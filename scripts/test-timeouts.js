// Preloaded (--require) by scripts/run-tests.js into every test file's process: each test and hook that does not
// set a timeout of its own gets TEST_TIMEOUT_MS, so a test waiting for a message that never comes fails, named,
// and the file goes on with its next test.
//
// Why a preload: Node 20's --test-timeout bounds whole files only (nodejs/node#50431; later Node applies it to each
// test, nodejs/node#57672), and node:test has no other way to give every test a default. The test files call
// node:test's functions through the module object (`(0, node_test_1.it)(...)` in the compiled CommonJS), so
// replacing them here, before any test file loads, reaches every call.
'use strict';
const nodeTest = require('node:test');

const ms = Number(process.env.TEST_TIMEOUT_MS);
if (ms > 0) {
  const withTimeout = (options) => ({ timeout: ms, ...(options !== null && typeof options === 'object' ? options : {}) });

  // it/test take (name?, options?, fn?) in any of node:test's shapes: (fn), (options, fn), (name, fn), (name, options, fn).
  const testWithTimeout = (original) => (name, options, fn) => {
    if (typeof name === 'function') return original(undefined, withTimeout(options), name);
    if (name !== null && typeof name === 'object') return original(undefined, withTimeout(name), options);
    if (typeof options === 'function') return original(name, withTimeout(undefined), options);
    return original(name, withTimeout(options), fn);
  };
  for (const key of ['it', 'test']) {
    const original = nodeTest[key];
    const wrapped = testWithTimeout(original);
    // it.only gets the timeout too; it.skip and it.todo run nothing, so they stay as they are.
    Object.assign(wrapped, { only: testWithTimeout(original.only), skip: original.skip, todo: original.todo });
    nodeTest[key] = wrapped;
  }

  // Hooks take (fn, options).
  for (const key of ['before', 'after', 'beforeEach', 'afterEach']) {
    const original = nodeTest[key];
    nodeTest[key] = (fn, options) => original(fn, withTimeout(options));
  }
}
