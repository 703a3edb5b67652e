// The packed package, installed in a fresh cdk8s app repo: it type-checks against the shipped
// .d.ts, synthesizes with the app's own `cdk8s synth`, and its validation plugin fails the synth
// on a bad pod that was not built with our constructs.
//
// Nothing is built inside the repository: the package is compiled into a temporary folder and
// packed from there (`npm pack` in the repository would run `prepack`, which replaces build/).
// The app's dependencies come from the npm cache only (`npm install --offline`): the test needs
// no network once `npm ci` has run in the repository, and says so when the cache lacks a package.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const pkg = require('../package.json');
let dir: string;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  return spawnSync(cmd, args, { cwd: cwd ?? dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env } });
}

/** The package as `npm pack` makes it, built and packed outside the repository; returns the tarball's file name in `dir`. */
function packOutsideTheRepository(): string {
  const stage = path.join(dir, 'package-stage');
  const tsc = run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'build')], {}, ROOT);
  if (tsc.status !== 0) throw new Error(`compiling the package failed:\n${tsc.stdout}${tsc.stderr}`);
  for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(ROOT, f), path.join(stage, f));
  fs.cpSync(path.join(ROOT, 'bin'), path.join(stage, 'bin'), { recursive: true });
  // --ignore-scripts: prepack would build again, here from sources the stage does not have.
  const pack = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], {}, stage);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
  return pack.stdout.trim().split('\n').pop()!;
}

/** The objects of a synthesized YAML file. */
function objectsOf(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pods-app-'));
  const tarball = packOutsideTheRepository();
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
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund']);
  if (install.status !== 0) {
    const output = `${install.stdout}\n${install.stderr}`;
    const uncached = /ENOTCACHED|cache mode is 'only-if-cached'/.test(output);
    throw new Error(uncached
      ? `this test needs the npm registry: the npm cache lacks a package the app repo installs (npm install --offline: ENOTCACHED). Run \`npm ci\` in the repository with access to the registry once (it fills the cache), then run the test again.\n${output}`
      : `npm install --offline failed:\n${output}`);
  }
}, 600000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the packed package holds the compiled library, the bin and the README, and no sources or tests', () => {
  const list = run('tar', ['-tzf', fs.readdirSync(dir).find(f => f.endsWith('.tgz'))!]);
  expect(list.status).toBe(0);
  const files = list.stdout.trim().split('\n');
  expect(files).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/bin/cdk8s-pods.js', 'package/build/lib/index.js', 'package/build/lib/index.d.ts', 'package/build/lib/testing.js']));
  expect(files.filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  expect(files.filter(f => f.startsWith('package/test/') || f.startsWith('package/lib/'))).toEqual([]);
});

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
  expect({ status: synth.status, output: synth.status === 0 ? '' : synth.stdout + synth.stderr }).toEqual({ status: 0, output: '' });
  // The synthesized file, not the CLI's wording, is what the app repo gets.
  const objects = objectsOf(path.join(dir, 'dist', 'app.k8s.yaml'));
  expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Pod/train', 'Pod/web', 'Deployment/shop', 'Service/shop', 'Ingress/shop']);
  const [, , shop, service, ingress] = objects;
  expect(shop.spec.replicas).toBe(3);
  expect(shop.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'shop' } });
  expect(service.spec).toEqual({ selector: { 'app.kubernetes.io/name': 'shop' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'shop', port: { name: 'http' } } });
  const [train, web] = objects;
  expect(train.spec.containers[0]).toEqual(expect.objectContaining({ name: 'trainer', resources: { limits: { 'nvidia.com/gpu': 1 } } }));
  expect(train.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  expect(web.spec.containers.map((c: any) => [c.name, c.ports])).toEqual([['web', [{ containerPort: 80 }]], ['proxy', [{ containerPort: 9901 }]]]);
  expect(JSON.stringify(objects)).not.toContain('cdk8s.io');
}, 120000);

test('fails cdk8s synth when the plugin finds a bad pod', () => {
  const synth = run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth'], { BAD_POD: '1' });
  expect(synth.status).toBe(2);
  expect(synth.stdout).toContain('port-clash (error)');
  expect(synth.stdout).toContain("containers 'a' and 'b' both listen on port 80/TCP");
  expect(synth.stderr).toContain('Validation failed');
}, 120000);

test('fails cdk8s synth with the construct path when a Service targets a port no selected container declares', () => {
  const synth = run(path.join(dir, 'node_modules', '.bin', 'cdk8s'), ['synth'], { BAD_SERVICE: '1' });
  expect(synth.status).not.toBe(0);
  expect(synth.stderr).toContain("[app/Typo] spec.ports[0].targetPort: targetPort 'htp' names no container port of the pods of Deployment 'shop', which declare 'http'; name the container port 'htp' or use one of those names [service-target-port]");
});

test('a program written by the installed `cdk8s-pods convert` type-checks in the app repo and synthesizes the input', () => {
  // GIVEN the example app's manifests: pods, and workloads with Services and an Ingress
  const inputs = ['seed-pods.k8s.yaml', 'workload-examples.k8s.yaml'].map(f => path.join(ROOT, 'dist', f));
  // WHEN the package's own bin converts them
  const convert = run(path.join(dir, 'node_modules', '.bin', 'cdk8s-pods'), ['convert', '--kubernetes-version', '1.30', ...inputs, '--out', 'converted.ts']);
  expect({ status: convert.status, stderr: convert.stderr }).toEqual({ status: 0, stderr: 'wrote converted.ts: 12 objects\n' });
  // THEN the program type-checks under the stock cdk8s init tsconfig options, and runs to the same objects
  fs.writeFileSync(path.join(dir, 'tsconfig.converted.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, noUnusedLocals: true, noUnusedParameters: true, noImplicitReturns: true, noFallthroughCasesInSwitch: true, skipLibCheck: false, types: ['node'], outDir: 'converted-out' },
    files: ['converted.ts'],
  }));
  const tsc = run(path.join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.converted.json']);
  expect(tsc.stdout + tsc.stderr).toBe('');
  const synth = run(process.execPath, [path.join('converted-out', 'converted.js')], { CDK8S_OUTDIR: 'converted-dist' });
  expect(synth.stderr).toBe('');
  const written = fs.readdirSync(path.join(dir, 'converted-dist')).sort();
  expect(written).toEqual(['seed-pods.k8s.yaml', 'workload-examples.k8s.yaml']);
  const objects = written.flatMap(f => objectsOf(path.join(dir, 'converted-dist', f)));
  expect(objects).toEqual(inputs.flatMap(objectsOf));
});
