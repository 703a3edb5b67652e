// The packed package, installed in a fresh cdk8s app repo: it type-checks against the shipped
// .d.ts, synthesizes with the app's own `cdk8s synth`, and its validation plugin fails the synth
// on a bad pod that was not built with our constructs.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const pkg = require('../package.json');
let dir: string;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env } });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pods-app-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  const dev = pkg.devDependencies;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'my-cdk8s-app',
    private: true,
    dependencies: {
      'cdk8s-pods': `file:./${tarball}`,
      'cdk8s': dev.cdk8s,
      'cdk8s-plus-28': dev['cdk8s-plus-28'],
      'constructs': dev.constructs,
    },
    devDependencies: { 'cdk8s-cli': dev['cdk8s-cli'], 'typescript': dev.typescript, '@types/node': dev['@types/node'] },
  }, undefined, 2));
  for (const f of ['main.ts', 'check-testing.ts', 'cdk8s.yaml']) fs.copyFileSync(path.join(ROOT, 'test', 'app-repo', f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: false, types: ['node'] }, files: ['main.ts', 'check-testing.ts'] }));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stdout}\n${install.stderr}`);
}, 600000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the packed package type-checks in an app repo', () => {
  const tsc = run(path.join(dir, 'node_modules', '.bin', 'tsc'), ['-p', '.']);
  expect(tsc.stdout + tsc.stderr).toEqual('');
  expect(tsc.status).toBe(0);
});

test('the tests of the app repo can use cdk8s-pods/testing', () => {
  const r = run(process.execPath, ['check-testing.js']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('cdk8s-pods/testing: ok\n');
});

test('cdk8s synth of the app repo passes its validation plugin', () => {
  const synth = run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth']);
  expect(synth.stdout).toContain('Validations ended succesfully');
  expect(synth.status).toBe(0);
  const yaml = fs.readFileSync(path.join(dir, 'dist', 'app.k8s.yaml'), 'utf8');
  expect(yaml).toContain('nvidia.com/gpu: 1');
  expect(yaml).toContain('name: web\n');
  expect(yaml).not.toContain('cdk8s.io');
}, 120000);

test('fails cdk8s synth when the plugin finds a bad pod', () => {
  const synth = run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth'], { BAD_POD: '1' });
  expect(synth.status).toBe(2);
  expect(synth.stdout).toContain('port-clash (error)');
  expect(synth.stdout).toContain("containers 'a' and 'b' both listen on port 80/TCP");
  expect(synth.stderr).toContain('Validation failed');
}, 120000);
