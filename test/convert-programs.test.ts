// The programs `convert` writes, compared with committed golden files (test/convert/programs/), one test per
// input: the lint corpus (valid and invalid), the convert fixtures, dist/ and the oracle's mutation bases.
//
// Why golden files as well as the round trip of test/convert.test.ts: the round trip proves each program right
// (it type-checks, synthesizes and writes the input back) but costs about 3 s for one input, too slow to run for
// each mutant of the mutation run (stryker.config.mjs leaves that suite out). These tests convert only (about
// 5 ms an input), so the mutation run keeps them, and every change to generated code shows up as a diff of a
// readable .ts file, reviewed like code. The round trip runs the same inputs, so a golden file that these tests
// accept is a program the round trip has checked.
//
// After an intended change: `UPDATE_GOLDEN=1 npx jest test/convert-programs.test.ts`, then review the diff.
import * as fs from 'fs';
import * as path from 'path';
import { convertDetailed, ConvertError } from '../lib/convert';
import type { KubernetesVersion } from '../lib';
import { ConvertCase, repositoryCases, ROUND_TRIP_FIXTURES } from './convert/inputs';

const GOLDEN = path.join(__dirname, 'convert', 'programs');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** The golden file of an input, relative to test/convert/programs/. */
const DIRS: { [set: string]: string } = { 'lint corpus (valid)': 'corpus-valid', 'lint corpus (invalid)': 'corpus-invalid', 'fixtures': 'fixtures', 'dist/': 'dist', 'mutation bases': 'oracle', 'convert cases': 'cases' };
const goldenOf = (c: ConvertCase) => `${DIRS[c.set]}/${c.name.replace(/(\.k8s)?\.(yaml|json)$/, '.ts')}`;

// The round trip's inputs in the repository, and port-clash.yaml (its round trip is tested on its own).
const INPUTS = repositoryCases([...ROUND_TRIP_FIXTURES, 'port-clash.yaml']).map(c => ({ ...c, golden: goldenOf(c) }));
type Input = (typeof INPUTS)[number];

/** What convert writes for an input: the program, or the refusal (ConvertError) as a comment. */
function output(input: Input): string {
  const header = `// convert ${input.name}${input.kubernetesVersion ? ` --kubernetes-version ${input.kubernetesVersion}` : ''}\n`;
  try {
    const r = convertDetailed([{ file: input.name, text: input.text }], { kubernetesVersion: input.kubernetesVersion as KubernetesVersion | undefined });
    return `${header}// patches: ${r.patches}, lint errors: ${r.errors.length}\n${r.program}`;
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    return `${header}// refused: ConvertError\n${e.message.split('\n').map(l => `// ${l}`.trimEnd()).join('\n')}\n`;
  }
}

test('the inputs are all there', () => {
  expect(INPUTS.filter(i => i.golden.startsWith('corpus-valid/')).length).toBeGreaterThanOrEqual(38);
  expect(INPUTS.filter(i => i.golden.startsWith('corpus-invalid/')).length).toBeGreaterThanOrEqual(200);
  expect(INPUTS.filter(i => i.golden.startsWith('dist/')).map(i => i.golden)).toEqual(['dist/construct-examples.ts', 'dist/seed-pods.ts', 'dist/workload-examples.ts']);
});

test('no golden file is left over from an input that is gone', () => {
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(GOLDEN, path.join(dir, e.name)).split(path.sep).join('/')]);
  const expected = new Set(INPUTS.map(i => i.golden));
  const stale = walk(GOLDEN).filter(f => !expected.has(f));
  if (UPDATE) for (const f of stale) fs.rmSync(path.join(GOLDEN, f));
  else expect(stale).toEqual([]);
});

test.each(INPUTS.map(i => [i.golden, i] as const))('convert writes test/convert/programs/%s', (golden, input) => {
  const file = path.join(GOLDEN, golden);
  const actual = output(input);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(fs.existsSync(file) ? read(file) : `(no golden file ${golden}: run UPDATE_GOLDEN=1 npx jest test/convert-programs.test.ts)`).toBe(actual);
});
