// The lint gate under bad input: every case is a file (or a tree) an adversarial tester or a
// careless user would hand `cdk8s-pods lint`. Whatever the input, the run ends, every other file
// is still linted, the bad file gets a finding with its path and line, and `--format json` is one
// JSON document. The command line runs in-process (lib/lint/cli.ts), except where standard input
// or a separate process is the point.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { lintPaths, lintText, PodValidation } from '../lib';
import { main } from '../lib/lint/cli';
import type { LintReport } from '../lib';

const ROOT = path.join(__dirname, '..');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-adversarial-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes files under the test's directory and returns the path of the first. */
function write(files: { [name: string]: string | Buffer }): string {
  let first: string | undefined;
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    first ??= p;
  }
  return first!;
}

/** Runs the command line in-process: exit code, standard output and standard error. */
function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, t => { out += t; }, t => { err += t; });
  return { code, out, err };
}

/** Runs `cdk8s-pods lint --format json` and returns the report, failing unless the output is one JSON document. */
function json(...args: string[]): { code: number; report: LintReport } {
  const r = cli('lint', '--format', 'json', ...args);
  return { code: r.code, report: JSON.parse(r.out) };
}

/** Findings as `file:line rule message` lines relative to the test's directory, for exact comparisons. */
function lines(report: LintReport): string[] {
  return report.findings.map(f => `${path.relative(dir, f.file) || f.file}:${f.line ?? '-'} ${f.severity} [${f.rule}] ${f.path ? `${f.path}: ` : ''}${f.message}`);
}

const GOOD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
    - name: web
      image: nginx:1.25
`;

// A second file with a known error, to prove the run goes on past the bad one.
const CLASH_POD = `apiVersion: v1
kind: Pod
metadata:
  name: clash
spec:
  containers:
    - name: web
      image: nginx:1.25
      ports:
        - containerPort: 80
    - name: proxy
      image: envoyproxy/envoy:v1.29.0
      ports:
        - containerPort: 80
`;
const CLASH_LINE = "z-clash.yaml:14 error [port-clash] spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port";

describe('one bad file never stops the run', () => {
  const cases: Array<[string, string | Buffer, string[]]> = [
    ['an unresolved alias', GOOD_POD.replace('nginx:1.25', '*nope'),
      ['a-bad.yaml:8 error [yaml-syntax] spec.containers[0].image: YAML syntax: the alias *nope has no anchor &nope before it; define the anchor first or write the value out']],
    ['a merge key naming an anchor of another document', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata: &base\n  a: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: derived\ndata:\n  <<: *base\n`,
      ['a-bad.yaml:13 error [yaml-syntax] data: YAML syntax: the alias *base has no anchor &base before it; define the anchor first or write the value out']],
    ['a merge key naming a list of scalars', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nlist: &l [a, b]\ndata:\n  <<: *l\n`,
      ['a-bad.yaml:7 error [yaml-syntax] data: YAML syntax: a merge key (<<) must name a mapping or a list of mappings, not a scalar or a list; fix the alias']],
    ['a volume named 123 next to a mount of an undeclared volume', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: 123\n      emptyDir: {}\n    - emptyDir: {}\n`, []],
  ];
  test.each(cases)('%s: the file gets a finding and the next file is still linted', (_what, content, expected) => {
    write({ 'a-bad.yaml': content, 'z-clash.yaml': CLASH_POD });
    const { code, report } = json(dir);
    expect(code).toBe(1);
    const found = lines(report);
    for (const e of expected) expect(found).toContain(e);
    expect(found).toContain(CLASH_LINE);
    expect(found.filter(l => l.startsWith('a-bad.yaml')).length).toBeGreaterThan(0);
  });

  test('a legitimate pod with 150 aliases lints clean', () => {
    const containers = Array.from({ length: 150 }, (_, i) => `    - name: c${i}\n      image: ${i === 0 ? '&img busybox:1.36' : '*img'}\n`).join('');
    const file = write({ 'many.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\nspec:\n  containers:\n${containers}` });
    expect(lines(json(file).report)).toEqual([]);
  });

  test('an alias bomb is refused with a finding, not expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const file = write({ 'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${levels.join('\n  ')}\n` });
    expect(lines(json(file).report)).toContain(`bomb.yaml:1 error [yaml-syntax] YAML syntax: the document's aliases expand to more than 10000 nodes, so it was not checked (an alias bomb?); write the values out`);
  });

  test('a missing file is an io finding, and the other files are linted', () => {
    write({ 'z-clash.yaml': CLASH_POD });
    const { code, report } = json(path.join(dir, 'missing.yaml'), path.join(dir, 'z-clash.yaml'));
    expect(code).toBe(1);
    expect(lines(report)).toEqual(['missing.yaml:- error [io] cannot read the file: no such file or directory', CLASH_LINE]);
  });

  test('a dangling link and a link loop inside a directory are io findings', () => {
    write({ 'z-clash.yaml': CLASH_POD });
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'dangling.yaml'));
    fs.symlinkSync(path.join(dir, 'loop-b.yaml'), path.join(dir, 'loop-a.yaml'));
    fs.symlinkSync(path.join(dir, 'loop-a.yaml'), path.join(dir, 'loop-b.yaml'));
    fs.symlinkSync(dir, path.join(dir, 'again')); // a directory link back to the root: walked once
    const { code, report } = json(dir);
    expect(code).toBe(1);
    expect(lines(report)).toEqual([
      'dangling.yaml:- error [io] cannot read the file: no such file or directory (a broken symbolic link)',
      'loop-a.yaml:- error [io] cannot read the file: a symbolic link loop (a broken symbolic link)',
      'loop-b.yaml:- error [io] cannot read the file: a symbolic link loop (a broken symbolic link)',
      CLASH_LINE,
    ]);
  });

  test('a FIFO named *.yaml in a directory is passed over with a warning instead of hanging the run', () => {
    write({ 'z-clash.yaml': CLASH_POD });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect(lines(json(dir).report)).toEqual([
      'pipe.yaml:- warning [io] not a regular file (a FIFO, socket or device), so it was not read',
      CLASH_LINE,
    ]);
    expect(lines(json(path.join(dir, 'pipe.yaml')).report)).toEqual([
      'pipe.yaml:- error [io] not a regular file (a FIFO, socket or device), so it was not read; pipe it to `cdk8s-pods lint -` instead',
    ]);
  });

  test('the plugin does not throw on the same inputs', async () => {
    write({ 'a-alias.yaml': GOOD_POD.replace('nginx:1.25', '*nope'), 'b-list.yaml': `- 1\n- 2\n`, 'z-clash.yaml': CLASH_POD });
    const violations: string[] = [];
    let status = '';
    await new PodValidation().validate({
      manifests: [path.join(dir, 'a-alias.yaml'), path.join(dir, 'b-list.yaml'), path.join(dir, 'missing.yaml'), path.join(dir, 'z-clash.yaml')],
      report: { addViolation: v => violations.push(v.ruleName), submit: s => { status = s; } },
    });
    expect(status).toBe('failure');
    // b-list.yaml, a list of numbers, is no Kubernetes YAML at all: passed over like any other tool's file.
    expect(violations).toEqual(['yaml-syntax (error)', 'io (error)', 'port-clash (error)']);
  });
});

describe('content that was never checked is reported', () => {
  test('a top-level list of pods is flagged, and each pod is checked', () => {
    const file = write({ 'list.yaml': CLASH_POD.split('\n').map((l, i) => (l === '' ? l : i === 0 ? `- ${l}` : `  ${l}`)).join('\n') });
    expect(lines(json(file).report)).toEqual([
      'list.yaml:1 error [not-an-object] the document is a list, not a Kubernetes object; kubectl cannot apply it: write each object as its own document (separated by ---) or wrap them in `kind: List` with `items:`',
      "list.yaml:14 error [port-clash] [0].spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port",
    ]);
  });

  test('a top-level JSON array is flagged too', () => {
    const file = write({ 'list.json': JSON.stringify([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'a', image: 'nginx:1.25', imagePullPolicy: 'always' }] } }], undefined, 2) });
    const found = lines(json(file).report);
    expect(found[0]).toMatch(/^list\.json:1 error \[not-an-object\] the document is a list/);
    expect(found[1]).toMatch(/^list\.json:\d+ error \[enum-value\] \[0\]\.spec\.containers\[0\]\.imagePullPolicy: imagePullPolicy 'always' is not one of/);
  });

  test('a scalar document is flagged', () => {
    const file = write({ 's.yaml': `${GOOD_POD}---\njust some text\n` });
    expect(lines(json(file).report)).toEqual(['s.yaml:10 error [not-an-object] the document is a string (just some text), not a Kubernetes object; remove it or write the object as a mapping with apiVersion, kind and metadata']);
  });

  test('kind: List items that are not objects are flagged', () => {
    const file = write({ 'l.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - 42\n  - null\n' });
    expect(lines(json(file).report)).toEqual([
      'l.yaml:4 error [not-an-object] items[0]: items[0] is a number (42), not a Kubernetes object; remove it or write the object',
      'l.yaml:5 error [not-an-object] items[1]: items[1] is empty (null), not a Kubernetes object; remove it or write the object',
    ]);
  });

  test.each([
    ['UTF-16LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLASH_POD, 'utf16le')]), 'z-clash.yaml:1 warning [encoding] the file is UTF-16LE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8'],
    ['UTF-16LE without a byte-order mark', Buffer.from(CLASH_POD, 'utf16le'), 'z-clash.yaml:1 error [encoding] the file is UTF-16LE without a byte-order mark, which kubectl reads as UTF-8 and rejects; it was decoded and checked: save it as UTF-8'],
    ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CLASH_POD, 'utf16le').swap16()]), 'z-clash.yaml:1 warning [encoding] the file is UTF-16BE with a byte-order mark; it was decoded and checked, but kubectl and most Kubernetes tools expect UTF-8, so save it as UTF-8'],
  ])('a %s file is decoded, checked and flagged', (_what, content, encoding) => {
    write({ 'z-clash.yaml': content });
    expect(lines(json(dir).report)).toEqual([encoding, CLASH_LINE]);
  });

  test('invalid UTF-8 bytes are an error at their line', () => {
    const file = write({ 'bad.yaml': Buffer.concat([Buffer.from(GOOD_POD.replace('good', 'go')), Buffer.from('    - name: b\n      image: busybox\xff\n', 'latin1')]) });
    expect(lines(json(file).report)).toContain('bad.yaml:10 error [encoding] the line has bytes that are not UTF-8, which kubectl rejects; they were read as U+FFFD: save the file as UTF-8');
  });

  test('duplicate keys are errors in YAML and in JSON', () => {
    write({ 'a.yaml': GOOD_POD.replace('      image: nginx:1.25\n', '      image: nginx:1.25\n      image: nginx:1.27\n'), 'b.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"},\n "data": {"a": "1",\n "a": "2"}}' });
    expect(lines(json(dir).report)).toEqual([
      "a.yaml:9 error [duplicate-key] spec.containers[0].image: field 'image' is given twice (lines 8 and 9): one value is silently lost (kubectl keeps the last; the API server's strict decoding rejects a body with both); remove one",
      "b.json:3 error [duplicate-key] data.a: field 'a' is given twice (lines 2 and 3): one value is silently lost (kubectl keeps the last; the API server's strict decoding rejects a body with both); remove one",
    ]);
  });
});

test('a nodeSelector value YAML 1.1 reads as a boolean is to be quoted as written', () => {
  const file = write({ 'gpu.yaml': GOOD_POD.replace('spec:\n', 'spec:\n  nodeSelector:\n    gpu: yes\n    disk: "ssd"\n') });
  expect(lines(json(file).report)).toEqual([
    'gpu.yaml:7 error [field-type] spec.nodeSelector.gpu: nodeSelector.gpu is the boolean true (YAML 1.1 reads yes as true) but must be a string; quote it: "yes"',
  ]);
});

describe('YAML of other tools is skipped, and counted', () => {
  test('a Kustomization, Helm values and template, a workflow and a kubeconfig are skipped; the seed fragment is still flagged', () => {
    write({
      'kustomization.yaml': 'resources:\n  - deployment.yaml\nimages:\n  - name: nginx\n    newTag: "1.25"\n',
      'chart/values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n  tag: ""\nservice:\n  type: ClusterIP\n',
      'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n{{- if .Values.x }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n{{- end }}\n',
      'ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      'kubeconfig.yaml': 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
      'seed.yaml': fs.readFileSync(path.join(ROOT, 'test/corpus/invalid/seed-kube-basic.yaml')),
    });
    const { report } = json(dir);
    expect(report.summary.skipped).toEqual([
      { file: path.join(dir, 'chart/templates/deployment.yaml'), reason: 'a template ({{ ... }}), not a manifest: render it first (helm template) and lint the output' },
      { file: path.join(dir, 'chart/values.yaml'), reason: 'no document has apiVersion, kind, metadata or spec' },
      { file: path.join(dir, 'ci.yml'), reason: 'no document has apiVersion, kind, metadata or spec' },
      { file: path.join(dir, 'kubeconfig.yaml'), reason: 'a kubeconfig file, not a Kubernetes API object' },
      { file: path.join(dir, 'kustomization.yaml'), reason: 'a Kustomization file' },
    ]);
    expect(new Set(report.findings.map(f => path.basename(f.file)))).toEqual(new Set(['seed.yaml']));
    expect(report.findings.map(f => f.message)).toEqual(expect.arrayContaining([
      "'name:kube-basic' has no space after ':', so YAML reads it as one string instead of a field; did you mean 'name: kube-basic'?",
      "kind 'pod' is not a Kubernetes kind (kinds are case-sensitive); did you mean 'Pod'?",
      "unknown field 'columes' in PodSpec; did you mean 'volumes'?",
    ]));
    expect(cli('lint', dir).out.split('\n').at(-2)).toBe(`${report.summary.errors} errors, 0 warnings in 1 file; 5 files skipped as not Kubernetes manifests`);
  });

  test('a template that parses as YAML (an unquoted {{ placeholder }}) is skipped; a quoted "{{ x }}" is a string and is linted', () => {
    const salt = write({ 'salt/agent.yaml': [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: agent}', 'spec:', '  containers:', '  - name: agent', '    image: agent:1',
      '    resources:', '      requests:', '        cpu: {{ agent_cpu_request }}', '',
    ].join('\n') });
    expect(json(salt).report.summary).toEqual({ files: 1, errors: 0, warnings: 0, skipped: [
      { file: salt, reason: 'a template ({{ ... }}), not a manifest: render it first (helm template) and lint the output' },
    ] });
    const argo = write({ 'argo/pod.yaml': [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: step}', 'spec:', '  containers:', '  - name: step', '    image: alpine:3.20',
      '    args: ["{{inputs.parameters.message}}"]', '    ports: [{containerPort: "{{ port }}"}]', '',
    ].join('\n') });
    expect(lines(json(argo).report)).toEqual([
      `argo/pod.yaml:9 error [field-type] spec.containers[0].ports[0].containerPort: containerPort is the string '{{ port }}' but must be an integer; write a whole number such as 1`,
    ]);
  });
});

describe('no hangs, no blow-ups', () => {
  test('a key:value line followed by a million spaces is checked in linear time', () => {
    const file = write({ 'long.yaml': `${GOOD_POD}  x:a${' '.repeat(1_000_000)}\n` });
    // The old pattern backtracked quadratically here (49 s for 200,000 spaces); this test would time out.
    expect(lines(json(file).report).length).toBeGreaterThan(0);
  });

  test('a document over 8 MiB is reported as too large, and the documents around it are checked', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(9 * 1024 * 1024)}"\n`;
    const file = write({ 'big.yaml': `${CLASH_POD}---\n${big}---\n${GOOD_POD}` });
    expect(lines(json(file).report)).toEqual([
      CLASH_LINE.replace('z-clash.yaml', 'big.yaml'),
      'big.yaml:15 error [io] document 2 is over 8 MiB, too large to check (the API server itself takes at most 3 MiB per object); split it into smaller documents',
    ]);
  });
});

describe('output safety', () => {
  test('control characters and ANSI escapes in names, keys and file names are escaped in human output', () => {
    write({ 'evil\u001b[31m.yaml': GOOD_POD.replace('name: good', 'name: "bad\u001b[2J\u0007name"').replace('image: nginx:1.25', 'image: nginx:1.25\n      "x\u001b]0;pwned\u0007": 1') });
    const r = cli('lint', dir);
    // eslint-disable-next-line no-control-regex
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.out).toContain('evil\\x1b[31m.yaml');
    expect(r.out).toContain('bad\\x1b[2J\\x07name');
  });

  test('a link that leaves the linted directory is not followed, and its target is never quoted', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name:TOPSECRET-VALUE\n');
      write({ 'z-clash.yaml': CLASH_POD });
      fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'link.yaml'));
      const r = cli('lint', dir);
      expect(r.out).not.toContain('TOPSECRET');
      expect(r.out).toContain('link.yaml\n  warning [io] a symbolic link that leaves the linted directories, so it was not followed; lint its target by naming it');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a non-manifest file with secrets in key:value lines is skipped without quoting them', () => {
    const file = write({ 'shadow.yaml': 'root:$6$saltsalt$TOPSECRETHASH:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' });
    const r = cli('lint', file);
    expect(r.out).not.toContain('TOPSECRET');
  });
});

describe('options fail closed', () => {
  test.each([
    [['lint', '--pod-security', 'restrictd', '.'], "error: option '--pod-security <level>' argument 'restrictd' is invalid. Allowed choices are baseline, restricted."],
    [['lint', '--pod-security', 'Baseline', '.'], "error: option '--pod-security <level>' argument 'Baseline' is invalid. Allowed choices are baseline, restricted."],
    [['lint', '--format', 'xml', '.'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are human, json, sarif."],
    [['lint', '--disable', 'prot-clash', '.'], "cdk8s-pods: --disable names 'prot-clash', which is not a rule; see `cdk8s-pods rules` for the ids"],
    [['lint', '--kubernetes-version', '1.27', '.'], "error: option '--kubernetes-version <version>' argument '1.27' is invalid. Allowed choices are 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34."],
  ])('cdk8s-pods %j exits 2 with a clear error', (args, message) => {
    const r = cli(...args);
    expect(r).toEqual({ code: 2, out: '', err: `${message}\n` });
  });

  test.each([
    [{ podSecurityStandard: 'restrictd' }, "cdk8s-pods PodValidation in cdk8s.yaml: podSecurityStandard 'restrictd' is not a Pod Security Standard level; use 'baseline' or 'restricted' (values are case-sensitive): did you mean 'restricted'?"],
    [{ podSecurityStandard: 'Baseline' }, "cdk8s-pods PodValidation in cdk8s.yaml: podSecurityStandard 'Baseline' is not a Pod Security Standard level; use 'baseline' or 'restricted' (values are case-sensitive): did you mean 'baseline'?"],
    [{ strict: 'false' }, 'cdk8s-pods PodValidation in cdk8s.yaml: strict must be true or false (a YAML boolean, unquoted), got "false"'],
    [{ stritc: true }, "cdk8s-pods PodValidation in cdk8s.yaml: unknown property 'stritc'; the properties are podSecurityStandard, strict, kubernetesVersion"],
    [{ kubernetesVersion: 1.3 }, "cdk8s-pods PodValidation in cdk8s.yaml: kubernetesVersion 1.3 is not a supported Kubernetes release; use one of '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34' (quote it: '1.3' unquoted is a number)"],
    [{ kubernetesVersion: 'v1.30.2' }, "cdk8s-pods PodValidation in cdk8s.yaml: kubernetesVersion 'v1.30.2' is not a supported Kubernetes release; use one of '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34': use the minor release, '1.30'"],
  ])('the plugin rejects %j', (props, message) => {
    expect(() => new PodValidation(props as any)).toThrow(message);
  });

  test('lintPaths rejects an unknown Kubernetes release instead of checking another one', () => {
    expect(() => lintPaths([dir], { kubernetesVersion: '1.35' as any })).toThrow("kubernetesVersion '1.35' is not a supported Kubernetes release");
  });

  test('--kubernetes-version picks the schema: a field new in 1.30 is unknown to 1.29 and fine from 1.30', () => {
    const pod = write({ 'pod.yaml': [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: c', '    image: busybox:1.36',
      '    volumeMounts: [{name: v, mountPath: /v, readOnly: true, recursiveReadOnly: Enabled}]', '  volumes: [{name: v, emptyDir: {}}]', '',
    ].join('\n') });
    expect(json('--kubernetes-version', '1.29', pod).report.findings.map(f => [f.rule, f.path, f.message])).toEqual([
      ['unknown-field', 'spec.containers[0].volumeMounts[0].recursiveReadOnly', "unknown field 'recursiveReadOnly' in VolumeMount; remove it (see `kubectl explain pod.spec.containers.volumeMounts`)"],
    ]);
    expect(cli('lint', '--kubernetes-version', '1.30', pod)).toEqual({ code: 0, out: '0 errors, 0 warnings in 1 file\n', err: '' });
  });

  test('lintPaths rejects an unknown Pod Security level instead of ignoring it', () => {
    expect(() => lintPaths([dir], { podSecurityStandard: 'Baseline' as any })).toThrow("podSecurityStandard 'Baseline' is not a Pod Security Standard level");
  });
});

describe('command-line conventions', () => {
  test('--version prints the package version', () => {
    expect(cli('--version')).toEqual({ code: 0, out: `${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`, err: '' });
  });

  test('bare cdk8s-pods prints help and exits 2', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: cdk8s-pods [options] [command]');
    expect(r.err).toContain('lint [options] <paths...>');
  });

  test('- reads standard input', () => {
    const r = spawnSync(process.execPath, ['-r', 'sucrase/register', '-e', "process.exitCode = require('./lib/lint/cli').main(process.argv.slice(1))", 'lint', '-'], { cwd: ROOT, input: CLASH_POD, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("-:14 Pod/clash spec.containers[1].ports[0].containerPort\n  error [port-clash] containers 'web' and 'proxy' both listen on port 80/TCP");
  });

  test('--exclude leaves out files and directories by glob', () => {
    write({ 'a/clash.yaml': CLASH_POD, 'b/clash.yaml': CLASH_POD, 'c/vendor/clash.yaml': CLASH_POD });
    const { report } = json(dir, '--exclude', 'a/**', '--exclude', 'vendor');
    expect(report.findings.map(f => path.relative(dir, f.file))).toEqual(['b/clash.yaml']);
  });

  test('--disable turns rules off from the command line', () => {
    const file = write({ 'z-clash.yaml': CLASH_POD });
    expect(json(file, '--disable', 'port-clash').report.findings).toEqual([]);
  });

  test('the ignore annotation suppresses per object, and --format json shows what it suppressed and why', () => {
    const file = write({
      'z-clash.yaml': CLASH_POD.replace('  name: clash\n', '  name: clash\n  annotations:\n    cdk8s-pods.io/ignore: port-clash\n    cdk8s-pods.io/ignore-reason: the proxy binds 127.0.0.2\n'),
    });
    const { code, report } = json(file);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([expect.objectContaining({
      rule: 'port-clash', line: 17, name: 'clash', suppressed: { annotation: 'cdk8s-pods.io/ignore', reason: 'the proxy binds 127.0.0.2' },
    })]);
  });

  test('findings are sorted by file, then line', () => {
    write({ 'b.yaml': CLASH_POD, 'a.yaml': `${CLASH_POD}---\n${GOOD_POD.replace('nginx:1.25', 'nginx:1.25\n      imagePullPolicy: always')}` });
    const found = json(dir).report.findings.map(f => `${path.basename(f.file)}:${f.line}`);
    // b.yaml defines pod 'clash' again: a duplicate-object error at its name, line 4.
    expect(found).toEqual(['a.yaml:14', 'a.yaml:24', 'b.yaml:4', 'b.yaml:14']);
  });

  test('--format sarif writes a SARIF 2.1.0 log with rules, results and locations', () => {
    const file = write({ 'z-clash.yaml': CLASH_POD });
    const r = cli('lint', '--format', 'sarif', file);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('cdk8s-pods');
    expect(sarif.runs[0].tool.driver.rules.map((x: any) => x.id)).toContain('port-clash');
    expect(sarif.runs[0].results).toEqual([expect.objectContaining({
      ruleId: 'port-clash', level: 'error',
      message: { text: "spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port" },
    })]);
    const location = sarif.runs[0].results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe(pathToFileURL(file).href); // outside the working directory: a file URI
    expect(location.region.startLine).toBe(14);
    // Under the working directory (the repository, where jest runs): a relative URI, as code scanning expects.
    const inRepo = JSON.parse(cli('lint', '--format', 'sarif', 'test/corpus/invalid/port-clash-two-containers.yaml').out);
    expect(inRepo.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('test/corpus/invalid/port-clash-two-containers.yaml');
  });

  test('exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage', () => {
    write({ 'good.yaml': GOOD_POD, 'warn.yaml': GOOD_POD.replace('good', 'warn').replace('image: nginx:1.25', 'image: nginx:1.25\n      command: ["echo", "$(GREETNG)"]') });
    expect(cli('lint', path.join(dir, 'good.yaml')).code).toBe(0);
    expect(cli('lint', path.join(dir, 'warn.yaml')).code).toBe(0);
    expect(cli('lint', '--strict', path.join(dir, 'warn.yaml')).code).toBe(1);
    expect(cli('lint').code).toBe(2);
  });
});

describe('Pod Security checks are opt-in', () => {
  const MYSQL = `apiVersion: v1
kind: Pod
metadata:
  name: mysql
spec:
  containers:
    - name: mysql
      image: mysql:8.0
      volumeMounts:
        - name: data
          mountPath: /var/lib/mysql
  volumes:
    - name: data
      hostPath:
        path: /data/mysql
`;
  test('a hostPath mysql pod lints clean, even with --strict, until a level is asked for', () => {
    const file = write({ 'mysql.yaml': MYSQL });
    expect(cli('lint', '--strict', file).code).toBe(0);
    expect(lines(json(file, '--pod-security', 'baseline').report)).toEqual([
      "mysql.yaml:14 error [pss-host-path] spec.volumes[0].hostPath: volume 'data' mounts the node path '/data/mysql', which ties the pod to one node and exposes the host; prefer a persistentVolumeClaim",
    ]);
  });
});

describe('suggested fixes are themselves valid', () => {
  // A Service name must start with a letter (DNS-1035): the fix suggested for '2048-game' must too.
  test("the fix for a Service name that starts with a digit is a DNS-1035 label", () => {
    const findings = lintText('apiVersion: v1\nkind: Service\nmetadata:\n  name: 2048-game\nspec:\n  selector: { app: game }\n  ports: [{ port: 80 }]\n', 'svc.yaml');
    expect(findings.map(f => f.rule)).toEqual(['object-name']);
    const suggestion = /; use '([^']*)'$/.exec(findings[0].message)?.[1];
    expect(suggestion).toBe('svc-2048-game');
  });

  // An object with neither apiVersion nor kind, that does not look like a Pod, is told both are missing.
  test('an object without apiVersion and kind is told both are missing', () => {
    const findings = lintText('metadata:\n  name: web\nspec:\n  nodeSelector:\n    gpu: "true"\n', 'fragment.yaml');
    expect(findings.filter(f => f.rule === 'api-version-kind').map(f => f.message)).toEqual(['apiVersion and kind are missing; set both, such as apiVersion: v1 and kind: ConfigMap, or apiVersion: apps/v1 and kind: Deployment']);
  });
});
