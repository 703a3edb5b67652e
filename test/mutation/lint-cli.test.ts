// The `cdk8s-pods` command line (lib/lint/cli.ts), run in-process through `main(argv, write, writeErr)`: exit codes
// and exactly what is written to standard output and standard error for help, --version, usage errors, `lint` (its
// formats, --strict, suppressed findings, --disable, --exclude, --pod-security, --kubernetes-version), `convert`
// (standard output, --out and its report line, lint errors, --strict, --keep-server-fields) and `rules`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as convertModule from '../../lib/convert';
import { ConvertError } from '../../lib/convert';
import * as lintIndex from '../../lib/lint/index';
import { main } from '../../lib/lint/cli';
import { RULES } from '../../lib/rules';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

interface Run { code: number; out: string; err: string }

/** Runs the command line with captured output. */
function cli(...args: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, t => out.push(t), t => err.push(t));
  return { code, out: out.join(''), err: err.join('') };
}

/** Help text with its line wrapping undone, so that a description can be found whatever the terminal width. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const pod = (name: string, extra = '', meta = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${meta}spec:\n  containers:\n  - name: web\n    image: nginx:1.27\n${extra}`;

const FILES: Record<string, string> = {
  // no finding
  'clean.yaml': pod('clean'),
  // one error: port-clash at line 11
  'ports.yaml': pod('ports', '    ports:\n    - containerPort: 80\n    - containerPort: 80\n'),
  // two errors: port-clash twice
  'ports2.yaml': pod('ports2', '    ports:\n    - containerPort: 80\n    - containerPort: 80\n    - containerPort: 81\n    - containerPort: 81\n'),
  // one warning only: memory-milli at line 11
  'milli.yaml': pod('milli', '    resources:\n      requests:\n        memory: 512m\n'),
  // the port-clash error, suppressed by the ignore annotation
  'suppressed.yaml': pod('suppressed', '    ports:\n    - containerPort: 80\n    - containerPort: 80\n',
    '  annotations:\n    cdk8s-pods.io/ignore: port-clash\n    cdk8s-pods.io/ignore-reason: documented twice\n'),
  // a privileged container: only a Pod Security check finds it
  'privileged.yaml': pod('privileged', '    securityContext:\n      privileged: true\n'),
  // a native sidecar: an error against Kubernetes 1.28 (the default), fine from 1.29
  'sidecar.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sidecar\nspec:\n  initContainers:\n  - name: proxy\n    image: envoy:1.30\n    restartPolicy: Always\n  containers:\n  - name: web\n    image: nginx:1.27\n',
  // two Pods: two objects
  'two.yaml': `${pod('one')}---\n${pod('two')}`,
  // a server-set field
  'uid.yaml': pod('uid', '', '  uid: 6c1f7e7a-0000-4000-8000-000000000001\n'),
  // a StatefulSet claim template the typed props cannot write: one escape-hatch patch
  'claim.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres:16}]\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi, cpu: "1"}}\n',
};

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cli-'));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
  // two StatefulSets like claim.yaml: two objects and two patches
  fs.writeFileSync(path.join(dir, 'claims.yaml'), `${FILES['claim.yaml']}---\n${FILES['claim.yaml'].replace(/\bdb\b/g, 'cache')}`);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  jest.restoreAllMocks();
});

const PORT_CLASH_HUMAN = (f: string) => `${f}:11 Pod/${path.basename(f, '.yaml')} spec.containers[0].ports[1].containerPort\n  error [port-clash] container 'web' declares port 80/TCP twice; remove the duplicate\n`;
const MILLI_HUMAN = (f: string) => `${f}:11 Pod/${path.basename(f, '.yaml')} spec.containers[0].resources.requests.memory\n  warning [memory-milli] requests.memory '512m' of container 'web' means 512 thousandths of a byte; did you mean '512Mi'?\n`;

describe('help, version and usage errors', () => {
  test('no arguments: the help on standard error, exit 2', () => {
    // WHEN
    const r = cli();

    // THEN
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: cdk8s-pods \[options\] \[command\]\n/);
    expect(flat(r.err)).toContain(' Typed Kubernetes pods for cdk8s, and a linter for the pod mistakes the API server rejects or that break at run time ');
    expect(flat(r.err)).toContain(' -V, --version print the version ');
  });

  test.each([['--version'], ['-V']])('%s prints the version from package.json and exits 0', flag => {
    // WHEN
    const r = cli(flag);

    // THEN
    expect(PACKAGE.name).toBe('cdk8s-pods');
    expect(r).toEqual({ code: 0, out: `${PACKAGE.version}\n`, err: '' });
  });

  test('--help: the program help on standard output with every command and its description, exit 0', () => {
    // WHEN
    const r = cli('--help');

    // THEN
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Usage: cdk8s-pods \[options\] \[command\]\n\nTyped Kubernetes pods/);
    const help = flat(r.out);
    expect(help).toContain(' Typed Kubernetes pods for cdk8s, and a linter for the pod mistakes the API server rejects or that break at run time ');
    expect(help).toContain(' -V, --version print the version ');
    expect(help).toContain(' lint [options] <paths...> check Kubernetes YAML: every object\'s shape, and Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs in depth ');
    expect(help).toContain(' convert [options] <paths...> write a cdk8s program (TypeScript) that uses these constructs and synthesizes the same objects as the input; lint errors become comments at their objects ');
    expect(help).toContain(' rules list the rules ');
  });

  test('lint --help: every option with its description, choices and defaults, exit 0', () => {
    // WHEN
    const r = cli('lint', '--help');

    // THEN
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Usage: cdk8s-pods lint \[options\] <paths\.\.\.>\n/);
    const help = flat(r.out);
    expect(help).toContain(' paths YAML or JSON files, directories to search for them, or - for standard input ');
    expect(help).toContain(' --format <format> output format (choices: "human", "json", "sarif", default: "human") ');
    expect(help).toContain(' --strict fail on warnings too (default: false) ');
    expect(help).toContain(' --pod-security <level> check a Pod Security Standard: its checks run, as errors (choices: "baseline", "restricted") ');
    expect(help).toMatch(/ --kubernetes-version <version> the Kubernetes release to check against: its schema, served API versions and behaviour \(choices: "1\.28", "1\.29", [^)]*default: "1\.28"\) /);
    expect(help).toContain(' --exclude <glob> leave out files and directories matching the glob (repeatable; a glob without / matches base names) (default: []) ');
    expect(help).toContain(' --disable <rule> do not run a rule (repeatable, or comma-separated) (default: []) ');
  });

  test('convert --help: every option with its description and defaults, exit 0', () => {
    // WHEN
    const r = cli('convert', '--help');

    // THEN
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Usage: cdk8s-pods convert \[options\] <paths\.\.\.>\n/);
    const help = flat(r.out);
    expect(help).toContain(' paths YAML or JSON files, directories to search for them, or - for standard input ');
    expect(help).toContain(' --out <file> write the program to this file instead of standard output ');
    expect(help).toContain(' --strict refuse input with lint errors (exit 1 with the findings) (default: false) ');
    expect(help).toContain(' --keep-server-fields keep status, metadata.uid, resourceVersion, creationTimestamp, managedFields, generation, selfLink and the last-applied-configuration annotation (default: false) ');
    expect(help).toMatch(/ --kubernetes-version <version> the Kubernetes release to lint against and to check the pods against \(setKubernetesVersion\) \(choices: "1\.28", [^)]*"\) /);
  });

  test('help <command> prints that command\'s help on standard output, exit 0', () => {
    // WHEN
    const r = cli('help', 'rules');

    // THEN
    expect(r).toEqual({ code: 0, out: expect.stringMatching(/^Usage: cdk8s-pods rules \[options\]\n\nlist the rules\n/), err: '' });
  });

  test.each([[['help', 'frobnicate']], [['--']]])('%j is a usage error: the program help on standard error, exit 2, as without arguments', argv => {
    // WHEN
    const r = cli(...argv);

    // THEN
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: cdk8s-pods \[options\] \[command\]\n/);
  });

  test('an unknown command is a usage error: commander\'s message on standard error, exit 2', () => {
    expect(cli('frobnicate')).toEqual({ code: 2, out: '', err: "error: unknown command 'frobnicate'\n" });
  });

  test('an unknown option is a usage error, exit 2', () => {
    expect(cli('--nope')).toEqual({ code: 2, out: '', err: "error: unknown option '--nope'\n" });
    expect(cli('lint', '--nope', file('clean.yaml'))).toEqual({ code: 2, out: '', err: "error: unknown option '--nope'\n" });
  });

  test('lint without paths, or with a format that is not a choice, is a usage error, exit 2', () => {
    expect(cli('lint')).toEqual({ code: 2, out: '', err: "error: missing required argument 'paths'\n" });
    expect(cli('lint', '--format', 'xml', file('clean.yaml'))).toEqual({
      code: 2, out: '', err: "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are human, json, sarif.\n",
    });
    expect(cli('lint', '--pod-security', 'privileged', file('clean.yaml')).code).toBe(2);
    expect(cli('lint', '--kubernetes-version', '1.27', file('clean.yaml')).code).toBe(2);
  });

  test('without write functions, output goes to process.stdout and process.stderr', () => {
    // GIVEN
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // WHEN
    let version: number, unknown: number, written: unknown[][], writtenErr: unknown[][];
    try {
      version = main(['--version']);
      unknown = main(['frobnicate']);
      written = [...stdout.mock.calls];
      writtenErr = [...stderr.mock.calls];
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }

    // THEN
    expect(version).toBe(0);
    expect(unknown).toBe(2);
    expect(written).toEqual([[`${PACKAGE.version}\n`]]);
    expect(writtenErr).toEqual([["error: unknown command 'frobnicate'\n"]]);
  });

  test('an error that is not commander\'s (here: standard output fails) is written as cdk8s-pods: <message>, exit 2', () => {
    // GIVEN a write function that throws, like a closed pipe
    const err: string[] = [];
    const write = () => { throw new Error('EPIPE: broken pipe'); };

    // WHEN
    const code = main(['lint', file('clean.yaml')], write, t => err.push(t));

    // THEN
    expect(code).toBe(2);
    expect(err).toEqual(['cdk8s-pods: EPIPE: broken pipe\n']);
  });
});

describe('lint', () => {
  test('a clean Pod: the human summary, exit 0', () => {
    expect(cli('lint', file('clean.yaml'))).toEqual({ code: 0, out: '0 errors, 0 warnings in 1 file\n', err: '' });
  });

  test('a Pod with an error: the finding and the summary, exit 1', () => {
    expect(cli('lint', file('ports.yaml'))).toEqual({ code: 1, out: `${PORT_CLASH_HUMAN(file('ports.yaml'))}1 error, 0 warnings in 1 file\n`, err: '' });
  });

  test('--format human is the default', () => {
    expect(cli('lint', '--format', 'human', file('ports.yaml'))).toEqual(cli('lint', file('ports.yaml')));
  });

  test('a Pod with only a warning exits 0, and 1 with --strict', () => {
    // GIVEN
    const out = `${MILLI_HUMAN(file('milli.yaml'))}0 errors, 1 warning in 1 file\n`;

    // THEN
    expect(cli('lint', file('milli.yaml'))).toEqual({ code: 0, out, err: '' });
    expect(cli('lint', '--strict', file('milli.yaml'))).toEqual({ code: 1, out, err: '' });
  });

  test('--strict on a clean Pod still exits 0', () => {
    expect(cli('lint', '--strict', file('clean.yaml'))).toEqual({ code: 0, out: '0 errors, 0 warnings in 1 file\n', err: '' });
  });

  test('a suppressed error does not count, not even with --strict', () => {
    // GIVEN
    const out = '0 errors, 0 warnings in 1 file; 1 suppressed by cdk8s-pods.io/ignore\n';

    // THEN
    expect(cli('lint', file('suppressed.yaml'))).toEqual({ code: 0, out, err: '' });
    expect(cli('lint', '--strict', file('suppressed.yaml'))).toEqual({ code: 0, out, err: '' });
  });

  test('--format json: the report as indented JSON and a newline; suppressed findings listed apart; exit codes as for human', () => {
    // WHEN
    const warning = cli('lint', '--format', 'json', file('milli.yaml'));
    const suppressed = cli('lint', '--format', 'json', file('suppressed.yaml'));
    const error = cli('lint', '--format', 'json', file('ports.yaml'));

    // THEN
    expect(warning.code).toBe(0);
    expect(warning.err).toBe('');
    expect(warning.out).toBe(JSON.stringify({
      findings: [{
        file: file('milli.yaml'), line: 11, kind: 'Pod', name: 'milli', path: 'spec.containers[0].resources.requests.memory', rule: 'memory-milli', severity: 'warning',
        message: "requests.memory '512m' of container 'web' means 512 thousandths of a byte; did you mean '512Mi'?",
      }],
      suppressed: [],
      summary: { files: 1, errors: 0, warnings: 1, skipped: [] },
    }, undefined, 2) + '\n');
    expect(suppressed.code).toBe(0);
    const report = JSON.parse(suppressed.out);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f: any) => [f.rule, f.suppressed])).toEqual([['port-clash', { annotation: 'cdk8s-pods.io/ignore', reason: 'documented twice' }]]);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 0, skipped: [] });
    expect(error.code).toBe(1);
    expect(JSON.parse(error.out).summary).toEqual({ files: 1, errors: 1, warnings: 0, skipped: [] });
  });

  test('--format sarif: a SARIF log whose driver carries the package version, and a newline; exit 1 on an error', () => {
    // WHEN
    const r = cli('lint', '--format', 'sarif', file('ports.yaml'));

    // THEN
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out.endsWith('}\n')).toBe(true);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver.name).toBe('cdk8s-pods');
    expect(log.runs[0].tool.driver.version).toBe(PACKAGE.version);
    expect(log.runs[0].results.map((x: any) => [x.ruleId, x.level, x.message.text, x.locations[0].physicalLocation.region.startLine])).toEqual([
      ['port-clash', 'error', "spec.containers[0].ports[1].containerPort: container 'web' declares port 80/TCP twice; remove the duplicate", 11],
    ]);
    expect(cli('lint', '--format', 'sarif', file('clean.yaml')).code).toBe(0);
  });

  test('--disable collects rules from repeated and comma-separated values, trimmed, blanks dropped', () => {
    // GIVEN an error (port-clash) and a warning (memory-milli) in two files
    const paths = [file('ports.yaml'), file('milli.yaml')];

    // WHEN
    const all = cli('lint', '--strict', ...paths);
    const noClash = cli('lint', '--disable', 'port-clash', ...paths);
    const commas = cli('lint', '--strict', '--disable', ' port-clash , ,memory-milli,', ...paths);
    const repeated = cli('lint', '--strict', '--disable', 'port-clash', '--disable', 'memory-milli', ...paths);
    const firstKept = cli('lint', '--strict', '--disable', 'memory-milli', '--disable', 'io', ...paths);

    // THEN
    expect(all).toEqual({ code: 1, out: `${MILLI_HUMAN(file('milli.yaml'))}${PORT_CLASH_HUMAN(file('ports.yaml'))}1 error, 1 warning in 2 files\n`, err: '' });
    expect(noClash).toEqual({ code: 0, out: `${MILLI_HUMAN(file('milli.yaml'))}0 errors, 1 warning in 2 files\n`, err: '' });
    expect(commas).toEqual({ code: 0, out: '0 errors, 0 warnings in 2 files\n', err: '' });
    expect(repeated).toEqual(commas);
    expect(firstKept).toEqual({ code: 1, out: `${PORT_CLASH_HUMAN(file('ports.yaml'))}1 error, 0 warnings in 2 files\n`, err: '' });
  });

  test('--disable with a rule that does not exist: cdk8s-pods: <message> on standard error, exit 2, no report', () => {
    expect(cli('lint', '--disable', 'port-clash,no-such-rule', file('clean.yaml'))).toEqual({
      code: 2, out: '', err: "cdk8s-pods: --disable names 'no-such-rule', which is not a rule; see `cdk8s-pods rules` for the ids\n",
    });
  });

  test('--exclude leaves out matching files, repeatable and comma-separated', () => {
    // WHEN
    const one = cli('lint', '--exclude', 'ports.yaml', dir);
    const two = cli('lint', '--exclude', 'ports*.yaml', '--exclude', 'sidecar.yaml,claim*.yaml', dir);

    // THEN
    expect(one.code).toBe(1);
    expect(one.out).not.toContain('ports.yaml:');
    expect(one.out).toContain(`${file('ports2.yaml')}:11 `);
    expect(two.code).toBe(0);
    expect(two.out).toBe(`${MILLI_HUMAN(file('milli.yaml'))}0 errors, 1 warning in 6 files; 1 suppressed by cdk8s-pods.io/ignore\n`);
  });

  test('--pod-security baseline turns a privileged container into an error; restricted checks more', () => {
    // WHEN
    const plain = cli('lint', file('privileged.yaml'));
    const baseline = cli('lint', '--pod-security', 'baseline', file('privileged.yaml'));
    const restricted = cli('lint', '--format', 'json', '--pod-security', 'restricted', file('clean.yaml'));

    // THEN
    expect(plain).toEqual({ code: 0, out: '0 errors, 0 warnings in 1 file\n', err: '' });
    expect(baseline).toEqual({
      code: 1,
      out: `${file('privileged.yaml')}:10 Pod/privileged spec.containers[0].securityContext.privileged\n  error [pss-privileged] container 'web' is privileged and has full access to the node; remove privileged: true and add only the capabilities it needs\n1 error, 0 warnings in 1 file\n`,
      err: '',
    });
    expect(restricted.code).toBe(1);
    expect(JSON.parse(restricted.out).findings.map((f: any) => [f.rule, f.severity])).toEqual([
      ['pss-capabilities-restricted', 'error'], ['pss-privilege-escalation', 'error'], ['pss-run-as-non-root', 'error'], ['pss-seccomp-restricted', 'error'],
    ]);
  });

  test('--kubernetes-version: a native sidecar is an error against 1.28, the default, and fine against 1.29', () => {
    // WHEN
    const byDefault = cli('lint', '--format', 'json', file('sidecar.yaml'));
    const v128 = cli('lint', '--format', 'json', '--kubernetes-version', '1.28', file('sidecar.yaml'));
    const v129 = cli('lint', '--kubernetes-version', '1.29', file('sidecar.yaml'));

    // THEN
    expect(byDefault.code).toBe(1);
    expect(JSON.parse(byDefault.out).findings.map((f: any) => f.rule)).toEqual(['container-restart-policy']);
    expect(v128).toEqual(byDefault);
    expect(v129).toEqual({ code: 0, out: '0 errors, 0 warnings in 1 file\n', err: '' });
  });

  test('a TypeError from linting is a usage error; any other error is reported by the outer handler', () => {
    // GIVEN
    const lint = jest.spyOn(lintIndex, 'lintPaths');

    // WHEN / THEN: a TypeError
    lint.mockImplementationOnce(() => { throw new TypeError('bad option'); });
    expect(cli('lint', file('clean.yaml'))).toEqual({ code: 2, out: '', err: 'cdk8s-pods: bad option\n' });

    // WHEN / THEN: another error is rethrown, not turned into a report
    lint.mockImplementationOnce(() => { throw new RangeError('out of range'); });
    expect(cli('lint', file('clean.yaml'))).toEqual({ code: 2, out: '', err: 'cdk8s-pods: out of range\n' });
  });

  test('lintPaths gets the options and keeps suppressed findings', () => {
    // GIVEN
    const lint = jest.spyOn(lintIndex, 'lintPaths');

    // WHEN
    cli('lint', '--pod-security', 'baseline', '--kubernetes-version', '1.29', '--exclude', 'a', '--disable', 'io', file('clean.yaml'));

    // THEN
    expect(lint).toHaveBeenCalledWith([file('clean.yaml')], { podSecurityStandard: 'baseline', kubernetesVersion: '1.29', exclude: ['a'], disable: ['io'], keepSuppressed: true });
  });
});

describe('convert', () => {
  test('to standard output: the program, nothing on standard error, exit 0', () => {
    expect(cli('convert', file('clean.yaml'))).toEqual({
      code: 0,
      out: `// Generated by \`cdk8s-pods convert\` from ${file('clean.yaml')}: 1 object.

import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Pod } from 'cdk8s-pods';

// ${file('clean.yaml')} (1 object)
class CleanChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);

    new Pod(this, 'Clean', { name: 'clean', containers: [{ name: 'web', image: 'nginx:1.27' }] });
  }
}

const app = new App();
new CleanChart(app, 'clean');
app.synth();
`,
      err: '',
    });
  });

  describe('--out', () => {
    let outDir: string;
    beforeEach(() => { outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cli-out-')); });
    afterEach(() => { fs.rmSync(outDir, { recursive: true, force: true }); });

    test('writes the program to the file and reports one object', () => {
      // GIVEN
      const out = path.join(outDir, 'main.ts');

      // WHEN
      const r = cli('convert', '--out', out, file('clean.yaml'));

      // THEN
      expect(r).toEqual({ code: 0, out: '', err: `wrote ${out}: 1 object\n` });
      expect(fs.readFileSync(out, 'utf8')).toBe(cli('convert', file('clean.yaml')).out);
    });

    test('plural objects', () => {
      const out = path.join(outDir, 'main.ts');
      expect(cli('convert', '--out', out, file('two.yaml'))).toEqual({ code: 0, out: '', err: `wrote ${out}: 2 objects\n` });
    });

    test('one escape-hatch patch, and two', () => {
      const out = path.join(outDir, 'main.ts');
      expect(cli('convert', '--out', out, file('claim.yaml'))).toEqual({ code: 0, out: '', err: `wrote ${out}: 1 object, 1 escape-hatch patch (TODO(convert))\n` });
      expect(cli('convert', '--out', out, file('claims.yaml'))).toEqual({ code: 0, out: '', err: `wrote ${out}: 2 objects, 2 escape-hatch patches (TODO(convert))\n` });
      expect(fs.readFileSync(out, 'utf8')).toMatch(/^\/\/ Generated by `cdk8s-pods convert` from .*claims\.yaml: 2 objects, 2 fields carried by the escape hatch \(TODO\(convert\)\)\.\n/);
    });

    test('into a directory that does not exist: cannot write, exit 1, and no lint-error note after it', () => {
      // GIVEN
      const out = path.join(outDir, 'missing', 'main.ts');

      // WHEN
      const r = cli('convert', '--out', out, file('ports.yaml'));

      // THEN
      expect(r).toEqual({ code: 1, out: '', err: `cdk8s-pods convert: cannot write ${out}: ENOENT\n` });
      expect(fs.existsSync(out)).toBe(false);
    });

    test('with lint errors: the report line, then the note', () => {
      const out = path.join(outDir, 'main.ts');
      expect(cli('convert', '--out', out, file('ports2.yaml'))).toEqual({
        code: 0,
        out: '',
        err: `wrote ${out}: 1 object\ncdk8s-pods convert: the input has 2 lint errors, written as comments at their objects; cdk8s synth fails on them until they are fixed (--strict refuses such input)\n`,
      });
    });
  });

  test('input with one lint error: the program on standard output, the note (singular) on standard error, exit 0', () => {
    // WHEN
    const r = cli('convert', file('ports.yaml'));

    // THEN
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\/\/ Generated by `cdk8s-pods convert` from .*ports\.yaml: 1 object\.\n\/\/ Lint found 1 error, written as comments at its object/);
    expect(r.err).toBe('cdk8s-pods convert: the input has 1 lint error, written as comments at their objects; cdk8s synth fails on them until they are fixed (--strict refuses such input)\n');
  });

  test('input with two lint errors: the note in the plural', () => {
    expect(cli('convert', file('ports2.yaml')).err).toBe('cdk8s-pods convert: the input has 2 lint errors, written as comments at their objects; cdk8s synth fails on them until they are fixed (--strict refuses such input)\n');
  });

  test('a warning is no lint error: no note', () => {
    expect(cli('convert', file('milli.yaml'))).toMatchObject({ code: 0, err: '' });
  });

  test('--strict refuses input with lint errors: cdk8s-pods convert: <message>, exit 1, no program', () => {
    expect(cli('convert', '--strict', file('ports.yaml'))).toEqual({
      code: 1,
      out: '',
      err: `cdk8s-pods convert: not converted: lint found 1 error, and strict conversion refuses them; fix them or convert without strict to get them as comments:\n${PORT_CLASH_HUMAN(file('ports.yaml'))}1 error, 0 warnings in 1 file\n`,
    });
    expect(cli('convert', '--strict', file('clean.yaml'))).toMatchObject({ code: 0, err: '' });
  });

  test('a file that cannot be read: cdk8s-pods convert: cannot convert, exit 1', () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(cli('convert', missing)).toEqual({ code: 1, out: '', err: `cdk8s-pods convert: cannot convert:\n  ${missing}: cannot read the file: no such file or directory\n` });
  });

  test('server-set fields are dropped unless --keep-server-fields', () => {
    // WHEN
    const dropped = cli('convert', file('uid.yaml'));
    const kept = cli('convert', '--keep-server-fields', file('uid.yaml'));

    // THEN
    expect(dropped.code).toBe(0);
    expect(dropped.out.split('\n')[1]).toBe('// Fields the API server sets were dropped (--keep-server-fields keeps them): metadata.uid (1).');
    expect(kept.code).toBe(0);
    expect(kept.out).not.toContain('were dropped');
    expect(kept.out).toContain('6c1f7e7a-0000-4000-8000-000000000001');
  });

  test('--kubernetes-version sets the charts\' release; the default sets none', () => {
    expect(cli('convert', '--kubernetes-version', '1.29', file('clean.yaml')).out).toContain('\n    setKubernetesVersion(this, KubernetesVersion.V1_29);\n');
    expect(cli('convert', file('clean.yaml')).out).not.toContain('setKubernetesVersion');
    expect(cli('convert', '--kubernetes-version', '1.27', file('clean.yaml')).code).toBe(2);
  });

  test('convertDetailed gets the options', () => {
    // GIVEN
    const convert = jest.spyOn(convertModule, 'convertDetailed');

    // WHEN
    cli('convert', '--strict', '--keep-server-fields', '--kubernetes-version', '1.29', file('clean.yaml'));
    cli('convert', file('clean.yaml'));

    // THEN
    expect(convert.mock.calls).toEqual([
      [[file('clean.yaml')], { strict: true, keepServerFields: true, kubernetesVersion: '1.29' }],
      [[file('clean.yaml')], { strict: false, keepServerFields: false, kubernetesVersion: undefined }],
    ]);
  });

  test('a TypeError from converting is a usage error (exit 2); a ConvertError exit 1; another error goes to the outer handler', () => {
    // GIVEN
    const convert = jest.spyOn(convertModule, 'convertDetailed');

    // WHEN / THEN
    convert.mockImplementationOnce(() => { throw new TypeError('bad option'); });
    expect(cli('convert', file('clean.yaml'))).toEqual({ code: 2, out: '', err: 'cdk8s-pods: bad option\n' });
    convert.mockImplementationOnce(() => { throw new ConvertError('refused', [], []); });
    expect(cli('convert', file('clean.yaml'))).toEqual({ code: 1, out: '', err: 'cdk8s-pods convert: refused\n' });
    convert.mockImplementationOnce(() => { throw new RangeError('out of range'); });
    expect(cli('convert', file('clean.yaml'))).toEqual({ code: 2, out: '', err: 'cdk8s-pods: out of range\n' });
  });
});

describe('rules', () => {
  test('one line per rule: the id padded to 30, the severity padded to 8, the description; exit 0', () => {
    // WHEN
    const r = cli('rules');

    // THEN
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.endsWith('\n')).toBe(true);
    const lines = r.out.slice(0, -1).split('\n');
    expect(lines).toHaveLength(RULES.length);
    expect(lines[0]).toBe('io                             error    every file named or found can be read: it exists, is a regular file or a link inside the linted directories, and each document is under 16 MiB (lint only)');
    expect(lines).toContain("memory-milli                   warning  memory and storage in 'm' (thousandths of a byte) is almost always a mistake for Mi");
    expect(lines).toEqual(RULES.map(rule => `${rule.id.padEnd(30)} ${rule.severity.padEnd(8)} ${rule.description}`));
  });
});
