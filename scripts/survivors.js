#!/usr/bin/env node
// `npm run survivors`: writes the per-file tables of test/mutation/SURVIVORS.md from the committed mutation
// results (test/mutation/stryker-incremental.json), keeping the verdicts already written there.
//
// - Every Survived or NoCoverage mutant gets a row: where (file:line:column, both 1-based, as
//   Stryker reports it), mutator, the code it replaces, the replacement, status and verdict.
// - A verdict written by hand (`equivalent: <why>`, `bug: <what>`) is kept for the same mutant: same file,
//   mutator, replaced code and replacement, at the same place, or at another when the code moved. A mutant
//   whose code changed is judged again: it is `open: not yet killed`, like a new survivor; a mutant that is
//   killed now loses its row.
// - The table "Scores by file" (between its markers) counts every file of lib/ that the results cover, and
//   lists those they do not cover yet.
// - Everything above the first "## lib/" section is kept as written.
//
// `--check` exits 1 when the file is not what this script would write (for a test or a habit).
'use strict';
const fs = require('fs');
const path = require('path');
const { summarize } = require('./mutate');

const ROOT = path.join(__dirname, '..');
const INCREMENTAL = path.join(ROOT, 'test', 'mutation', 'stryker-incremental.json');
const SURVIVORS = path.join(ROOT, 'test', 'mutation', 'SURVIVORS.md');
const BEGIN = '<!-- scores:begin -->';
const END = '<!-- scores:end -->';

const cell = text => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
const cut = (text, n = 70) => (text.length > n ? `${text.slice(0, n - 3)}...` : text);
const code = text => `\`${cut(cell(text)).replace(/`/g, "'")}\``;

/** The text of `source` between two Stryker locations (lines and columns 1-based, as in the mutation-testing report schema). */
function slice(source, start, end) {
  const lines = source.split('\n');
  const offset = loc => lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.column - 1;
  return source.slice(offset(start), offset(end));
}

/** The verdicts of the rows already written, by file|mutator|code|replacement, each with its place. */
function readVerdicts(text) {
  const byCode = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('| lib/')) continue;
    const cells = line.slice(2, -2).split(/ (?<!\\)\| /);
    if (cells.length !== 6) continue;
    const [where, mutator, replaced, replacement, , verdict] = cells;
    if (verdict.startsWith('open')) continue;
    const key = [where.split(':')[0], mutator, replaced, replacement].join('|');
    byCode.set(key, [...(byCode.get(key) ?? []), { where, verdict }]);
  }
  return byCode;
}

function render(results, previous) {
  const byCode = readVerdicts(previous);
  // The same code can be mutated at several places: a verdict goes to the mutant at its own place first,
  // and follows code that moved only when no mutant is at that place any more.
  const rowsAt = new Set();
  for (const [file, data] of Object.entries(results.files)) {
    for (const m of data.mutants) rowsAt.add(`${file}:${m.location.start.line}:${m.location.start.column}`);
  }
  const takeCode = (key, where) => {
    const list = byCode.get(key);
    if (!list || list.length === 0) return undefined;
    const here = list.findIndex(v => v.where === where);
    const i = here >= 0 ? here : list.findIndex(v => !rowsAt.has(v.where));
    return i >= 0 ? list.splice(i, 1)[0].verdict : undefined;
  };
  const sections = [];
  const scores = [];
  for (const [file, data] of Object.entries(results.files).sort(([a], [b]) => a.localeCompare(b))) {
    const { summary } = summarize({ files: { [file]: data } });
    const rows = [];
    let equivalent = 0;
    let open = 0;
    let bugs = 0;
    const left = data.mutants
      .filter(m => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of left) {
      const where = `${file}:${m.location.start.line}:${m.location.start.column}`;
      const replaced = code(slice(data.source, m.location.start, m.location.end));
      const replacement = code(m.replacement ?? '');
      const verdict = takeCode([file, m.mutatorName, replaced, replacement].join('|'), where) ?? 'open: not yet killed';
      if (verdict.startsWith('equivalent')) equivalent++;
      else if (verdict.startsWith('bug')) bugs++;
      else open++;
      rows.push(`| ${where} | ${m.mutatorName} | ${replaced} | ${replacement} | ${m.status} | ${verdict} |`);
    }
    scores.push(`| ${file} | ${summary.mutants} | ${summary.killed} | ${summary.survived} | ${summary.no_coverage} | ${summary.score} | ${equivalent} | ${open + bugs} |`);
    if (rows.length === 0) continue;
    sections.push([
      `## ${file} (${rows.length}: ${equivalent} equivalent, ${open} open${bugs > 0 ? `, ${bugs} bug` : ''})`,
      '',
      '| where | mutator | code | replacement | status | verdict |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'));
  }
  const { summary } = summarize(results);
  const covered = new Set(Object.keys(results.files));
  const missing = libFiles().filter(f => !covered.has(f));
  const table = [
    BEGIN,
    `All results: \`${JSON.stringify(summary)}\` over ${covered.size} file${covered.size === 1 ? '' : 's'} of \`lib/\`.`,
    '',
    '| file | mutants | killed | survived | no coverage | score | equivalent | open |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...scores,
    '',
    missing.length === 0 ? 'Every file of `lib/` has results.' : `No results yet (${missing.length} files): ${missing.map(f => `\`${f}\``).join(', ')}.`,
    END,
  ].join('\n');
  let prelude = previous.includes('\n## lib/') ? previous.slice(0, previous.indexOf('\n## lib/') + 1) : `${previous.trimEnd()}\n\n`;
  if (prelude.includes(BEGIN)) prelude = prelude.slice(0, prelude.indexOf(BEGIN)) + table + prelude.slice(prelude.indexOf(END) + END.length);
  else prelude = `${prelude.trimEnd()}\n\n## Scores by file\n\n${table}\n\n`;
  return `${prelude}${sections.join('\n\n')}\n`;
}

/** The files of lib/ the mutation run mutates (stryker.config.mjs: every .ts file but lib/index.ts). */
function libFiles() {
  const walk = dir => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [`${dir}/${e.name}`] : []);
  return walk('lib').filter(f => f !== 'lib/index.ts').sort();
}

function main(argv) {
  const results = JSON.parse(fs.readFileSync(INCREMENTAL, 'utf8'));
  const previous = fs.readFileSync(SURVIVORS, 'utf8');
  const next = render(results, previous);
  if (argv.includes('--check')) {
    if (next !== previous) {
      console.error('survivors: test/mutation/SURVIVORS.md is not up to date with the mutation results; run `npm run survivors`');
      return 1;
    }
    return 0;
  }
  fs.writeFileSync(SURVIVORS, next);
  const { summary } = summarize(results);
  console.log(`survivors: wrote test/mutation/SURVIVORS.md (${JSON.stringify(summary)})`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { render, readVerdicts };
