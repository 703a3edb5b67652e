// `cdk8s-pods convert` (issue 10): YAML in, a cdk8s program out that synthesizes the same objects.
// The round trip is checked end to end on every valid file of the lint corpus, the example app's
// dist/ and the seed notes' YAML: convert, type-check the programs under the stock
// `cdk8s init typescript-app` tsconfig (one compiler program for all of them), run each one in
// this process with 'cdk8s-pods' mapped to the sources, and compare the objects it writes with
// the input, parsed, with deep equality.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transform } from 'sucrase';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { convert, convertDetailed, ConvertError } from '../lib/convert';
import type { FileFinding } from '../lib/lint/text';
import { ConvertCase as Case, repositoryCases } from './convert/inputs';
import { main } from '../lib/lint/cli';

const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(__dirname, 'convert');
/** Where the generated programs live for the compiler (in memory only), so 'cdk8s' resolves from the repo's node_modules. */
const VIRTUAL = path.join(FIXTURES, '.generated');

process.env.CDK8S_PODS_WARNINGS = 'silent';

// ---- Inputs ------------------------------------------------------------------------------------------

const read = (file: string) => fs.readFileSync(file, 'utf8');

const SEEDS = '/work/shared/seeds';

/** The ```yaml blocks of the seed notes. */
function seedBlocks(): Case[] {
  if (!fs.existsSync(SEEDS)) return [];
  const out: Case[] = [];
  for (const file of fs.readdirSync(SEEDS).sort()) {
    const blocks = [...read(path.join(SEEDS, file)).matchAll(/```\.?ya?ml\n([\s\S]*?)```/g)].map(m => m[1]);
    blocks.forEach((text, i) => out.push({ set: 'seed notes', name: `${file.replace(/\.txt$/, '')}-block${i + 1}.yaml`, text }));
  }
  return out;
}

// The inputs in the repository (shared with the golden programs of test/convert-programs.test.ts), then the notes.
const CASES: Case[] = [...repositoryCases(), ...seedBlocks()];

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What the program must synthesize: the input's objects (List items one by one) without the server-set fields. */
function expectedObjects(text: string, keepServerFields = false): any[] {
  const out: any[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    const value = doc.toJS({ maxAliasCount: 10000 });
    if (value === null || value === undefined) continue;
    const items = value.kind === 'List' && Array.isArray(value.items) ? value.items : Array.isArray(value) ? value : [value];
    for (const item of items) {
      // A list item that is no object (a lint error) is no object to write.
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) out.push(keepServerFields ? item : withoutServerFields(item));
    }
  }
  return out;
}

function withoutServerFields(o: any): any {
  const obj = JSON.parse(JSON.stringify(o));
  delete obj.status;
  const m = obj.metadata;
  if (m) {
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink']) delete m[k];
    // An annotations map left empty by taking out last-applied goes too; one the input wrote empty stays.
    if (m.annotations && LAST_APPLIED in m.annotations) {
      delete m.annotations[LAST_APPLIED];
      if (Object.keys(m.annotations).length === 0) delete m.annotations;
    }
  }
  for (const t of [obj.spec?.template, obj.spec?.jobTemplate, obj.spec?.jobTemplate?.spec?.template]) {
    if (t?.metadata) delete t.metadata.creationTimestamp;
  }
  return obj;
}

/** Parsed values are the same: the same keys (in any order), values, types and array order. */
function same(a: unknown, b: unknown): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && same((a as any)[k], (b as any)[k]));
}

// ---- Type-check and run ------------------------------------------------------------------------------

/** The compiler options of `cdk8s init typescript-app`, with 'cdk8s-pods' resolved to this repo's sources. */
function stockOptions(): ts.CompilerOptions {
  const stock = JSON.parse(read(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json')));
  const { options, errors } = ts.convertCompilerOptionsFromJson({ ...stock.compilerOptions, noEmit: true, baseUrl: ROOT, paths: { 'cdk8s-pods': ['lib/index.ts'] } }, ROOT);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, formatHost));
  return options;
}

const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: f => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };

/** Type-checks the generated programs together; the diagnostics of each (only of the generated files themselves). */
function typeCheck(programs: Map<string, string>): Map<string, string> {
  const options = stockOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => (programs.has(name) ? ts.createSourceFile(name, programs.get(name) as string, language) : getSourceFile(name, language, ...rest));
  host.fileExists = name => programs.has(name) || fileExists(name);
  host.readFile = name => programs.get(name) ?? readFile(name);
  const program = ts.createProgram([...programs.keys()], options, host);
  const out = new Map<string, string>();
  for (const name of programs.keys()) {
    const file = program.getSourceFile(name);
    const diagnostics = file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
    out.set(name, ts.formatDiagnostics(diagnostics, formatHost));
  }
  return out;
}

/** Runs a generated program in this process ('cdk8s-pods' is this repo's lib) and returns the objects it wrote, per file. */
function runProgram(code: string): { files: string[]; objects: any[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-'));
  const previous = process.env.CDK8S_OUTDIR;
  try {
    process.env.CDK8S_OUTDIR = outdir;
    const js = transform(code, { transforms: ['typescript', 'imports'] }).code;
    const load = (id: string) => (id === 'cdk8s-pods' ? require('../lib') : require(id));
    // eslint-disable-next-line no-new-func
    new Function('require', 'exports', 'module', js)(load, {}, { exports: {} });
    const files = fs.readdirSync(outdir).sort();
    const objects = files.flatMap(f => parseAllDocuments(read(path.join(outdir, f)), { version: '1.1' }).map(d => d.toJS()).filter(v => v !== null));
    return { files, objects };
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

// ---- The round trip ------------------------------------------------------------------------------------

interface Outcome {
  readonly c: Case;
  /** Why the round trip does not hold, or undefined when it does. */
  readonly failure?: string;
  readonly patches?: number;
  /** The program fails cdk8s synth on the input's lint errors, by design. */
  readonly synthFails?: boolean;
}

let outcomes: Outcome[] = [];

beforeAll(() => {
  const programs = new Map<string, string>();
  const converted = new Map<Case, { program: string; patches: number; errors: readonly FileFinding[] } | { error: string }>();
  CASES.forEach((c, i) => {
    try {
      const r = convertDetailed([{ file: c.name, text: c.text }], { kubernetesVersion: c.kubernetesVersion as any });
      converted.set(c, r);
      programs.set(path.join(VIRTUAL, `program-${i}.ts`), r.program);
    } catch (e) {
      converted.set(c, { error: e instanceof ConvertError ? e.message.replace(/\n\s*/g, ' ') : String(e) });
    }
  });
  const diagnostics = typeCheck(programs);
  outcomes = CASES.map((c, i) => {
    const r = converted.get(c) as { program: string; patches: number; errors: readonly FileFinding[] } | { error: string };
    if ('error' in r) return { c, failure: `not converted: ${r.error}` };
    const types = diagnostics.get(path.join(VIRTUAL, `program-${i}.ts`));
    if (types) return { c, failure: `does not type-check:\n${types}` };
    let written: any[];
    try {
      written = runProgram(r.program).objects;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Input that lint rejects fails synth, by design, with errors of the same rules.
      const rules = new Set(r.errors.map(f => f.rule));
      const synthRules = [...message.matchAll(/ \[([a-z0-9-]+)\]$/gm)].map(m => m[1]);
      if (r.errors.length > 0 && message.startsWith('Validation failed') && synthRules.length > 0 && synthRules.every(x => rules.has(x))) return { c, synthFails: true };
      return { c, failure: `does not synthesize: ${message}` };
    }
    const expected = expectedObjects(c.text);
    if (!same(written, expected)) return { c, failure: `synthesizes other objects:\n${JSON.stringify({ written, expected }, undefined, 1)}` };
    return { c, patches: r.patches };
  });
}, 120000);

test('round trip: every valid lint corpus file, dist/ file and fixture converts, type-checks, synthesizes and equals its input', () => {
  const failures = outcomes.filter(o => (o.failure || o.synthFails) && !['seed notes', 'lint corpus (invalid)', 'convert cases'].includes(o.c.set)).map(o => `${o.c.set} ${o.c.name}: ${o.failure}`);
  expect(failures).toEqual([]);
  expect(outcomes.filter(o => o.c.set === 'lint corpus (valid)').length).toBeGreaterThanOrEqual(38);
});

test('faithful conversion: every file of the invalid lint corpus converts (or is refused when it does not parse), type-checks, and round-trips or fails synth on its own lint errors', () => {
  const invalid = outcomes.filter(o => o.c.set === 'lint corpus (invalid)');
  expect(invalid.length).toBeGreaterThan(150);
  const failures = invalid.filter(o => o.failure !== undefined && !/^not converted: cannot convert: \S+:\d+: /.test(o.failure))
    .map(o => `${o.c.name}: ${o.failure}`);
  expect(failures).toEqual([]);
});

test('the convert cases (test/convert/cases/) convert, type-check, and round-trip or fail synth on their own lint errors', () => {
  const cases = outcomes.filter(o => o.c.set === 'convert cases');
  expect(cases.length).toBeGreaterThan(0);
  expect(cases.filter(o => o.failure !== undefined).map(o => `${o.c.name}: ${o.failure}`)).toEqual([]);
});

test('objects the constructs write convert back to constructs with no escape hatch (the construct property cases)', () => {
  const docs = parseAllDocuments(read(path.join(ROOT, 'test', 'oracle', 'property', 'cases.yaml')), { version: '1.1' }).map(d => String(d));
  const patched = docs.filter(text => convertDetailed([{ file: 'case.yaml', text }], { kubernetesVersion: '1.34' }).patches > 0);
  expect(docs.length).toBeGreaterThan(300);
  expect(patched).toEqual([]);
});

test('round trip: the seed notes\' YAML blocks that parse round-trip; the others are refused with the reason', () => {
  const seeds = outcomes.filter(o => o.c.set === 'seed notes');
  if (seeds.length === 0) return; // the notes are not in this checkout
  for (const o of seeds) {
    if (o.failure !== undefined) expect(o.failure).toMatch(/^not converted: cannot convert: \S+:1: the document does not parse as YAML/);
  }
  // The notes' my-pod and multi-container-pod are valid as written.
  expect(seeds.filter(o => o.failure === undefined).length).toBeGreaterThanOrEqual(2);
});

test('round trip share, per input set', () => {
  const sets = [...new Set(outcomes.map(o => o.c.set))];
  const lines = sets.map(set => {
    const all = outcomes.filter(o => o.c.set === set);
    const ok = all.filter(o => o.failure === undefined && !o.synthFails);
    const patched = ok.filter(o => (o.patches ?? 0) > 0).length;
    const byDesign = all.filter(o => o.synthFails).length;
    const failed = all.filter(o => o.failure !== undefined).map(o => `${o.c.name} (${(o.failure as string).split('\n')[0].slice(0, 90)})`);
    return `${set}: ${ok.length}/${all.length} round-trip exactly (${patched} with escape-hatch patches)${byDesign > 0 ? `; ${byDesign} fail synth on their own lint errors, by design` : ''}`
      + `${failed.length > 0 ? `; not: ${failed.join(', ')}` : ''}`;
  });
  // eslint-disable-next-line no-console
  console.log(`convert round trip\n${lines.join('\n')}`);
  expect(lines.length).toBeGreaterThan(0);
});

// ---- Readability: the generated code, reviewed like code --------------------------------------------------

const programFor = (file: string, kubernetesVersion?: string) =>
  convert([{ file: path.basename(file), text: read(path.join(ROOT, file)) }], { kubernetesVersion: kubernetesVersion as any });

test('snapshot: the seed pods (my-pod, multi-container-pod, kube-basic) become Pod, SidecarPod and SharedVolumePod', () => {
  const program = programFor('dist/seed-pods.k8s.yaml');
  expect(program).toContain("new SharedVolumePod(this, 'KubeBasic', {");
  expect(program).toMatchSnapshot();
});

test('snapshot: a GPU training pod becomes a GpuPod with sharedMemory, and tolerateGpuTaint: false when the input has no GPU toleration', () => {
  const program = programFor('test/convert/gpu-training-pod.yaml');
  expect(program).toContain('tolerateGpuTaint: false,');
  expect(program).toContain('sharedMemory: Size.gibibytes(64),');
  expect(program).toMatchSnapshot();
});

test('snapshot: an app with a native log shipper becomes a SidecarPod with an explicit sidecarMode and a shared Volume', () => {
  const program = programFor('test/convert/sidecar-pod.yaml', '1.30');
  expect(program).toContain('sidecarMode: SidecarMode.NATIVE,');
  expect(program).toContain("const logs = Volume.emptyDir('logs', { sizeLimit: Size.gibibytes(1) });");
  expect(program).toMatchSnapshot();
});

test('snapshot: a Deployment becomes a Deployment of a Pod construct (its template), a Service a Service', () => {
  const program = programFor('test/corpus/valid/service-and-deployment.yaml');
  expect(program).toContain('      template: apiPod,\n');
  expect(program).toMatchSnapshot();
});

test('fields the typed API does not cover are carried by the escape hatch with a TODO naming them', () => {
  const program = programFor('test/corpus/valid/dns-none.yaml');
  expect(program).toContain([
    '    // TODO(convert): spec.dnsConfig: PodProps has no dnsConfig',
    "    ApiObject.of(customDns).addJsonPatch(JsonPatch.add('/spec/dnsConfig', {",
  ].join('\n'));
  expect(programFor('test/convert/pod.json')).toContain([
    '    // TODO(convert): spec.containers[0].resources.limits.cpu: the number 1 has no Cpu form (Cpu writes quantities as strings)',
    "    ApiObject.of(jsonPod).addJsonPatch(JsonPatch.add('/spec/containers/0/resources/limits/cpu', 1));",
  ].join('\n'));
});

// ---- Lint errors, server fields, lists, JSON --------------------------------------------------------------

const PORT_CLASH = path.join(FIXTURES, 'port-clash.yaml');
const CLASH_MESSAGE = "spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]";

test('lint errors are written as comments at their object, and the program then fails cdk8s synth with the same error', () => {
  const program = convert([PORT_CLASH]);
  expect(program).toContain([
    `    // lint error: ${CLASH_MESSAGE}`,
    "    new SidecarPod(this, 'Web', {",
  ].join('\n'));
  expect(program).toContain('// Lint found 1 error, written as comments at its object: cdk8s synth fails on them until they are fixed.\n');
  expect(() => runProgram(program)).toThrow(`[port-clash/Web] ${CLASH_MESSAGE}`);
});

test('fails when --strict is given input with lint errors: exit 1 with the findings', () => {
  const out: string[] = [];
  const err: string[] = [];
  expect(main(['convert', '--strict', PORT_CLASH], t => out.push(t), t => err.push(t))).toBe(1);
  expect(out).toEqual([]);
  expect(err.join('')).toBe([
    'cdk8s-pods convert: not converted: lint found 1 error, and strict conversion refuses them; fix them or convert without strict to get them as comments:',
    `${PORT_CLASH}:14 Pod/web spec.containers[1].ports[0].containerPort`,
    "  error [port-clash] containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port",
    '1 error, 0 warnings in 1 file',
    '',
  ].join('\n'));
  expect(() => convert([PORT_CLASH], { strict: true })).toThrow(ConvertError);
});

test('server-set fields are dropped, and the header says which; --keep-server-fields keeps them', () => {
  const file = path.join(FIXTURES, 'kubectl-get-list.yaml');
  const program = convert([file]);
  expect(program).toContain("// Fields the API server sets were dropped (--keep-server-fields keeps them): status (1), metadata.uid (2), metadata.resourceVersion (2), metadata.creationTimestamp (2), metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] (1), metadata.managedFields (1).\n");
  expect(program).not.toContain('0f6b5b2e');
  const kept = convert([file], { keepServerFields: true });
  expect(kept).not.toContain('were dropped');
  expect(runProgram(kept).objects).toEqual(expectedObjects(read(file), true));
});

test('a kind: List is written as its items, with a note', () => {
  const program = convert([path.join(FIXTURES, 'kubectl-get-list.yaml')]);
  expect(program).toContain('// line 1: a `kind: List` of 2 items, written as its items\nclass KubectlGetListChart extends Chart {');
  expect(program).toContain("const web = new Pod(this, 'Web', {");
  expect(program).toContain("new ApiObject(this, 'WebConfig', {");
});

test('JSON input converts like YAML', () => {
  const program = convert([path.join(FIXTURES, 'pod.json')]);
  expect(program).toContain("const jsonPod = new Pod(this, 'JsonPod', {");
  expect(runProgram(program).objects).toEqual(expectedObjects(read(path.join(FIXTURES, 'pod.json'))));
});

test('several files become one program with a chart per file, in order', () => {
  const program = convert([path.join(ROOT, 'test', 'corpus', 'valid', 'seed-my-pod.yaml'), { file: 'job.yaml', text: read(path.join(ROOT, 'test', 'corpus', 'valid', 'job-pi.yaml')) }]);
  expect(program).toContain("const app = new App();\nnew SeedMyPodChart(app, 'seed-my-pod');\nnew JobChart(app, 'job');\napp.synth();\n");
  const { files } = runProgram(program);
  expect(files).toEqual(['job.k8s.yaml', 'seed-my-pod.k8s.yaml']);
});

// ---- The command line ------------------------------------------------------------------------------------

function cli(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, t => out.push(t), t => err.push(t));
  return { code, out: out.join(''), err: err.join('') };
}

test('cli: convert prints the program and exits 0', () => {
  const r = cli('convert', path.join(ROOT, 'test', 'corpus', 'valid', 'seed-my-pod.yaml'));
  expect(r).toEqual({ code: 0, out: expect.stringContaining("new Pod(this, 'MyPod', {"), err: '' });
});

test('cli: convert with lint errors exits 0 and says so on stderr', () => {
  const r = cli('convert', PORT_CLASH);
  expect(r.code).toBe(0);
  expect(r.err).toBe('cdk8s-pods convert: the input has 1 lint error, written as comments at their objects; cdk8s synth fails on them until they are fixed (--strict refuses such input)\n');
});

test('cli: --out writes the file and reports what it wrote', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-out-'));
  try {
    const out = path.join(dir, 'main.ts');
    const r = cli('convert', '--out', out, path.join(FIXTURES, 'pod.json'));
    expect(r).toEqual({ code: 0, out: '', err: `wrote ${out}: 1 object, 1 escape-hatch patch (TODO(convert))\n` });
    expect(read(out)).toContain("const jsonPod = new Pod(this, 'JsonPod', {");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: fails with exit 1 when a document does not parse or a file is missing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-bad-'));
  try {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n');
    expect(cli('convert', bad)).toEqual({
      code: 1,
      out: '',
      err: `cdk8s-pods convert: cannot convert:\n  ${bad}:1: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint ${bad} shows where)\n`,
    });
    expect(cli('convert', path.join(dir, 'missing.yaml'))).toEqual({
      code: 1,
      out: '',
      err: `cdk8s-pods convert: cannot convert:\n  ${path.join(dir, 'missing.yaml')}: cannot read the file: no such file or directory\n`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: usage errors exit 2', () => {
  expect(cli('convert').code).toBe(2);
  expect(cli('convert', '--no-such-option', PORT_CLASH).code).toBe(2);
  expect(cli('convert', '--kubernetes-version', '1.27', PORT_CLASH).code).toBe(2);
});

test('cli: - reads standard input', () => {
  const r = spawnSync(process.execPath, ['-r', 'sucrase/register', '-e', "process.exitCode = require('./lib/lint/cli').main(process.argv.slice(1))", 'convert', '-'],
    { cwd: ROOT, input: read(path.join(FIXTURES, 'pod.json')), encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('// Generated by `cdk8s-pods convert` from standard input: 1 object');
  expect(r.stdout).toContain("new PodChart(app, 'stdin');".replace('PodChart', 'StdinChart'));
}, 30000);
