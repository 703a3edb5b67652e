#!/usr/bin/env node
'use strict';
// Writes test/oracle/property/cases.yaml: the objects of the construct property cases that
// synthesize (test/property/arbitraries.ts, sampled with a fixed seed and number of runs; see
// test/property/cases.ts), each document preceded by `# case <n>`, so that the oracle
// (node scripts/oracle.js) records a verdict for every one of them. Cases whose synth fails with
// validation errors write nothing, nor do the KNOWN ones (test/property/known.ts: objects the oracle
// rejects for a reason that is not a bug here). The output is byte-identical on every run.
//
//   node scripts/gen-property-cases.js           write the file
//   node scripts/gen-property-cases.js --check   exit 1 if the committed file is not what it would write
//
// After a change to the constructs, the rules or the arbitraries:
//   node scripts/gen-property-cases.js && node scripts/oracle.js
const fs = require('node:fs');
const path = require('node:path');

require('sucrase/register/ts');

const { CASES_FILE, NUM_RUNS, REGENERATE, SEED, casesFile, exclusionsOf, sampleCases, synthCase } = require('../test/property/cases.ts');

const ROOT = path.resolve(__dirname, '..');

function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter(a => a !== '--check');
  if (unknown.length) {
    console.error(`gen-property-cases: unknown argument(s): ${unknown.join(' ')} (usage: node scripts/gen-property-cases.js [--check])`);
    process.exit(2);
  }
  const check = args.includes('--check');
  const started = Date.now();
  const outcomes = sampleCases().map((c, i) => {
    try {
      return synthCase(c);
    } catch (e) {
      // Not a validation error: a crash, which the property test reports with the case.
      console.error(`gen-property-cases: case ${i} crashed at synth (the property test fails on it):\n${e && e.stack || e}`);
      return { synth: false, errors: [] };
    }
  });
  const text = casesFile(outcomes);
  const ok = outcomes.filter(o => o.synth);
  const known = ok.filter(o => exclusionsOf(o).length > 0).length;
  const objects = ok.reduce((n, o) => n + (exclusionsOf(o).length > 0 ? 0 : o.objects.length), 0);
  const summary = `seed ${SEED}, ${NUM_RUNS} cases: ${ok.length} synthesize (${objects} objects written, ${known} KNOWN cases not written), ${NUM_RUNS - ok.length} fail synth (${Date.now() - started} ms)`;
  const file = path.join(ROOT, CASES_FILE);
  if (check) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (committed === text) {
      console.log(`${summary}; ${CASES_FILE} is up to date`);
      return;
    }
    console.log(`${summary}; ${CASES_FILE} is STALE (${committed === null ? 'missing' : 'differs'}): run ${REGENERATE}`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`${summary}; wrote ${CASES_FILE}`);
}

main();
