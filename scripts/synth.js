#!/usr/bin/env node
'use strict';
// `npm run synth`: `cdk8s synth` of the example app into dist/, replacing dist/ only when the synth
// succeeds. cdk8s-cli empties its output folder before it runs the app, so a failed synth straight
// into dist/ leaves it empty; here the CLI writes into a fresh folder beside it, and dist/ is swapped
// for that folder at the end, or left as it was.
//
//   node scripts/synth.js [--dist DIR] [-- <cdk8s synth options>]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
let dist = path.join(ROOT, 'dist');
const at = args.indexOf('--dist');
if (at >= 0) {
  dist = path.resolve(args[at + 1]);
  args.splice(at, 2);
}
if (args[0] === '--') args.shift();

const cli = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'cdk8s.cmd' : 'cdk8s');
const out = fs.mkdtempSync(path.join(path.dirname(dist), '.synth-'));
const r = spawnSync(cli, ['synth', '--no-check-upgrade', '--output', out, ...args], { cwd: ROOT, stdio: 'inherit' });
if (r.error || r.status !== 0) {
  fs.rmSync(out, { recursive: true, force: true });
  console.error(`synth failed (${r.error ? r.error.message : `exit ${r.status}`}): ${path.relative(ROOT, dist) || dist} is left as it was`);
  process.exit(r.status || 1);
}
fs.rmSync(dist, { recursive: true, force: true });
fs.renameSync(out, dist);
