#!/usr/bin/env node
// Rewrites the configuration table in README.md from the schema (dist must be built).
// With --check it fails when the README's table differs from the schema.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { renderConfigReference, REFERENCE_START, REFERENCE_END } = require('../dist/src/config/reference.js');

const readme = path.resolve(__dirname, '../README.md');
const text = fs.readFileSync(readme, 'utf8');
const start = text.indexOf(REFERENCE_START);
const end = text.indexOf(REFERENCE_END);
if (start === -1 || end === -1) {
  console.error('README.md has no configuration reference markers');
  process.exit(1);
}
const next = `${text.slice(0, start + REFERENCE_START.length)}\n${renderConfigReference()}\n${text.slice(end)}`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('README.md configuration reference is stale: run npm run gen:docs');
    process.exit(1);
  }
} else {
  fs.writeFileSync(readme, next);
}
