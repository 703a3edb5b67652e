// Every TypeScript block of the README is a snippet a new user copies into a fresh
// `cdk8s init typescript-app` repo: it must type-check under that template's own tsconfig
// (strict, noUnusedLocals, lib es2016), against the package's declarations as they ship, and a
// block that is a whole program (it calls app.synth()) must run and synthesize.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const WORK = path.join(ROOT, '.readme-check'); // inside the repo, so cdk8s and constructs resolve from its node_modules
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The ```ts blocks of the README, with the line each starts on. */
function snippets(): Array<{ line: number; code: string }> {
  const out: Array<{ line: number; code: string }> = [];
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1].trim() !== '```') i++;
    out.push({ line: start + 1, code: lines.slice(start, i + 1).join('\n') + '\n' });
    i++;
  }
  return out;
}

const SNIPPETS = snippets();

beforeAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  // The package's declarations, as `npm pack` ships them.
  const decl = spawnSync(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(WORK, 'pkg'), '--emitDeclarationOnly'], { encoding: 'utf8' });
  if (decl.status !== 0) throw new Error(`declarations failed:\n${decl.stdout}${decl.stderr}`);
  const stock = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), 'utf8'));
  const tsconfig = {
    ...stock,
    compilerOptions: { ...stock.compilerOptions, noEmit: true, incremental: false, baseUrl: '.', paths: { 'cdk8s-pods': ['pkg/lib/index.d.ts'], 'cdk8s-pods/testing': ['pkg/lib/testing.d.ts'] } },
    include: SNIPPETS.map((_, i) => `snippet-${i + 1}.ts`),
  };
  fs.writeFileSync(path.join(WORK, 'tsconfig.json'), JSON.stringify(tsconfig, undefined, 2));
  SNIPPETS.forEach((s, i) => fs.writeFileSync(path.join(WORK, `snippet-${i + 1}.ts`), s.code));
}, 120000);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

test('the README has TypeScript snippets', () => {
  expect(SNIPPETS.length).toBeGreaterThan(0);
});

test('every snippet type-checks under the stock cdk8s init typescript-app tsconfig', () => {
  const r = spawnSync(process.execPath, [TSC, '-p', WORK], { encoding: 'utf8' });
  const where = SNIPPETS.map((s, i) => `snippet-${i + 1}.ts = README.md line ${s.line}`).join(', ');
  expect({ output: r.stdout + r.stderr, where }).toEqual({ output: '', where });
  expect(r.status).toBe(0);
}, 120000);

test.each(SNIPPETS.map((s, i) => [i + 1, s.line, s.code] as const).filter(([, , code]) => code.includes('.synth()')))(
  'snippet %i (README line %i) runs and synthesizes', (n) => {
    const outdir = path.join(WORK, `out-${n}`);
    // `cdk8s-pods` resolves to the sources here (sucrase transpiles them), the same code the declarations describe.
    const hook = `const M = require('module'); const r = M._resolveFilename; M._resolveFilename = function (req, ...a) { return r.call(this, req === 'cdk8s-pods' ? ${JSON.stringify(path.join(ROOT, 'lib', 'index.ts'))} : req === 'cdk8s-pods/testing' ? ${JSON.stringify(path.join(ROOT, 'lib', 'testing.ts'))} : req, ...a); };`;
    const run = spawnSync(process.execPath, ['-r', 'sucrase/register', '-e', `${hook} require(${JSON.stringify(path.join(WORK, `snippet-${n}.ts`))});`],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: outdir } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readdirSync(outdir).length).toBeGreaterThan(0);
  }, 60000);
