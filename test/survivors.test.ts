// test/mutation/SURVIVORS.md is written from the committed mutation results by scripts/survivors.js
// (`npm run survivors`); these tests hold it in step with them, and check how verdicts carry over.
import * as fs from 'fs';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require('../scripts/survivors') as { render: (results: unknown, previous: string) => string };

const ROOT = path.join(__dirname, '..');

test('SURVIVORS.md lists exactly the surviving mutants of the committed results', () => {
  const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'mutation', 'stryker-incremental.json'), 'utf8'));
  const text = fs.readFileSync(path.join(ROOT, 'test', 'mutation', 'SURVIVORS.md'), 'utf8');
  expect(render(results, text)).toBe(text);
});

const SOURCE = ['export function f(a: number) {', '  return a > 1 ? 1 : 2;', '}'].join('\n');
const mutant = (id: string, status: string, line: number, column: number, endColumn: number, replacement: string, mutatorName = 'EqualityOperator') =>
  ({ id, status, mutatorName, replacement, location: { start: { line, column }, end: { line, column: endColumn } } });
const results = (mutants: unknown[], source = SOURCE) => ({ files: { 'lib/f.ts': { language: 'typescript', source, mutants } } });
const PRELUDE = '# Surviving mutants\n\nhand-written\n';

test('a new survivor is open, with the code it replaces; a killed mutant has no row; the scores count both', () => {
  const text = render(results([mutant('1', 'Survived', 2, 10, 15, 'a >= 1'), mutant('2', 'Killed', 2, 10, 15, 'a < 1')]), PRELUDE);
  expect(text.startsWith(`${PRELUDE}\n## Scores by file\n\n<!-- scores:begin -->\nAll results: \`{"mutants":2,"killed":1,"survived":1,"no_coverage":0,"score":50}\` over 1 file of \`lib/\`.`)).toBe(true);
  expect(text).toContain('| lib/f.ts | 2 | 1 | 1 | 0 | 50 | 0 | 1 |');
  expect(text).toContain('## lib/f.ts (1: 0 equivalent, 1 open)\n\n| where | mutator | code | replacement | status | verdict |\n| --- | --- | --- | --- | --- | --- |\n'
    + '| lib/f.ts:2:10 | EqualityOperator | `a > 1` | `a >= 1` | Survived | open: not yet killed |\n');
  expect(text).not.toContain('`a < 1`');
});

test('a verdict written by hand follows its mutant to another line; an open row is recomputed', () => {
  const first = render(results([mutant('1', 'Survived', 2, 10, 15, 'a >= 1'), mutant('2', 'NoCoverage', 2, 18, 19, '0', 'NumberLiteral')]), PRELUDE);
  const judged = first.replace('| Survived | open: not yet killed |', '| Survived | equivalent: a is never 1 |');
  const moved = render(results([mutant('1', 'Survived', 3, 10, 15, 'a >= 1'), mutant('2', 'NoCoverage', 3, 18, 19, '0', 'NumberLiteral')], `\n${SOURCE}`), judged);
  expect(moved).toContain('| lib/f.ts:3:10 | EqualityOperator | `a > 1` | `a >= 1` | Survived | equivalent: a is never 1 |');
  expect(moved).toContain('| lib/f.ts:3:18 | NumberLiteral | `1` | `0` | NoCoverage | open: not yet killed |');
  expect(moved).toContain('## lib/f.ts (2: 1 equivalent, 1 open)');
  // the hand-written prelude is kept, the scores table replaced rather than added twice
  expect(moved.split('<!-- scores:begin -->').length).toBe(2);
  expect(moved.startsWith(PRELUDE)).toBe(true);
});

test('when the same code is mutated at several places, a verdict stays with its own place', () => {
  const source = ['let v = 0;', 'v++;', 'v++;', 'v++;'].join('\n');
  const at = (line: number) => mutant(String(line), 'Survived', line, 1, 4, 'v--', 'UpdateOperator');
  const first = render(results([at(2), at(3), at(4)], source), PRELUDE);
  const judged = first.replace('| lib/f.ts:3:1 | UpdateOperator | `v++` | `v--` | Survived | open: not yet killed |', '| lib/f.ts:3:1 | UpdateOperator | `v++` | `v--` | Survived | equivalent: only here |');
  const again = render(results([at(2), at(3), at(4)], source), judged);
  expect(again).toContain('| lib/f.ts:2:1 | UpdateOperator | `v++` | `v--` | Survived | open: not yet killed |');
  expect(again).toContain('| lib/f.ts:3:1 | UpdateOperator | `v++` | `v--` | Survived | equivalent: only here |');
  expect(again).toContain('| lib/f.ts:4:1 | UpdateOperator | `v++` | `v--` | Survived | open: not yet killed |');
});

test('a verdict is not kept for a mutant whose code changed at the same place: it is judged again', () => {
  const first = render(results([mutant('1', 'Survived', 2, 10, 15, 'a >= 1')]), PRELUDE);
  const judged = first.replace('| Survived | open: not yet killed |', '| Survived | equivalent: a is never 1 |');
  const changed = render(results([mutant('1', 'Survived', 2, 10, 15, 'a >= 1')], SOURCE.replace('a > 1', 'a < 1')), judged);
  expect(changed).toContain('| lib/f.ts:2:10 | EqualityOperator | `a < 1` | `a >= 1` | Survived | open: not yet killed |');
});
