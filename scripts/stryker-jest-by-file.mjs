// A Stryker test runner plugin, 'jest-by-file': Stryker's own jest runner (@stryker-mutator/jest-runner),
// except that a mutant run loads only the test files that hold the tests covering the mutant, and stops at
// the first file that kills it.
//
// Why: with coverageAnalysis 'perTest', the jest runner runs a mutant with `--findRelatedTests <mutated file>`
// and a test-name pattern of the covering tests. Every test file here imports lib/index.ts, so every file is
// "related": jest loads all 40-odd files of the mutation test set for every mutant (about 3.3 s on this
// machine) just to skip the tests whose names do not match. And it runs every covering test even when the
// first one fails: the jest runner cannot bail (jest has no programmatic bail), although Stryker asks for it
// (`disableBail` is false by default: one killing test is enough).
//
// So this runner remembers, from the dry run, the file of each test; a mutant run takes the files that hold a
// test the name pattern matches, runs first the one most likely to kill it (the file that killed the most
// mutants so far in this process, then the one with the most matching tests), and the others only if that one
// does not. The tests that run for a surviving mutant are the same as with the jest runner; only the files
// with no matching test are not loaded. A mutant whose tests are not all known runs as before; with
// `--disableBail`, all its files run in one jest run.
//
// Used by stryker.config.mjs (`testRunner: 'jest-by-file'`, options under `jest` as for the jest runner).
import fs from 'fs';
import path from 'path';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { DryRunStatus, TestStatus } from '@stryker-mutator/api/test-runner';
import { strykerPlugins as jestRunnerPlugins } from '@stryker-mutator/jest-runner';
import { escapeRegExp } from '@stryker-mutator/util';

const jestPlugin = jestRunnerPlugins.find(p => p.kind === PluginKind.TestRunner && p.name === 'jest');
if (jestPlugin === undefined) throw new Error('stryker-jest-by-file: @stryker-mutator/jest-runner declares no "jest" test runner');

/** Where the dry run leaves the map from test id to test files, for the other test-runner processes. */
const MAP_FILE = '.stryker-test-files.json';

/** A test file's path as a jest path pattern (a regular expression) that matches only that file. */
export function pathPattern(file) {
  return `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/**
 * Wraps a jest test runner (the object the jest plugin's factory returns): its dryRun records the file of
 * each test, its mutantRun runs the files of the covering tests, the likeliest killer first.
 */
export function byFile(runner, cwd = process.cwd()) {
  /** test id (jest's full name) -> the files that hold a test of that name */
  let filesOf;
  /** test file -> how many mutant runs it failed in this process */
  const kills = new Map();
  /** the mutant run in progress: its test files, likeliest killer first, and whether it may stop at a kill */
  let current;

  const run = runner.run.bind(runner);
  runner.run = async settings => {
    if (current === undefined) return run(settings);
    const { files, bail } = current;
    if (!bail || files.length === 1) return run({ ...settings, testFiles: files.map(pathPattern) });
    const first = await run({ ...settings, testFiles: [pathPattern(files[0])] });
    if (stops(first)) return first;
    const rest = await run({ ...settings, testFiles: files.slice(1).map(pathPattern) });
    if (rest.dryRunResult.status !== DryRunStatus.Complete) return rest;
    countKills(rest);
    return { ...rest, dryRunResult: { ...rest.dryRunResult, tests: [...first.dryRunResult.tests, ...rest.dryRunResult.tests] } };
  };

  /** Whether a first run decides the mutant: it failed to complete, or a test failed (then counted). */
  function stops(result) {
    if (result.dryRunResult.status !== DryRunStatus.Complete) return true;
    return countKills(result);
  }

  function countKills(result) {
    const failed = new Set(result.dryRunResult.tests.filter(t => t.status === TestStatus.Failed).map(t => t.fileName));
    for (const file of failed) kills.set(file, (kills.get(file) ?? 0) + 1);
    return failed.size > 0;
  }

  const dryRun = runner.dryRun.bind(runner);
  runner.dryRun = async options => {
    const result = await dryRun(options);
    if (result.status === DryRunStatus.Complete) {
      filesOf = {};
      for (const test of result.tests) {
        if (test.fileName === undefined) continue;
        const files = (filesOf[test.id] ??= []);
        if (!files.includes(test.fileName)) files.push(test.fileName);
      }
      fs.writeFileSync(path.join(cwd, MAP_FILE), JSON.stringify(filesOf));
    }
    return result;
  };

  const mutantRun = runner.mutantRun.bind(runner);
  runner.mutantRun = async options => {
    const files = filesFor(options.testFilter);
    current = files === undefined ? undefined : { files, bail: !options.disableBail };
    try {
      return await mutantRun(options);
    } finally {
      current = undefined;
    }
  };

  /** The test files of the tests `ids` (and of the tests their name pattern matches), likeliest killer first,
   *  or undefined when any of them is unknown. */
  function filesFor(ids) {
    if (ids === undefined || ids.length === 0) return undefined;
    if (filesOf === undefined) {
      try {
        filesOf = JSON.parse(fs.readFileSync(path.join(cwd, MAP_FILE), 'utf8'));
      } catch {
        return undefined;
      }
    }
    if (!ids.every(id => Object.prototype.hasOwnProperty.call(filesOf, id))) return undefined;
    // The tests jest would run: the jest runner passes the covering tests as a name pattern, which jest
    // matches (case-insensitively, unanchored) against every test's full name, so a test whose name contains
    // a covering test's name runs too. Take the files of all of them, so exactly those tests still run.
    const pattern = new RegExp(ids.map(id => `(${escapeRegExp(id)})`).join('|'), 'i');
    const tests = new Map();
    for (const [id, files] of Object.entries(filesOf)) {
      if (!pattern.test(id)) continue;
      for (const file of files) tests.set(file, (tests.get(file) ?? 0) + 1);
    }
    return [...tests.keys()].sort((a, b) => (kills.get(b) ?? 0) - (kills.get(a) ?? 0) || tests.get(b) - tests.get(a) || (a < b ? -1 : 1));
  }

  return runner;
}

function jestByFileFactory(injector) {
  return byFile(injector.injectFunction(jestPlugin.factory));
}
jestByFileFactory.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'jest-by-file', jestByFileFactory)];
