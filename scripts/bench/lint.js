'use strict';
// The lint point of `npm run bench`: a large multi-document file of realistic manifests (the valid
// lint corpus, renamed per copy), linted by the compiled CLI's lintPaths, against a bare `yaml`
// parse of the same file (parseAllDocuments + toJS: what any tool must do to read it, the floor).
//
//   node scripts/bench/lint.js generate <MB> <file>   writes the file (deterministic)
//   node scripts/bench/lint.js lint <file>            one fresh-process measurement: JSON line
//   node scripts/bench/lint.js parse <file>           the same for the bare parse
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function generate(mb, file) {
  const dir = path.join(ROOT, 'test', 'corpus', 'valid');
  // Every valid corpus document, comments dropped, as templates; `many-aliases` is left out so the
  // file is plain manifests as kubectl or Helm write them.
  const docs = fs.readdirSync(dir).filter(f => f.endsWith('.yaml') && f !== 'many-aliases.yaml').sort()
    .flatMap(f => fs.readFileSync(path.join(dir, f), 'utf8').split(/^---[ \t]*$/m))
    .map(d => d.split('\n').filter(l => !l.startsWith('#')).join('\n').trim())
    .filter(d => d.includes('kind:'));
  const target = mb * 1024 * 1024;
  const fd = fs.openSync(file, 'w');
  let size = 0;
  for (let i = 0; size < target; i++) {
    const doc = docs[i % docs.length].replace(/^(  name: )(\S+)/m, (_m, p, n) => `${p}${n}-${i}`);
    const text = `---\n${doc}\n`;
    fs.writeSync(fd, text);
    size += Buffer.byteLength(text);
  }
  fs.closeSync(fd);
}

function measure(fn) {
  const t0 = process.hrtime.bigint();
  const extra = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, peak_rss_kb: process.resourceUsage().maxRSS, ...extra };
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'generate') {
  generate(Number(a), b);
} else if (mode === 'lint') {
  const { lintPaths } = require(path.join(ROOT, 'build', 'lib'));
  console.log(JSON.stringify(measure(() => {
    const r = lintPaths([a]);
    return { findings: r.findings.length, errors: r.findings.filter(f => f.severity === 'error').length };
  })));
} else if (mode === 'parse') {
  const { parseAllDocuments } = require('yaml');
  console.log(JSON.stringify(measure(() => {
    const docs = parseAllDocuments(fs.readFileSync(a, 'utf8'), { version: '1.1' });
    let n = 0;
    for (const d of docs) if (d.toJS() !== null) n++;
    return { documents: n };
  })));
} else {
  console.error('usage: node scripts/bench/lint.js generate <MB> <file> | lint <file> | parse <file>');
  process.exit(2);
}
