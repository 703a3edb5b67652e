// scripts/stryker-jest-by-file.mjs, the test runner of `npm run mutate`: which test files a mutant run loads,
// in which order, when it stops, and what it reports to Stryker. It wraps a jest runner; here the jest runner
// is a fake that records the files it is asked to run and fails the tests it is told to. The plugin is an ES
// module (as Stryker's API is), so each case runs in a child `node`.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PLUGIN = path.join(__dirname, '..', 'scripts', 'stryker-jest-by-file.mjs');

interface Outcome {
  /** the jest runs of each mutant run: the test files of each run (as given to jest, patterns) */
  readonly runs: string[][][];
  /** what each mutant run returned to Stryker */
  readonly results: unknown[];
}

/**
 * Runs `script` (the body of an async function with `byFile`, `pathPattern`, a fake `runner` whose `failing`
 * set names the test ids that fail, `makeRunner()` for another one, `mutant(runner, testFilter, disableBail)`
 * and `cwd`) in a child node, and returns what it resolved to.
 */
function drive(script: string): Outcome {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-by-file-'));
  const program = `
    import { byFile, pathPattern } from ${JSON.stringify(PLUGIN)};
    const cwd = ${JSON.stringify(cwd)};
    // Four test files; the dry run reports each test with its file. The name of the test of d contains the
    // name of the first test of b, in other letter case.
    const TESTS = [
      { id: 'a one', fileName: '/t/a.test.ts' }, { id: 'a two', fileName: '/t/a.test.ts' },
      { id: 'b one', fileName: '/t/b.test.ts' }, { id: 'c one', fileName: '/t/c.test.ts' },
      { id: 'd has B ONE in it', fileName: '/t/d.test.ts' },
    ];
    const escape = s => s.replace(/[.*+?^\${}()|[\]\\]/g, '\\$&');
    const unpattern = p => p.slice(1, -1).replace(/\\\\(.)/g, '$1');
    const runs = []; let current;
    const makeRunner = () => ({
      failing: new Set(),
      async dryRun() { return { status: 'complete', tests: TESTS.map(t => ({ ...t, status: 0, name: t.id, timeSpentMs: 1 })) }; },
      // like the jest runner: mutantRun calls run() with its own settings
      async mutantRun(options) {
        const { dryRunResult } = await this.run({ testNamePattern: options.testFilter?.map(id => '(' + escape(id) + ')').join('|') });
        const failed = dryRunResult.tests.filter(t => t.status === 1);
        return dryRunResult.status !== 'complete' ? { status: 'error' }
          : failed.length ? { status: 'killed', killedBy: failed.map(t => t.id), nrOfTests: dryRunResult.tests.length }
          : { status: 'survived', nrOfTests: dryRunResult.tests.length };
      },
      async run(settings) {
        const files = settings.testFiles?.map(unpattern);
        current.push(settings.testFiles ?? null);
        // as jest does: the name pattern is a case-insensitive regular expression over the full name
        const tests = TESTS.filter(t => (!files || files.includes(t.fileName)) && (!settings.testNamePattern || new RegExp(settings.testNamePattern, 'i').test(t.id)));
        return { dryRunResult: { status: 'complete', tests: tests.map(t => ({ ...t, status: this.failing.has(t.id) ? 1 : 0 })) } };
      },
    });
    const runner = makeRunner();
    const results = [];
    const mutant = async (runner, testFilter, disableBail = false) => {
      runs.push(current = []);
      results.push(await runner.mutantRun({ testFilter, disableBail, activeMutant: { id: String(runs.length) } }));
    };
    await (async () => { ${script} })();
    process.stdout.write(JSON.stringify({ runs: runs.map(r => r.map(files => files && files.map(unpattern))), results }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
  fs.rmSync(cwd, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`node exited with ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout) as Outcome;
}

test('a surviving mutant runs the tests its name pattern matches file by file: the file with the most first, then the rest, and reports them all', () => {
  const { runs, results } = drive(`
    const r = byFile(runner, cwd);
    await r.dryRun({});
    await mutant(r, ['b one', 'a one', 'a two', 'c one']);
  `);
  // d's test runs too, as with jest over all files: its name contains 'b one' (jest ignores case)
  expect(runs).toEqual([[['/t/a.test.ts'], ['/t/b.test.ts', '/t/c.test.ts', '/t/d.test.ts']]]);
  expect(results).toEqual([{ status: 'survived', nrOfTests: 5 }]);
});

test('a mutant killed by the first file stops there, and that file goes first for the next mutant', () => {
  const { runs, results } = drive(`
    const r = byFile(runner, cwd);
    await r.dryRun({});
    runner.failing.add('b one');
    await mutant(r, ['b one', 'a one', 'a two']);   // a first (two tests), then b (and d) kills
    await mutant(r, ['a one', 'a two', 'b one']);   // b first now (one kill), and kills at once
  `);
  expect(runs).toEqual([
    [['/t/a.test.ts'], ['/t/b.test.ts', '/t/d.test.ts']],
    [['/t/b.test.ts']],
  ]);
  expect(results).toEqual([
    { status: 'killed', killedBy: ['b one'], nrOfTests: 4 },
    { status: 'killed', killedBy: ['b one'], nrOfTests: 1 },
  ]);
});

test('with --disableBail, or with one file, a mutant runs in one jest run over the files of its tests', () => {
  const { runs } = drive(`
    const r = byFile(runner, cwd);
    await r.dryRun({});
    runner.failing.add('a one');
    await mutant(r, ['a one', 'c one'], true);
    await mutant(r, ['a one', 'a two']);
  `);
  expect(runs).toEqual([[['/t/a.test.ts', '/t/c.test.ts']], [['/t/a.test.ts']]]);
});

test('a mutant with a test the dry run did not see, or with no test filter, runs as the jest runner would (no test files given)', () => {
  const { runs } = drive(`
    const r = byFile(runner, cwd);
    await r.dryRun({});
    await mutant(r, ['a one', 'z unknown']);
    await mutant(r, undefined);
  `);
  expect(runs).toEqual([[null], [null]]);
});

test('another test-runner process (no dry run of its own) reads the test files from the file the dry run left', () => {
  const { runs } = drive(`
    await byFile(runner, cwd).dryRun({});
    const other = byFile(makeRunner(), cwd);
    await mutant(other, ['c one']);
  `);
  expect(runs).toEqual([[['/t/c.test.ts']]]);
});

test('pathPattern matches exactly its file, whatever the characters of the path', () => {
  const { results } = drive(`
    const p = pathPattern('/w/a+b (1)/x.test.ts');
    results.push(new RegExp(p).test('/w/a+b (1)/x.test.ts'), new RegExp(p).test('/w/a+b (1)/x.test.tsx'), new RegExp(p).test('/v/w/a+b (1)/x.test.ts'), new RegExp(p).test('/w/a+b (1)/xxtest.ts'));
  `);
  expect(results).toEqual([true, false, false, false]);
});
