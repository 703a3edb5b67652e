// @ts-check
// Mutation testing of lib/ with StrykerJS: `npm run mutate` (scripts/mutate.js, which prints a JSON
// summary as its last line). Not part of `npm test` or CI: run it by hand, as a habit, after changing
// lib/ or its tests. Incremental: results are kept in test/mutation/stryker-incremental.json (committed),
// so a rerun only tests the mutants whose code or covering tests changed.
//
// Stryker 9.6 (not 10): Stryker 10 needs Node >= 22, this project runs on Node 20.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  // Every TypeScript file of lib/, new folders included (lib/convert/ and what comes next).
  // Not mutated:
  //   lib/index.ts       re-exports only: no code a mutant could change
  //   lib/rules/schemas  the generated JSON schemas are data, not code (and not .ts anyway)
  //   *.d.ts             declarations
  mutate: [
    'lib/**/*.ts',
    '!lib/index.ts',
    '!lib/**/*.d.ts',
  ],
  // Stryker's jest runner, through scripts/stryker-jest-by-file.mjs: a mutant run loads only the test files holding
  // a test its name pattern matches, instead of all 40-odd (every one imports lib/index.ts, so --findRelatedTests
  // keeps them all), and stops at the first file that kills it: about twice as many mutants a minute.
  plugins: ['@stryker-mutator/*', './scripts/stryker-jest-by-file.mjs'],
  testRunner: 'jest-by-file',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // The test set of the mutation run: jest.config.js minus the suites that cost much and add
    // little per mutant. Every test file imports lib/index.ts, so every file of the set is loaded
    // (its module-level code runs) for every mutant; the set must stay cheap to load.
    //   test/app-repo.test.ts          packs and installs the package in a scratch app (minutes)
    //   test/examples-pipeline.test.ts spawns `cdk8s synth` and the CLI: child processes run build/,
    //   test/synth-script.test.ts      not the sandbox's instrumented lib/, so they kill nothing
    //   test/readme-snippets.test.ts   spawns tsc over the README snippets and the declarations
    //                                  (11.5 s, types only: a mutant does not change a declaration)
    //   test/oracle.test.ts            19.5 s: each of its tests lints the whole 400,000-line oracle
    //                                  corpus twice (1.28 and 1.34); it covers every rule, so it
    //                                  would be rerun for almost every rule mutant (about 10 s each)
    //   test/property.test.ts          3 s just to load: it synthesizes its 600 cases at module load
    //                                  (the describe title counts them), a cost paid for every mutant
    //   test/corpus.test.ts            its CLI describe runs `npm run build` in the sandbox (tsc over
    //                                  the instrumented lib/, which fails there) and spawns the compiled
    //                                  CLI; test/mutation/lint-corpus.test.ts runs its in-process checks
    //                                  (every corpus file lints to exactly its # expect: findings)
    //   test/convert.test.ts           its round-trip tests type-check the generated programs and
    //                                  synthesize the 600 property cases (3.4 s for one test, more in
    //                                  beforeAll); they cover most of the constructs and rules, so a
    //                                  mutant of container.ts ran them each time (15 mutants a minute
    //                                  instead of 50). Its own target, lib/convert/, is tested in the
    //                                  mutation run by test/convert-programs.test.ts: the same inputs,
    //                                  converted only (about 5 ms each), against golden programs that
    //                                  the round trip has checked
    // Kept: every other suite (the construct and model suites, across, workload, rules-constructs,
    // schema, lint-adversarial, constructs-adversarial, docs, testing, examples, ...; a new suite is
    // in unless listed here) and test/mutation/ (the tests written to kill survivors, see
    // test/mutation/SURVIVORS.md).
    config: {
      // lib/ in the roots too: with --findRelatedTests, jest follows imports only through files
      // under its roots, and the jest-runner adds just the mutated file's folder. With roots
      // ['test'] a mutant of lib/rules/formats.ts found no test (test -> lib/index.ts -> lib/rules
      // leaves the roots), and survived with 0 tests run.
      roots: ['<rootDir>/test', '<rootDir>/lib'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '/test/app-repo',
        '/test/examples-pipeline\\.test\\.ts$',
        '/test/synth-script\\.test\\.ts$',
        '/test/readme-snippets\\.test\\.ts$',
        '/test/oracle\\.test\\.ts$',
        '/test/property\\.test\\.ts$',
        '/test/corpus\\.test\\.ts$',
        '/test/convert\\.test\\.ts$',
      ],
    },
    enableFindRelatedTests: true,
  },
  // Per-test coverage: a mutant runs only the tests that execute its code.
  coverageAnalysis: 'perTest',
  // Type-check every mutant first: a mutant that does not compile is a CompileError, not counted.
  // prioritizePerformanceOverAccuracy: mutants are checked in groups, and a group with an error is
  // split; fast on this project, and rarely wrong (a wrong guess only runs a mutant's tests).
  checkers: ['typescript'],
  // lib/ only (tsconfig.build.json): a mutant of lib/ changes no test's types that matter to jest (which strips
  // types), and the checker, one of the two processes of a run, spent about as much CPU as the test runner.
  // `tsc --noEmit` takes 5.3 s on tsconfig.build.json against 8.1 s on tsconfig.json (tests, examples, scripts).
  tsconfigFile: 'tsconfig.build.json',
  typescriptChecker: {
    prioritizePerformanceOverAccuracy: true,
  },
  // Static mutants (code run only while a module loads: rule tables, module-level constants) would
  // each need every test of the set, with a fresh module registry (about 40 s a mutant here, against
  // about 1 s for the others): ignored, they show as Ignored in the report and are left out of the
  // score. A mutant that is also covered by a test (hybrid) still runs, with the tests that cover it.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // Two cores shared with other work: one test-runner process.
  concurrency: 1,
  // Generous: the machine is shared, and a slow run that times out would count as a kill (Stryker scores a
  // Timeout as detected). A mutant that really loops costs 30 s more; there are few.
  timeoutMS: 30000,
  timeoutFactor: 2,
  // `// @ts-nocheck` only in lib/ (Stryker's default also marks test/, and so changed the golden programs of
  // test/convert/programs/ in the sandbox; jest transpiles with sucrase, which checks no types anyway).
  disableTypeChecks: 'lib/**/*.ts',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Not copied to the sandbox: large folders no test of the set reads.
  ignorePatterns: [
    '/oracle',
    // test/oracle (16 MB) but the mutation corpus and its 1.34 verdicts, the inputs of
    // test/mutation/oracle-findings.test.ts (bases.yaml is also one of test/convert-programs.test.ts)
    'test/oracle/*',
    '!test/oracle/mutations',
    '!test/oracle/verdicts-1.34.json',
    'test/app-repo',
    '.bench',
    'build',
    'coverage',
    'reports',
    '.synth-*',
    '.readme-check',
  ],
  thresholds: { high: 90, low: 85, break: null },
};

export default config;
