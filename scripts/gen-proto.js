#!/usr/bin/env node
// Regenerates src/protocol/generated/ from proto/client.proto with pbjs/pbts.
// With --check it generates into a temporary folder and fails when the
// checked-in files differ, so a schema edit without regeneration is caught.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const outDir = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-proto-')) : path.join(root, 'src/protocol/generated');
fs.mkdirSync(outDir, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const js = path.join(outDir, 'client.js');
const dts = path.join(outDir, 'client.d.ts');

// Static code is the fastest protobufjs mode; --force-number keeps 64-bit
// offsets as plain numbers (offsets never reach 2^53); --keep-case keeps the
// snake_case names so one object shape serves both JSON and protobuf codecs.
execFileSync(bin('pbjs'), [
  '-t', 'static-module', '-w', 'commonjs', '--keep-case', '--force-number',
  '--no-verify', '--no-convert', '--no-delimited', '--no-beautify',
  '-o', js, path.join(root, 'proto/client.proto'),
], { stdio: 'inherit' });
execFileSync(bin('pbts'), ['-o', dts, js], { stdio: 'inherit' });

if (check) {
  let stale = false;
  for (const f of ['client.js', 'client.d.ts']) {
    const want = fs.readFileSync(path.join(outDir, f), 'utf8');
    const have = fs.readFileSync(path.join(root, 'src/protocol/generated', f), 'utf8');
    if (want !== have) { console.error(`src/protocol/generated/${f} is stale: run npm run gen:proto`); stale = true; }
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  process.exit(stale ? 1 : 0);
}
