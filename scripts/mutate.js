#!/usr/bin/env node
// `npm run mutate`: mutation testing of lib/ with StrykerJS (stryker.config.mjs), incremental: the results
// are kept in test/mutation/stryker-incremental.json, so a rerun tests only what changed. Extra arguments go
// to `stryker run`, e.g. `npm run mutate -- --mutate lib/model/volume.ts` for a partial run (it merges into the
// incremental file), or `-- --force` to retest every mutant.
//
// The last line on stdout is a JSON summary computed from Stryker's JSON report (reports/mutation/mutation.json):
//   {"mutants": N, "killed": N, "survived": N, "no_coverage": N, "score": N}
// mutants = killed + survived + no_coverage, where killed counts timeouts as Stryker does; compile errors,
// runtime errors and ignored mutants are left out, as in Stryker's score. score is killed / mutants in
// percent, one decimal. The counts by Stryker status go to the line before it.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const REPORT = path.join(ROOT, 'reports', 'mutation', 'mutation.json');

/** The counts of a Stryker mutation-testing-report-schema JSON report. */
function summarize(report) {
  const byStatus = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) byStatus[mutant.status] = (byStatus[mutant.status] ?? 0) + 1;
  }
  const count = status => byStatus[status] ?? 0;
  const killed = count('Killed') + count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const mutants = killed + survived + noCoverage;
  const score = mutants === 0 ? 0 : Math.round((killed / mutants) * 1000) / 10;
  return { byStatus, summary: { mutants, killed, survived, no_coverage: noCoverage, score } };
}

function main() {
  fs.rmSync(REPORT, { force: true });
  const stryker = path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  if (run.error) throw run.error;
  if (!fs.existsSync(REPORT)) {
    console.error(`mutate: stryker exited with ${run.status ?? run.signal} and wrote no ${path.relative(ROOT, REPORT)}`);
    return run.status || 1;
  }
  const { byStatus, summary } = summarize(JSON.parse(fs.readFileSync(REPORT, 'utf8')));
  console.log(`mutate: mutants by status ${JSON.stringify(byStatus)}`);
  console.log(JSON.stringify(summary));
  return run.status ?? 1;
}

if (require.main === module) process.exitCode = main();

module.exports = { summarize };
