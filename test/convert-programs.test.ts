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
import { KubernetesVersion, lintText } from '../lib';

const ROOT = path.join(__dirname, '..');
const GOLDEN = path.join(__dirname, 'convert', 'programs');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const read = (file: string) => fs.readFileSync(file, 'utf8');

interface Input {
  /** The golden file, relative to test/convert/programs/. */
  readonly golden: string;
  readonly file: string;
  readonly text: string;
  readonly kubernetesVersion?: string;
}

const versionOf = (text: string) => /^# kubernetes-version: (\S+)$/m.exec(text)?.[1];
/** The release a dist/ file was written for: the first that lints it without errors (as in convert.test.ts). */
const distVersion = (text: string) => Object.values(KubernetesVersion).find(v => lintText(text, 'dist.yaml', { kubernetesVersion: v }).every(f => f.severity !== 'error'));

const yamlIn = (dir: string) => fs.readdirSync(path.join(ROOT, dir)).filter(f => f.endsWith('.yaml')).sort();

const INPUTS: Input[] = [
  ...['valid', 'invalid'].flatMap(set => yamlIn(`test/corpus/${set}`).map(name => {
    const text = read(path.join(ROOT, 'test', 'corpus', set, name));
    return { golden: `corpus-${set}/${name.replace(/\.yaml$/, '.ts')}`, file: name, text, kubernetesVersion: versionOf(text) };
  })),
  ...['gpu-training-pod.yaml', 'sidecar-pod.yaml', 'kubectl-get-list.yaml', 'pod.json', 'port-clash.yaml'].map(name => ({
    golden: `fixtures/${name.replace(/\.(yaml|json)$/, '.ts')}`, file: name, text: read(path.join(__dirname, 'convert', name)),
    kubernetesVersion: name === 'sidecar-pod.yaml' ? '1.30' : undefined,
  })),
  ...yamlIn('dist').map(name => {
    const text = read(path.join(ROOT, 'dist', name));
    return { golden: `dist/${name.replace(/\.k8s\.yaml$/, '.ts')}`, file: name, text, kubernetesVersion: distVersion(text) };
  }),
  { golden: 'oracle/bases.ts', file: 'bases.yaml', text: read(path.join(ROOT, 'test', 'oracle', 'mutations', 'bases.yaml')) },
];

/** What convert writes for an input: the program, or the refusal (ConvertError) as a comment. */
function output(input: Input): string {
  const header = `// convert ${input.file}${input.kubernetesVersion ? ` --kubernetes-version ${input.kubernetesVersion}` : ''}\n`;
  try {
    const r = convertDetailed([{ file: input.file, text: input.text }], { kubernetesVersion: input.kubernetesVersion as KubernetesVersion | undefined });
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
