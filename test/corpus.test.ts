// The manifest corpus: realistic Kubernetes YAML with one main mistake each (test/corpus/invalid)
// and realistic manifests that must lint without errors (test/corpus/valid).
//
// Header comments, on the leading `#` lines of a file:
//   # expect: <rule-id> [text]   the rule must report (with severity error if the rule is an error
//                                rule or its Pod Security level is enforced); with text, some finding
//                                of that rule must contain it in its message. One line per rule.
//   # why: <one line>            what is wrong (invalid) or what the file shows (valid)
//   # pod-security: <level>      lint with { podSecurityStandard: level } (baseline or restricted)
//   # kubernetes-version: <v>    lint with { kubernetesVersion: v } (default 1.28)
//   # known-issue: <text>        a linter bug: the case is skipped until the rule is fixed
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { lintText, RULES } from '../lib';
import type { CheckOptions, FileFinding, Rule } from '../lib';

const ROOT = path.join(__dirname, '..');
const CORPUS = path.join(__dirname, 'corpus');

interface Expectation {
  readonly rule: string;
  /** Text some finding of the rule must contain in its message. */
  readonly text?: string;
}

interface Case {
  /** `invalid/seed-kube-basic.yaml`: relative to test/corpus. */
  readonly file: string;
  readonly text: string;
  readonly expects: Expectation[];
  readonly why?: string;
  readonly podSecurity?: 'baseline' | 'restricted';
  readonly kubernetesVersion?: string;
  readonly knownIssue?: string;
}

function header(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    out.push(line);
  }
  return out;
}

function load(dir: 'valid' | 'invalid'): Case[] {
  return fs.readdirSync(path.join(CORPUS, dir))
    .filter(name => name.endsWith('.yaml'))
    .sort()
    .map(name => {
      const file = `${dir}/${name}`;
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const lines = header(text);
      const field = (key: string) => lines.map(l => new RegExp(`^#\\s*${key}:\\s*(.*?)\\s*$`).exec(l)?.[1]).find(v => v !== undefined);
      const expects = lines.flatMap(l => {
        const m = /^#\s*expect:\s*(\S+)(?:\s+(.*?))?\s*$/.exec(l);
        return m ? [{ rule: m[1], text: m[2] || undefined }] : [];
      });
      return { file, text, expects, why: field('why'), podSecurity: field('pod-security') as Case['podSecurity'], kubernetesVersion: field('kubernetes-version'), knownIssue: field('known-issue') };
    });
}

const INVALID = load('invalid');
const VALID = load('valid');
const RULE_BY_ID = new Map<string, Rule>(RULES.map(r => [r.id, r]));

function lint(c: Case): FileFinding[] {
  const options: CheckOptions = { podSecurityStandard: c.podSecurity, kubernetesVersion: c.kubernetesVersion as CheckOptions['kubernetesVersion'] };
  return lintText(c.text, c.file, options);
}

function show(f: FileFinding): string {
  return `${f.line ?? '?'}: ${f.severity} [${f.rule}] ${f.path}: ${f.message}`;
}

/** Whether enforcing `level` turns a check of `ruleLevel` into an error. */
function enforced(level: string | undefined, ruleLevel: string | undefined): boolean {
  if (ruleLevel === undefined || level === undefined) return false;
  return level === 'restricted' || (level === 'baseline' && ruleLevel === 'baseline');
}

/** What an invalid case expects and the linter did not report, with every finding for context. */
function missing(c: Case, findings: FileFinding[]): string[] {
  const out: string[] = [];
  for (const e of c.expects) {
    const rule = RULE_BY_ID.get(e.rule);
    const hits = findings.filter(f => f.rule === e.rule && (e.text === undefined || f.message.includes(e.text)));
    const mustBeError = rule !== undefined && (rule.severity === 'error' || enforced(c.podSecurity, rule.podSecurityLevel));
    const what = `[${e.rule}]${e.text !== undefined ? ` containing '${e.text}'` : ''}`;
    if (hits.length === 0) out.push(`${what} not reported`);
    else if (mustBeError && !hits.some(f => f.severity === 'error')) out.push(`${what} reported, but not as an error`);
  }
  if (out.length > 0) out.push(`findings of ${c.file}:`, ...findings.map(show));
  return out;
}

const row = (c: Case): [string, string] => [c.file, c.why ?? '(no # why: line)'];
const known = (c: Case): [string, string, string] => [c.file, c.why ?? '(no # why: line)', c.knownIssue!];
const byFile = new Map([...INVALID, ...VALID].map(c => [c.file, c]));
const ACTIVE_INVALID = INVALID.filter(c => c.knownIssue === undefined);
const ACTIVE_VALID = VALID.filter(c => c.knownIssue === undefined);
const KNOWN_INVALID = INVALID.filter(c => c.knownIssue !== undefined);
const KNOWN_VALID = VALID.filter(c => c.knownIssue !== undefined);

describe('invalid corpus', () => {
  test.each(ACTIVE_INVALID.map(row))('fails when %s: %s', file => {
    const c = byFile.get(file)!;
    expect(missing(c, lint(c))).toEqual([]);
  });

  if (KNOWN_INVALID.length > 0) {
    test.skip.each(KNOWN_INVALID.map(known))('fails when %s: %s (known-issue: %s)', file => {
      const c = byFile.get(file)!;
      expect(missing(c, lint(c))).toEqual([]);
    });
  }
});

describe('valid corpus', () => {
  test.each(ACTIVE_VALID.map(row))('lints clean: %s (%s)', file => {
    const c = byFile.get(file)!;
    const errors = lint(c).filter(f => f.severity === 'error').map(show);
    expect(errors).toEqual([]);
  });

  if (KNOWN_VALID.length > 0) {
    test.skip.each(KNOWN_VALID.map(known))('lints clean: %s (%s) (known-issue: %s)', file => {
      const c = byFile.get(file)!;
      expect(lint(c).filter(f => f.severity === 'error').map(show)).toEqual([]);
    });
  }
});

describe('corpus', () => {
  test('is large enough', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(70);
    expect(VALID.length).toBeGreaterThanOrEqual(18);
  });

  test('every file has a # why: line, and every invalid file expects at least one rule', () => {
    const bad = [
      ...[...INVALID, ...VALID].filter(c => !c.why).map(c => `${c.file}: no # why: line`),
      ...INVALID.filter(c => c.expects.length === 0).map(c => `${c.file}: no # expect: line`),
      ...VALID.filter(c => c.expects.length > 0).map(c => `${c.file}: a valid file has # expect: lines`),
    ];
    expect(bad).toEqual([]);
  });

  test('every # expect: names a rule and every # pod-security: a level', () => {
    const bad = [
      ...INVALID.flatMap(c => c.expects.filter(e => !RULE_BY_ID.has(e.rule)).map(e => `${c.file}: unknown rule '${e.rule}'`)),
      ...[...INVALID, ...VALID].filter(c => c.podSecurity !== undefined && !['baseline', 'restricted'].includes(c.podSecurity)).map(c => `${c.file}: pod-security '${c.podSecurity}'`),
    ];
    expect(bad).toEqual([]);
  });

  test('every rule is expected by at least one invalid file that is not a known issue', () => {
    // io and encoding are about reading bytes from disk, which a corpus of texts cannot show: test/lint-adversarial.test.ts covers them.
    const covered = new Set([...ACTIVE_INVALID.flatMap(c => c.expects.map(e => e.rule)), 'io', 'encoding']);
    expect(RULES.map(r => r.id).filter(id => !covered.has(id))).toEqual([]);
  });
});

// ---- The compiled command line ----------------------------------------------------------------

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join('bin', 'cdk8s-pods.js'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Exit code, and the output when the code is not the expected one, for readable failures. */
function outcome(r: SpawnSyncReturns<string>, expected: number): { status: number | null; output: string } {
  return { status: r.status, output: r.status === expected ? '' : `${r.stdout}${r.stderr}` };
}

const corpusPath = (file: string) => path.join('test', 'corpus', file);

describe('cdk8s-pods lint on the corpus', () => {
  beforeAll(() => {
    const cliJs = path.join(ROOT, 'build', 'lib', 'cli.js');
    if (fs.existsSync(cliJs) && fs.statSync(cliJs).mtimeMs >= newest(path.join(ROOT, 'lib'))) return;
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
  }, 300000);

  test('exits 0 on the valid corpus', () => {
    // Known false positives would fail the run: lint the other files by name until they are fixed.
    // The files are independent examples, several with a Deployment 'web': not one set to apply together.
    // Files that need a newer Kubernetes release (# kubernetes-version:) are linted with it, a run per release.
    const byVersion = new Map<string, string[]>();
    for (const c of ACTIVE_VALID) byVersion.set(c.kubernetesVersion ?? '1.28', [...byVersion.get(c.kubernetesVersion ?? '1.28') ?? [], corpusPath(c.file)]);
    expect([...byVersion.keys()].sort()).toContain('1.28');
    for (const [version, files] of byVersion) {
      expect({ version, ...outcome(cli('lint', '--kubernetes-version', version, '--disable', 'duplicate-object', ...files), 0) }).toEqual({ version, status: 0, output: '' });
    }
  });

  test('exits 1 on the invalid corpus', () => {
    expect(cli('lint', corpusPath('invalid')).status).toBe(1);
  });

  test('--format json prints parseable findings with file, kind, name, path, rule, severity and message', () => {
    const r = cli('lint', '--format', 'json', corpusPath('invalid'));
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Array.isArray(report.findings)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(INVALID.length);
    for (const f of report.findings) {
      expect(f).toEqual(expect.objectContaining({
        file: expect.any(String), path: expect.any(String), rule: expect.any(String), severity: expect.stringMatching(/^(error|warning)$/), message: expect.any(String),
      }));
    }
    // kind and name are there whenever the object has them.
    const one = cli('lint', '--format', 'json', corpusPath('invalid/field-type-container-port-string.yaml'));
    expect(one.status).toBe(1);
    const findings = JSON.parse(one.stdout).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['file', 'kind', 'name', 'path', 'rule', 'severity', 'message']));
    }
    expect(findings).toContainEqual(expect.objectContaining({
      file: corpusPath('invalid/field-type-container-port-string.yaml'), kind: 'Pod', name: 'web',
      path: 'spec.containers[0].ports[0].containerPort', rule: 'field-type', severity: 'error',
    }));
  });

  test("the human output for the notes' 'name:kube-basic' suggests the fix", () => {
    const r = cli('lint', corpusPath('invalid/seed-kube-basic.yaml'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("did you mean 'name: kube-basic'?");
  });

  test('--strict fails a valid file that has only warnings', () => {
    const file = 'valid/host-network-default-dns.yaml';
    const findings = lint(byFile.get(file)!);
    expect(findings.filter(f => f.severity === 'error').map(show)).toEqual([]);
    expect(findings.filter(f => f.severity === 'warning').length).toBeGreaterThan(0);
    expect(outcome(cli('lint', corpusPath(file)), 0)).toEqual({ status: 0, output: '' });
    expect(cli('lint', '--strict', corpusPath(file)).status).toBe(1);
  });

  test('--pod-security restricted passes the hardened pod and fails an unhardened one', () => {
    expect(outcome(cli('lint', '--pod-security', 'restricted', corpusPath('valid/restricted-hardened.yaml')), 0)).toEqual({ status: 0, output: '' });
    expect(outcome(cli('lint', corpusPath('invalid/pss-privilege-escalation.yaml')), 0)).toEqual({ status: 0, output: '' });
    expect(cli('lint', '--pod-security', 'restricted', corpusPath('invalid/pss-privilege-escalation.yaml')).status).toBe(1);
  });
});
