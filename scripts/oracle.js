#!/usr/bin/env node
'use strict';
// The API-server oracle (oracle/README.md): for every object of the corpus, would kube-apiserver
// accept it on create, and with which field errors? Verdicts come from two small Go programs built
// on k8s.io/kubernetes itself, one per release in VERSIONS.
//
//   node scripts/oracle.js           build both programs, judge the corpus, write test/oracle/verdicts-<v>.json
//   node scripts/oracle.js --check   the same, but only compare with the committed files: exit 1 if they are stale
//
// Exit codes: 0 ok, 1 stale verdicts (--check) or a failure, 2 no Go toolchain on PATH.
// Also a module: corpusFiles(), readVerdicts(version), staleFiles(version) and yamlDocuments(text)
// let a test use the committed verdicts and tell cheaply whether they still match the corpus.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

// Where the corpus is: every file under `dir` (recursively if `recursive`) whose name ends with one of `ext`.
const CORPUS_ROOTS = [
  { dir: 'test/corpus', recursive: true, ext: ['.yaml', '.yml', '.json'] },
  { dir: 'dist', recursive: false, ext: ['.yaml'] },
  // Generated corpora: single-mistake mutations (scripts/gen-mutations.js) and the objects of the
  // construct property test (test/property.test.ts).
  { dir: 'test/oracle/mutations', recursive: false, ext: ['.yaml'] },
  { dir: 'test/oracle/property', recursive: false, ext: ['.yaml'] },
];

const VERSIONS = ['1.28', '1.34'];
const ORACLE_DIR = path.join(ROOT, 'oracle');
const BIN_DIR = path.join(ORACLE_DIR, '.oracle-bin');
const OUT_DIR = path.join(ROOT, 'test', 'oracle');
const verdictsPath = (version) => path.join(OUT_DIR, `verdicts-${version}.json`);

function fail(message, code = 1) {
  console.error(`oracle: ${message}`);
  process.exit(code);
}

/** Corpus files, relative to the repo root with forward slashes, sorted as the Go program sorts them. */
function corpusFiles() {
  const files = [];
  const walk = (rel, { recursive, ext }) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (recursive) walk(child, { recursive, ext });
      } else if (entry.isFile() && ext.some((e) => entry.name.endsWith(e))) {
        files.push(child);
      }
    }
  };
  for (const root of CORPUS_ROOTS) walk(root.dir.replace(/\/+$/, ''), root);
  return [...new Set(files)].sort(byteOrder);
}

function byteOrder(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * The documents of a YAML file as the oracle hashes them (its `sha256`): split as kubectl's
 * YAMLReader does, each line without its "\n" or "\r\n" and then given back a "\n", a line starting
 * with "---" (and only spaces or a comment after) ending a document, empty chunks dropped. A chunk
 * that holds only comments is returned too, though it yields no object; the oracle's `doc` counts
 * only documents that are not empty. For a file that starts with "{" (a JSON stream) this does not apply.
 */
function yamlDocuments(text) {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const docs = [];
  let buf = '';
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest === '' || rest.startsWith('#')) {
        if (buf) docs.push(buf);
        buf = '';
        continue;
      }
      break; // kubectl stops here: "invalid Yaml document separator"
    }
    buf += `${line}\n`;
  }
  if (buf) docs.push(buf);
  return docs;
}

function readVerdicts(version) {
  return JSON.parse(fs.readFileSync(verdictsPath(version), 'utf8'));
}

/** Corpus files whose recorded verdicts no longer apply: changed, added or removed since the last run. */
function staleFiles(version) {
  const recorded = fs.existsSync(verdictsPath(version)) ? readVerdicts(version).files : {};
  const current = corpusFiles();
  const stale = current.filter((f) => recorded[f] !== sha256(fs.readFileSync(path.join(ROOT, f))));
  for (const f of Object.keys(recorded)) if (!current.includes(f)) stale.push(f);
  return stale.sort(byteOrder);
}

function run(cmd, args, options) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (res.error) throw res.error;
  return res;
}

function requireGo() {
  const res = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (res.error && res.error.code === 'ENOENT') {
    fail('`go` is not on PATH. The oracle is built from k8s.io/kubernetes with the Go toolchain: '
      + 'install Go (1.24 or newer) and run this again.', 2);
  }
  if (res.error || res.status !== 0) fail(`\`go version\` failed: ${res.error || res.stderr}`, 2);
  return res.stdout.trim();
}

function build(version) {
  const started = Date.now();
  const res = run('go', ['build', '-o', path.join(BIN_DIR, `oracle-${version}`), '.'], {
    cwd: path.join(ORACLE_DIR, `v${version}`),
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (res.status !== 0) fail(`building the ${version} oracle failed:\n${res.stderr}`);
  return Date.now() - started;
}

function judge(version, files) {
  const started = Date.now();
  const res = run(path.join(BIN_DIR, `oracle-${version}`), ['-files-from', '-'], {
    cwd: ROOT,
    input: files.join('\n'),
  });
  if (res.status !== 0) fail(`the ${version} oracle failed (exit ${res.status}):\n${res.stderr}`);
  return { text: res.stdout, ms: Date.now() - started };
}

const key = (o) => `${o.file} doc ${o.doc}${o.item === null ? '' : ` item ${o.item}`}`;

/** Human-readable differences between two verdict files (recorded vs fresh), at most `limit` lines. */
function describeDiff(oldText, newText, limit = 40) {
  let before;
  try {
    before = JSON.parse(oldText);
  } catch {
    return ['the committed file is not valid JSON'];
  }
  const after = JSON.parse(newText);
  const lines = [];
  if (before.kubernetes !== after.kubernetes) lines.push(`kubernetes ${before.kubernetes} -> ${after.kubernetes}`);
  for (const f of Object.keys(after.files)) {
    if (!(f in before.files)) lines.push(`new file ${f}`);
    else if (before.files[f] !== after.files[f]) lines.push(`changed file ${f}`);
  }
  for (const f of Object.keys(before.files)) if (!(f in after.files)) lines.push(`removed file ${f}`);
  const old = new Map(before.objects.map((o) => [key(o), o]));
  const seen = new Set();
  for (const o of after.objects) {
    const k = key(o);
    seen.add(k);
    const p = old.get(k);
    if (!p) lines.push(`+ ${k}: ${o.verdict}`);
    else if (p.verdict !== o.verdict) lines.push(`~ ${k}: ${p.verdict} -> ${o.verdict}`);
    else if (JSON.stringify(p) !== JSON.stringify(o)) lines.push(`~ ${k}: ${o.verdict}, errors/warnings/metadata changed`);
  }
  for (const k of old.keys()) if (!seen.has(k)) lines.push(`- ${k}`);
  if (lines.length === 0) lines.push('same verdicts, different formatting');
  return lines.length > limit ? [...lines.slice(0, limit), `... and ${lines.length - limit} more`] : lines;
}

function summary(version, text) {
  const counts = {};
  for (const o of JSON.parse(text).objects) counts[o.verdict] = (counts[o.verdict] || 0) + 1;
  const order = ['accepted', 'rejected', 'unsupported', 'unparsable', 'error'];
  const parts = order.filter((v) => counts[v]).map((v) => `${counts[v]} ${v}`);
  return `${version}: ${parts.join(', ') || 'no objects'}`;
}

function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) fail(`unknown argument(s): ${unknown.join(' ')} (usage: node scripts/oracle.js [--check])`);
  const check = args.includes('--check');

  const goVersion = requireGo();
  const files = corpusFiles();
  console.log(`oracle: ${goVersion}; ${files.length} corpus files`);
  fs.mkdirSync(BIN_DIR, { recursive: true });

  let stale = 0;
  for (const version of VERSIONS) {
    const buildMs = build(version);
    const { text, ms } = judge(version, files);
    const out = verdictsPath(version);
    const rel = path.relative(ROOT, out);
    const timing = `(build ${(buildMs / 1000).toFixed(1)} s, run ${(ms / 1000).toFixed(1)} s)`;
    if (check) {
      const committed = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null;
      if (committed === text) {
        console.log(`${summary(version, text)}  ${timing}; ${rel} is up to date`);
      } else {
        stale++;
        console.log(`${summary(version, text)}  ${timing}; ${rel} is STALE:`);
        const diff = committed === null ? ['the file does not exist'] : describeDiff(committed, text);
        for (const line of diff) console.log(`  ${line}`);
      }
    } else {
      fs.mkdirSync(OUT_DIR, { recursive: true });
      fs.writeFileSync(out, text);
      console.log(`${summary(version, text)}  ${timing}; wrote ${rel}`);
    }
  }
  if (stale) fail('verdicts are stale: run `node scripts/oracle.js` and commit test/oracle/.');
}

module.exports = { CORPUS_ROOTS, VERSIONS, corpusFiles, readVerdicts, staleFiles, yamlDocuments, sha256 };

if (require.main === module) main();
