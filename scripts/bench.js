#!/usr/bin/env node
'use strict';
// `npm run bench`: synth time and peak memory of the same realistic pod built N times three ways,
// each run in a fresh child process (scripts/bench/child.js):
//   ours  SharedVolumePod from build/lib (validation runs our rule set)
//   plus  kplus.Pod from cdk8s-plus-28
//   l1    raw KubePod from cdk8s-plus-28's generated k8s 1.28 module (what imports/k8s.ts re-exports): the floor
// then the workload point (scripts/bench/workloads.js): as many Deployments with a Service each, ours
// (a pod construct as template of our Deployment, our Service) vs kplus.Deployment + exposeViaService
// vs KubeDeployment + KubeService; then a cold `cdk8s synth` of the example app as a user runs it, then the lint point
// (scripts/bench/lint.js): 10 and 50 MB multi-document files linted vs a bare `yaml` parse.
//
// Options: --runs N (default 3, median taken), --sizes 1000,10000 (pods per chart).
// Last three lines of stdout: a JSON object with the pod numbers of the largest size, one of the same
// shape with "kind": "Deployment+Service" for the workload point, and one with the lint numbers of
// the largest file: {"lint_mb", "lint_ms", "parse_ms", "lint_peak_mb"}.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const CHILD = path.join(__dirname, 'bench', 'child.js');
const VARIANTS = ['ours', 'plus', 'l1'];
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

const TARGETS = {
  workloadOursOverL1: 1.25,
  workloadOursOverPlus: 0.75,
  workloadRssOursOverL1: 1.3,
  oursOverL1: 1.25,
  oursOverPlus: 0.5,
  rssOursOverL1: 1.3,
  linearity: 1.5,
  coldSynthMs: 1500,
  lintOverParse: 1.5,
  lintPeakMb: 1024,
  lintLinearity: 1.5,
};

// The lint point: a multi-document file of realistic manifests at these sizes (MB), linted by
// lintPaths and parsed by a bare `yaml` parseAllDocuments + toJS, each in a fresh process.
const LINT_SIZES_MB = [10, 50];
const LINT = path.join(__dirname, 'bench', 'lint.js');
const WORKLOADS = path.join(__dirname, 'bench', 'workloads.js');

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      sizes: { type: 'string', default: '1000,10000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('usage: npm run bench -- [--runs N] [--sizes 1000,10000]');
    process.exit(0);
  }
  const runs = Number(values.runs);
  const sizes = values.sizes.split(',').map(s => Number(s.trim()));
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, got '${values.runs}'`);
  if (sizes.length === 0 || sizes.some(n => !Number.isInteger(n) || n < 1)) fail(`--sizes must be positive integers, got '${values.sizes}'`);
  return { runs, sizes: [...new Set(sizes)].sort((a, b) => a - b) };
}

// ---------------------------------------------------------------------------------------------
// build/lib must be the compiled current lib/

function newestMtime(dir, test) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, test));
    else if (test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const index = path.join(ROOT, 'build', 'lib', 'index.js');
  // tsconfig.build.json compiles lib/**/*.ts and copies lib/**/*.json (the rules' schema).
  const source = newestMtime(path.join(ROOT, 'lib'), n => n.endsWith('.ts') || n.endsWith('.json'));
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built >= source) return 'build/lib is up to date';
  console.error(built === 0 ? 'bench: build/lib missing, running npm run build' : 'bench: lib/ is newer than build/lib, running npm run build');
  const npm = process.env.npm_execpath;
  const r = npm && npm.endsWith('.js')
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.error || r.status !== 0) fail(`npm run build failed (${r.error ? r.error.message : `exit ${r.status}`})`);
  return 'rebuilt build/lib with npm run build';
}

/** Newest mtime under build/lib, to notice a rebuild in the middle of the runs. */
function builtStamp() {
  const dir = path.join(ROOT, 'build', 'lib');
  return fs.existsSync(dir) ? newestMtime(dir, () => true) : 0;
}

// ---------------------------------------------------------------------------------------------
// measurements

function runChild(variant, pods) {
  const r = spawnSync(process.execPath, [CHILD, variant, String(pods)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    fail(`child ${variant} ${pods} failed (${r.error ? r.error.message : `exit ${r.status}${r.signal ? ` ${r.signal}` : ''}`}):\n${r.stderr}`);
  }
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return fail(`child ${variant} ${pods} printed no JSON line:\n${r.stdout}\n${r.stderr}`);
  }
}

function runWorkloadChild(variant, n) {
  const r = spawnSync(process.execPath, [WORKLOADS, variant, String(n)], { cwd: ROOT, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  if (r.error || r.status !== 0) fail(`workload child ${variant} ${n} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Deployments with a Service each, three ways, median of `runs` fresh processes each (variants interleaved). */
function workloadPoint(runs, n) {
  const results = Object.fromEntries(VARIANTS.map(v => [v, []]));
  for (let r = 0; r < runs; r++) {
    for (const v of VARIANTS) {
      const res = runWorkloadChild(v, n);
      results[v].push(res);
      process.stderr.write(`  ${String(n).padStart(6)} Deployment+Service  run ${r + 1}/${runs}  ${v.padEnd(4)}  ${f0(res.synth_ms)} ms  ${f0(res.peak_rss_kb / 1024)} MB\n`);
    }
  }
  return Object.fromEntries(VARIANTS.map(v => [v, {
    ms: median(results[v].map(x => x.synth_ms)),
    rssMb: median(results[v].map(x => x.peak_rss_kb)) / 1024,
  }]));
}

function runLintChild(mode, file) {
  const r = spawnSync(process.execPath, [LINT, mode, file], { cwd: ROOT, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  if (r.error || r.status !== 0) fail(`lint child ${mode} ${file} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Lint and bare-parse times of generated files, median of `runs` fresh processes each. */
function lintPoint(runs) {
  const dir = path.join(ROOT, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const out = {};
  for (const mb of LINT_SIZES_MB) {
    const file = path.join(dir, `lint-${mb}mb.yaml`);
    const g = spawnSync(process.execPath, [LINT, 'generate', String(mb), file], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (g.status !== 0) fail(`generating ${file} failed`);
    const lint = [];
    const parse = [];
    for (let r = 0; r < runs; r++) {
      lint.push(runLintChild('lint', file));
      parse.push(runLintChild('parse', file));
      process.stderr.write(`  ${String(mb).padStart(3)} MB  run ${r + 1}/${runs}  lint ${f0(lint[r].ms)} ms ${f0(lint[r].peak_rss_kb / 1024)} MB  parse ${f0(parse[r].ms)} ms ${f0(parse[r].peak_rss_kb / 1024)} MB\n`);
    }
    out[mb] = {
      lintMs: median(lint.map(x => x.ms)),
      parseMs: median(parse.map(x => x.ms)),
      lintPeakMb: median(lint.map(x => x.peak_rss_kb)) / 1024,
      parsePeakMb: median(parse.map(x => x.peak_rss_kb)) / 1024,
      documents: parse[0].documents,
      errors: lint[0].errors,
    };
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Snapshot of dist/ (names, sizes, mtimes) to prove the cold synth did not touch it. */
function distSnapshot() {
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(dist)) return '(none)';
  return fs.readdirSync(dist).sort().map(f => {
    const st = fs.statSync(path.join(dist, f));
    return `${f}:${st.size}:${st.mtimeMs}`;
  }).join('|');
}

function coldSynth(runs) {
  const cli = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'cdk8s.cmd' : 'cdk8s');
  if (!fs.existsSync(cli)) fail(`${cli} not found: run npm ci first`);
  const before = distSnapshot();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pods-bench-'));
    try {
      // The CLI passes its own --output (default dist/, which it deletes first) to the app as
      // CDK8S_OUTDIR, overriding the environment, so --output is what keeps dist/ untouched.
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cli, ['synth', '--output', out], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: CHILD_TIMEOUT_MS,
        env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', CDK8S_OUTDIR: out },
      });
      const t1 = process.hrtime.bigint();
      if (r.error || r.status !== 0) fail(`cdk8s synth failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
      const manifests = fs.readdirSync(out).filter(f => f.endsWith('.yaml'));
      if (manifests.length === 0) fail(`cdk8s synth wrote no manifest to ${out}:\n${r.stdout}\n${r.stderr}`);
      times.push(Number(t1 - t0) / 1e6);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  if (distSnapshot() !== before) fail('cdk8s synth changed dist/ although --output pointed elsewhere');
  return times;
}

// ---------------------------------------------------------------------------------------------
// report

const f0 = x => (x === undefined || Number.isNaN(x) ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const f1 = x => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(1));
const f2 = x => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(2));

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => String(r[c]).length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
    return i === 0 ? `${line}\n${widths.map(w => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

function main() {
  const { runs, sizes } = parseOptions();
  const wall0 = process.hrtime.bigint();

  const load = os.loadavg().map(x => x.toFixed(2)).join(' ');
  console.log(`cdk8s-pods bench: node ${process.version}, ${os.cpus().length} CPUs (load average ${load}), ${runs} run(s) per point, sizes ${sizes.join(', ')}`);
  console.log(ensureBuild());
  const buildStamp = builtStamp();

  const { checkEquivalence } = require('./bench/equivalence');
  const eq = checkEquivalence(3);
  console.log(eq.lines.join('\n'));
  if (!eq.ok) {
    console.error(`EQUIVALENCE FAILED: the three variants do not emit the same pods:\n  ${eq.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('equivalence: OK\n');

  // results[size][variant] = array of child results. Variants interleave within a run so that
  // drift of the machine spreads over all three.
  const results = {};
  for (const n of sizes) {
    results[n] = Object.fromEntries(VARIANTS.map(v => [v, []]));
    for (let r = 0; r < runs; r++) {
      for (const v of VARIANTS) {
        const res = runChild(v, n);
        results[n][v].push(res);
        process.stderr.write(`  ${String(n).padStart(6)} pods  run ${r + 1}/${runs}  ${v.padEnd(4)}  ${f0(res.synth_ms)} ms  ${f0(res.peak_rss_kb / 1024)} MB\n`);
      }
    }
  }
  const workloadN = sizes[sizes.length - 1];
  const workload = workloadPoint(runs, workloadN);
  const cold = coldSynth(runs);

  const stats = {};
  for (const n of sizes) {
    stats[n] = {};
    for (const v of VARIANTS) {
      const rs = results[n][v];
      const ms = rs.map(x => x.synth_ms);
      stats[n][v] = {
        ms: median(ms),
        min: Math.min(...ms),
        max: Math.max(...ms),
        construct: median(rs.map(x => x.construct_ms)),
        yaml: median(rs.map(x => x.yaml_ms)),
        load: median(rs.map(x => x.load_ms)),
        rssMb: median(rs.map(x => x.peak_rss_kb)) / 1024,
        perPodUs: (median(ms) / n) * 1000,
      };
    }
  }

  const rows = [['pods', 'variant', 'synth ms (median)', 'min-max', 'construct ms', 'synthYaml ms', 'us/pod', 'peak RSS MB', 'module load ms']];
  for (const n of sizes) {
    for (const v of VARIANTS) {
      const s = stats[n][v];
      rows.push([n.toLocaleString('en-US'), v, f0(s.ms), `${f0(s.min)}-${f0(s.max)}`, f0(s.construct), f0(s.yaml), f1(s.perPodUs), f1(s.rssMb), f0(s.load)]);
    }
  }
  console.log(table(rows));

  console.log('');
  const ratioRows = [['pods', 'ours/l1 time', 'ours/plus time', 'ours/l1 RSS', 'plus/l1 time']];
  for (const n of sizes) {
    const s = stats[n];
    ratioRows.push([n.toLocaleString('en-US'), f2(s.ours.ms / s.l1.ms), f2(s.ours.ms / s.plus.ms), f2(s.ours.rssMb / s.l1.rssMb), f2(s.plus.ms / s.l1.ms)]);
  }
  console.log(table(ratioRows));

  const big = sizes[sizes.length - 1];
  const small = sizes[0];
  const linearity = sizes.length > 1 ? stats[big].ours.perPodUs / stats[small].ours.perPodUs : NaN;
  const coldMs = median(cold);
  console.log('');
  if (sizes.length > 1) {
    console.log(`linearity (ours): ${f1(stats[big].ours.perPodUs)} us/pod at ${big.toLocaleString('en-US')} / ${f1(stats[small].ours.perPodUs)} us/pod at ${small.toLocaleString('en-US')} = ${f2(linearity)}`);
  } else {
    console.log('linearity (ours): n/a (one size)');
  }
  console.log(`cold cdk8s synth of the example app: median ${f0(coldMs)} ms (runs: ${cold.map(f0).join(', ')} ms)`);

  const s = stats[big];
  const checks = [
    [`ours/l1 time at ${big} pods`, s.ours.ms / s.l1.ms, TARGETS.oursOverL1, f2],
    [`ours/plus time at ${big} pods`, s.ours.ms / s.plus.ms, TARGETS.oursOverPlus, f2],
    [`ours/l1 peak RSS at ${big} pods`, s.ours.rssMb / s.l1.rssMb, TARGETS.rssOursOverL1, f2],
    [`linearity (us/pod ${big} / ${small})`, linearity, TARGETS.linearity, f2],
    ['cold cdk8s synth ms', coldMs, TARGETS.coldSynthMs, f0],
  ];
  console.log('');
  console.log('targets:');
  for (const [name, value, limit, fmt] of checks) {
    const verdict = Number.isNaN(value) ? 'n/a ' : value <= limit ? 'MET ' : 'MISS';
    console.log(`  ${verdict}  ${name}: ${fmt(value)} (target <= ${fmt(limit)})`);
  }
  if (big !== 10000) console.log(`  (targets are defined at 10,000 pods; this run's largest size is ${big})`);
  if (builtStamp() !== buildStamp) {
    console.log('WARNING: build/lib was rebuilt while the bench ran (npm run build elsewhere?): the runs may mix two builds');
  }
  const loadEnd = os.loadavg()[0];
  if (loadEnd > os.cpus().length + 0.5) {
    console.log(`WARNING: load average ${loadEnd.toFixed(2)} at the end on ${os.cpus().length} CPUs: other processes competed with the runs`);
  }
  const w = workload;
  console.log('');
  console.log(table([
    ['Deployment+Service', 'ours ms', 'plus ms', 'l1 ms', 'ours/l1 time', 'ours/plus time', 'ours/l1 RSS'],
    [workloadN.toLocaleString('en-US'), f0(w.ours.ms), f0(w.plus.ms), f0(w.l1.ms), f2(w.ours.ms / w.l1.ms), f2(w.ours.ms / w.plus.ms), f2(w.ours.rssMb / w.l1.rssMb)],
  ]));
  console.log('workload targets:');
  for (const [name, value, limit, fmt] of [
    [`ours/l1 time at ${workloadN} Deployments+Services`, w.ours.ms / w.l1.ms, TARGETS.workloadOursOverL1, f2],
    [`ours/plus time at ${workloadN} Deployments+Services`, w.ours.ms / w.plus.ms, TARGETS.workloadOursOverPlus, f2],
    [`ours/l1 peak RSS at ${workloadN} Deployments+Services`, w.ours.rssMb / w.l1.rssMb, TARGETS.workloadRssOursOverL1, f2],
  ]) {
    console.log(`  ${value <= limit ? 'MET ' : 'MISS'}  ${name}: ${fmt(value)} (target <= ${fmt(limit)})`);
  }

  const lint = lintPoint(runs);
  const lintRows = [['MB', 'documents', 'lint ms', 'bare parse ms', 'lint/parse', 'lint peak RSS MB', 'parse peak RSS MB', 'lint errors']];
  for (const mb of LINT_SIZES_MB) {
    const l = lint[mb];
    lintRows.push([String(mb), l.documents.toLocaleString('en-US'), f0(l.lintMs), f0(l.parseMs), f2(l.lintMs / l.parseMs), f0(l.lintPeakMb), f0(l.parsePeakMb), String(l.errors)]);
  }
  console.log('');
  console.log(table(lintRows));
  const [lintSmall, lintBig] = [LINT_SIZES_MB[0], LINT_SIZES_MB[LINT_SIZES_MB.length - 1]];
  const lintLinearity = (lint[lintBig].lintMs / lintBig) / (lint[lintSmall].lintMs / lintSmall);
  console.log('lint targets:');
  for (const [name, value, limit, fmt] of [
    [`lint/parse time at ${lintBig} MB`, lint[lintBig].lintMs / lint[lintBig].parseMs, TARGETS.lintOverParse, f2],
    [`lint peak RSS MB at ${lintBig} MB`, lint[lintBig].lintPeakMb, TARGETS.lintPeakMb, f0],
    [`lint linearity (ms/MB ${lintBig} / ${lintSmall})`, lintLinearity, TARGETS.lintLinearity, f2],
  ]) {
    console.log(`  ${value <= limit ? 'MET ' : 'MISS'}  ${name}: ${fmt(value)} (target <= ${fmt(limit)})`);
  }
  console.log(`bench took ${f1(Number(process.hrtime.bigint() - wall0) / 1e9)} s`);

  console.log(JSON.stringify({
    pods: big,
    ours_ms: Math.round(s.ours.ms),
    plus_ms: Math.round(s.plus.ms),
    l1_ms: Math.round(s.l1.ms),
    ours_peak_mb: Math.round(s.ours.rssMb),
    l1_peak_mb: Math.round(s.l1.rssMb),
    cold_synth_ms: Math.round(coldMs),
  }));
  console.log(JSON.stringify({
    kind: 'Deployment+Service',
    pods: workloadN,
    ours_ms: Math.round(workload.ours.ms),
    plus_ms: Math.round(workload.plus.ms),
    l1_ms: Math.round(workload.l1.ms),
    ours_peak_mb: Math.round(workload.ours.rssMb),
    l1_peak_mb: Math.round(workload.l1.rssMb),
  }));
  console.log(JSON.stringify({
    lint_mb: lintBig,
    lint_ms: Math.round(lint[lintBig].lintMs),
    parse_ms: Math.round(lint[lintBig].parseMs),
    lint_peak_mb: Math.round(lint[lintBig].lintPeakMb),
  }));
}

main();
