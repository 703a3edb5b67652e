// `npm run synth` (scripts/synth.js) replaces dist/ only when the synth succeeds: cdk8s-cli empties
// its output folder before running the app, so a failed synth straight into dist/ used to leave it empty.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-script-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'previous.k8s.yaml'), 'kept: true\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function synth(app: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--dist', path.join(dir, 'dist'), '--', '--app', app],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
}

test('fails when the app fails, and leaves dist/ as it was', () => {
  const r = synth(`${process.execPath} -e "process.exit(3)"`);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('is left as it was');
  expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['previous.k8s.yaml']);
  expect(fs.readdirSync(dir).filter(f => f.startsWith('.synth-'))).toEqual([]);
});

test('replaces dist/ with the synthesized manifests when the app succeeds', () => {
  const r = synth(`${process.execPath} -r sucrase/register main.ts`);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['construct-examples.k8s.yaml', 'seed-pods.k8s.yaml', 'workload-examples.k8s.yaml']);
  expect(fs.readFileSync(path.join(dir, 'dist', 'seed-pods.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'dist', 'seed-pods.k8s.yaml'), 'utf8'));
}, 60000);
