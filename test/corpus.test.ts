// The manifest corpus: realistic Kubernetes YAML with one main mistake each (test/corpus/invalid)
// and realistic manifests that must lint without errors (test/corpus/valid).
//
// Header comments, on the leading `#` lines of a file:
//   # expect: <severity> <rule-id> <path> "<fragment>"
//       A finding the linter must report, stated literally: its severity (`error` or `warning`),
//       its rule id, its field path exactly as the finding gives it (`spec.containers[1].ports[0].containerPort`;
//       everything between the rule id and the fragment, so a path may hold spaces, as in
//       `metadata.annotations['bad key']`; `-` for a finding without a path, such as a YAML syntax
//       error or a document that is not an object) and a fragment of its message as a JSON string
//       (double quotes, `\"` and `\\` escaped). Example:
//         # expect: error port-clash spec.containers[1].ports[0].containerPort "both listen on port 80/TCP"
//       The list is exhaustive: every finding of the file, error or warning, must match an
//       expectation, and every expectation a finding. Warnings are listed too: the corpus has only
//       a handful, listing them catches a warning rule that stops firing or fires where it should
//       not, and a new warning on the corpus is a change to review like a new error. A valid file
//       may expect warnings, never errors.
//   # why: <one line>            what is wrong (invalid) or what the file shows (valid); the
//                                expectations must be about it (or its direct consequences)
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
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  /** The field path, `''` for a finding without one (written `-`). */
  readonly path: string;
  /** Text the finding's message must contain. */
  readonly text: string;
  /** The header line, for messages. */
  readonly line: string;
}

interface Case {
  /** `invalid/seed-kube-basic.yaml`: relative to test/corpus. */
  readonly file: string;
  readonly text: string;
  readonly expects: Expectation[];
  /** `# expect:` lines that do not follow the syntax. */
  readonly malformed: string[];
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

const EXPECT = /^#\s*expect:\s*(error|warning)\s+([a-z0-9-]+)\s+(.+?)\s+("(?:[^"\\]|\\.)*")\s*$/;

function parseExpect(line: string): Expectation | undefined {
  const m = EXPECT.exec(line);
  if (!m) return undefined;
  let text: unknown;
  try {
    text = JSON.parse(m[4]);
  } catch {
    return undefined;
  }
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return { severity: m[1] as Expectation['severity'], rule: m[2], path: m[3] === '-' ? '' : m[3], text, line };
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
      const expectLines = lines.filter(l => /^#\s*expect:/.test(l));
      const expects = expectLines.flatMap(l => parseExpect(l) ?? []);
      const malformed = expectLines.filter(l => parseExpect(l) === undefined);
      return {
        file, text, expects, malformed, why: field('why'), podSecurity: field('pod-security') as Case['podSecurity'],
        kubernetesVersion: field('kubernetes-version'), knownIssue: field('known-issue'),
      };
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
  return `line ${f.line ?? '?'}: ${f.severity} ${f.rule} ${f.path || '-'} ${JSON.stringify(f.message)}`;
}

function matches(e: Expectation, f: FileFinding): boolean {
  return f.severity === e.severity && f.rule === e.rule && (f.path ?? '') === e.path && f.message.includes(e.text);
}

/**
 * How the findings differ from the expectations: each expectation no finding matches, and each
 * finding no expectation matches (errors and warnings alike), with every finding for context.
 * Empty when they agree.
 */
function differences(c: Case, findings: FileFinding[]): string[] {
  const out = [
    ...c.expects.filter(e => !findings.some(f => matches(e, f))).map(e => `expected, not reported: ${e.line}`),
    ...findings.filter(f => !c.expects.some(e => matches(e, f))).map(f => `reported, not expected: ${show(f)}`),
  ];
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
    expect(differences(c, lint(c))).toEqual([]);
  });

  if (KNOWN_INVALID.length > 0) {
    test.skip.each(KNOWN_INVALID.map(known))('fails when %s: %s (known-issue: %s)', file => {
      const c = byFile.get(file)!;
      expect(differences(c, lint(c))).toEqual([]);
    });
  }
});

describe('valid corpus', () => {
  test.each(ACTIVE_VALID.map(row))('lints clean: %s (%s)', file => {
    const c = byFile.get(file)!;
    const findings = lint(c);
    expect(findings.filter(f => f.severity === 'error').map(show)).toEqual([]);
    expect(differences(c, findings)).toEqual([]);
  });

  if (KNOWN_VALID.length > 0) {
    test.skip.each(KNOWN_VALID.map(known))('lints clean: %s (%s) (known-issue: %s)', file => {
      const c = byFile.get(file)!;
      expect(differences(c, lint(c))).toEqual([]);
    });
  }
});

describe('corpus', () => {
  test('is large enough', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(70);
    expect(VALID.length).toBeGreaterThanOrEqual(18);
  });

  test('every file has a # why: line, every invalid file expects a finding and no valid file expects an error', () => {
    const bad = [
      ...[...INVALID, ...VALID].filter(c => !c.why).map(c => `${c.file}: no # why: line`),
      ...INVALID.filter(c => c.expects.length === 0).map(c => `${c.file}: no # expect: line`),
      ...VALID.flatMap(c => c.expects.filter(e => e.severity === 'error').map(e => `${c.file}: a valid file expects an error: ${e.line}`)),
    ];
    expect(bad).toEqual([]);
  });

  test('every # expect: line follows the syntax and names a rule, and every # pod-security: a level', () => {
    const all = [...INVALID, ...VALID];
    const bad = [
      ...all.flatMap(c => c.malformed.map(l => `${c.file}: not '# expect: <error|warning> <rule-id> <path or -> "<fragment>"': ${l}`)),
      ...all.flatMap(c => c.expects.filter(e => !RULE_BY_ID.has(e.rule)).map(e => `${c.file}: unknown rule '${e.rule}'`)),
      ...all.filter(c => c.podSecurity !== undefined && !['baseline', 'restricted'].includes(c.podSecurity)).map(c => `${c.file}: pod-security '${c.podSecurity}'`),
    ];
    expect(bad).toEqual([]);
  });

  test('the expectations reject what they should: a wrong severity, path or fragment, and an unlisted finding', () => {
    // GIVEN the port clash of one file, as the linter reports it
    const c = byFile.get('invalid/port-clash-two-containers.yaml')!;
    const findings = lint(c);
    expect(differences(c, findings)).toEqual([]);
    const [e] = c.expects;
    // WHEN one part of the expectation is wrong, or the finding is not listed at all
    const variants: Array<Partial<Expectation>> = [{ severity: 'warning' }, { path: 'spec.containers[0].ports[0].containerPort' }, { text: 'both listen on port 81/TCP' }, { rule: 'host-port-clash' }];
    // THEN the case fails
    for (const v of variants) expect(differences({ ...c, expects: [{ ...e, ...v }] }, findings)).not.toEqual([]);
    expect(differences({ ...c, expects: [] }, findings)[0]).toMatch(/^reported, not expected: line \d+: error port-clash spec.containers\[1\]/);
  });

  test('every rule is expected by at least one invalid file that is not a known issue', () => {
    // io and encoding are about reading bytes from disk, which a corpus of texts cannot show: test/lint-adversarial.test.ts covers them.
    // The constructs' own contracts (target 'construct') have no YAML form: their tests are the construct tests.
    const covered = new Set([...ACTIVE_INVALID.flatMap(c => c.expects.map(e => e.rule)), 'io', 'encoding']);
    expect(RULES.filter(r => r.target !== 'construct').map(r => r.id).filter(id => !covered.has(id))).toEqual([]);
    expect(RULES.filter(r => r.target === 'construct').map(r => r.id)).toEqual(['gpu-pod', 'pod', 'shared-volume-pod', 'sidecar-pod']);
  });
});

// ---- The command line --------------------------------------------------------------------------

/**
 * Runs `cdk8s-pods` from the sources (sucrase transpiles them), so the test never builds into the
 * repository: the compiled bin/cdk8s-pods.js is the same `main`, and test/app-repo.test.ts runs it
 * from the packed package.
 */
function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-r', 'sucrase/register', '-e', "process.exitCode = require('./lib/lint/cli').main(process.argv.slice(1))", ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Exit code, and the output when the code is not the expected one, for readable failures. */
function outcome(r: SpawnSyncReturns<string>, expected: number): { status: number | null; output: string } {
  return { status: r.status, output: r.status === expected ? '' : `${r.stdout}${r.stderr}` };
}

const corpusPath = (file: string) => path.join('test', 'corpus', file);

describe('cdk8s-pods lint on the corpus', () => {
  test('exits 0 on the valid corpus', () => {
    // The files are independent examples, several with a Deployment 'web': not one set to apply
    // together, so the rules that relate objects across files are off here (each file is linted with
    // them on, on its own, by the tests above).
    // Files that need a newer Kubernetes release (# kubernetes-version:) are linted with it, a run per release.
    const byVersion = new Map<string, string[]>();
    for (const c of ACTIVE_VALID) byVersion.set(c.kubernetesVersion ?? '1.28', [...byVersion.get(c.kubernetesVersion ?? '1.28') ?? [], corpusPath(c.file)]);
    expect([...byVersion.keys()].sort()).toContain('1.28');
    for (const [version, files] of byVersion) {
      expect({ version, ...outcome(cli('lint', '--kubernetes-version', version, '--disable', 'duplicate-object,service-selects,service-target-port,ingress-backend,statefulset-service,selector-overlap', ...files), 0) }).toEqual({ version, status: 0, output: '' });
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
    expect(findings).toEqual([expect.objectContaining({
      file: corpusPath('invalid/field-type-container-port-string.yaml'), kind: 'Pod', name: 'web',
      path: 'spec.containers[0].ports[0].containerPort', rule: 'field-type', severity: 'error',
      message: "containerPort is the string '80' but must be an integer; write 80 without quotes",
    })]);
  });

  test("the human output for the notes' 'name:kube-basic' suggests the fix", () => {
    const r = cli('lint', corpusPath('invalid/seed-kube-basic.yaml'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("did you mean 'name: kube-basic'?");
  });

  test('--strict fails a valid file that has only warnings', () => {
    const file = 'valid/host-network-default-dns.yaml';
    const findings = lint(byFile.get(file)!);
    expect(findings.map(f => [f.severity, f.rule])).toEqual([['warning', 'host-network-dns']]);
    expect(outcome(cli('lint', corpusPath(file)), 0)).toEqual({ status: 0, output: '' });
    expect(cli('lint', '--strict', corpusPath(file)).status).toBe(1);
  });

  test('--pod-security restricted passes the hardened pod and fails an unhardened one', () => {
    expect(outcome(cli('lint', '--pod-security', 'restricted', corpusPath('valid/restricted-hardened.yaml')), 0)).toEqual({ status: 0, output: '' });
    expect(outcome(cli('lint', corpusPath('invalid/pss-privilege-escalation.yaml')), 0)).toEqual({ status: 0, output: '' });
    const r = cli('lint', '--pod-security', 'restricted', corpusPath('invalid/pss-privilege-escalation.yaml'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("container 'api' allows privilege escalation");
  });
});
