// The CI and GitOps recipes in examples/ are files users copy: they must parse, and every
// cdk8s-pods or cdk8s command they run must exist with the options they pass.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { lintPaths } from '../lib';
import { main } from '../lib/lint/cli';

const ROOT = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Every shell command line of a text, split on `&&`, `||`, `;` and newlines. */
function commands(script: string): string[][] {
  return script.split(/&&|\|\||;|\n/)
    .map(c => c.replace(/>&2|[<>]\s*\S+|"|\(|\)/g, ' ').trim().split(/\s+/).filter(w => w !== ''))
    .map(words => {
      while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) words.shift(); // VAR=value before the command
      return words;
    })
    .filter(c => c.length > 0);
}

const workflow = parseAllDocuments(read('examples/ci/github-actions.yaml'))[0].toJS();
const steps: any[] = workflow.jobs.synth.steps;
const cmp = parseAllDocuments(read('examples/gitops/argocd-cmp-plugin.yaml'))[0].toJS();
const RUN = [...steps.filter(s => typeof s.run === 'string').map(s => s.run as string), cmp.spec.init.args[0], cmp.spec.generate.args[0]];

test('the examples parse as YAML and lint clean', () => {
  for (const f of ['examples/ci/github-actions.yaml', 'examples/gitops/argocd-application.yaml', 'examples/gitops/argocd-cmp-plugin.yaml']) {
    expect(parseAllDocuments(read(f)).flatMap(d => d.errors.map(e => `${f}: ${e.message}`))).toEqual([]);
  }
  expect(lintPaths([path.join(ROOT, 'examples', 'gitops')]).findings).toEqual([]);
});

test('the workflow installs, synthesizes, checks dist/, and uploads SARIF from lint', () => {
  const runs = steps.map(s => s.run ?? s.uses);
  expect(runs).toEqual([
    'actions/checkout@v4',
    'actions/setup-node@v4',
    'npm ci',
    'npx cdk8s synth --no-check-upgrade',
    expect.stringContaining('git diff --exit-code -- dist/'),
    'npx cdk8s-pods lint --format sarif dist/ > cdk8s-pods.sarif || true',
    'github/codeql-action/upload-sarif@v3',
    'npx cdk8s-pods lint dist/',
  ]);
  expect(steps[6].with.sarif_file).toBe('cdk8s-pods.sarif');
  expect(workflow.permissions['security-events']).toBe('write');
});

test('every cdk8s-pods command the recipes run exists with its options', () => {
  const ours = RUN.flatMap(commands).filter(c => c[0] === 'npx' && c[1] === 'cdk8s-pods').map(c => c.slice(2));
  expect(ours.length).toBeGreaterThan(0);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-'));
  try {
    for (const args of ours) {
      // dist/ of an app repo: an empty folder here; usage errors would exit 2.
      const code = main(args.map(a => (a === 'dist/' ? empty : a)), () => undefined, () => undefined);
      expect({ args, code }).toEqual({ args, code: 0 });
    }
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('every cdk8s command the recipes run exists with its options', () => {
  const theirs = RUN.flatMap(commands).filter(c => c[0] === 'npx' && c[1] === 'cdk8s').map(c => c.slice(2));
  expect(theirs.map(c => c[0])).toEqual(['synth', 'synth']);
  const help = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--help'], { encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } }).stdout;
  for (const c of theirs) {
    for (const option of c.filter(w => w.startsWith('--'))) {
      expect({ option, known: help.includes(option.replace(/^--no-/, '--')) }).toEqual({ option, known: true });
    }
  }
});
