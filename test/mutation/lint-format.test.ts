// The three output formats of `cdk8s-pods lint` (lib/lint/format.ts), on a hand-made run result so
// each field can be asserted exactly: --format json, the human report and SARIF.
import * as path from 'path';
import { RULES } from '../../lib';
import type { FileFinding, LintResult } from '../../lib';
import { escapeControl, humanReport, jsonReport, sarifReport } from '../../lib/lint/format';

const ERROR: FileFinding = {
  file: 'app/pod.yaml', line: 7, kind: 'Pod', name: 'web', rule: 'port-clash', severity: 'error',
  path: 'spec.containers[1].ports[0].containerPort', segments: [], message: 'both listen on port 80/TCP',
};
const WARNING: FileFinding = {
  file: 'app/pod.yaml', line: 3, kind: 'Pod', name: 'web', rule: 'host-network-dns', severity: 'warning',
  path: 'spec.dnsPolicy', segments: [], message: 'hostNetwork pod has dnsPolicy unset',
};
const NO_OBJECT: FileFinding = { file: 'broken.yaml', rule: 'yaml-syntax', severity: 'error', path: '', segments: [], message: 'bad indentation' };
const SUPPRESSED: FileFinding = {
  ...ERROR, line: 9, rule: 'image-tag', message: 'image has no tag', suppressed: { annotation: 'cdk8s-pods.io/ignore', reason: 'pinned by digest upstream' },
};

test('jsonReport counts errors and warnings of the active findings and lists suppressed findings apart', () => {
  // GIVEN
  const result: LintResult = { findings: [ERROR, WARNING, NO_OBJECT, SUPPRESSED], files: 3, skipped: [{ file: 'kustomization.yaml', reason: 'a Kustomization' }] };

  // WHEN
  const report = jsonReport(result);

  // THEN
  expect(report).toEqual({
    findings: [
      { file: 'app/pod.yaml', line: 7, kind: 'Pod', name: 'web', path: 'spec.containers[1].ports[0].containerPort', rule: 'port-clash', severity: 'error', message: 'both listen on port 80/TCP', suppressed: undefined },
      { file: 'app/pod.yaml', line: 3, kind: 'Pod', name: 'web', path: 'spec.dnsPolicy', rule: 'host-network-dns', severity: 'warning', message: 'hostNetwork pod has dnsPolicy unset', suppressed: undefined },
      { file: 'broken.yaml', line: undefined, kind: undefined, name: undefined, path: '', rule: 'yaml-syntax', severity: 'error', message: 'bad indentation', suppressed: undefined },
    ],
    suppressed: [
      { file: 'app/pod.yaml', line: 9, kind: 'Pod', name: 'web', path: 'spec.containers[1].ports[0].containerPort', rule: 'image-tag', severity: 'error', message: 'image has no tag', suppressed: { annotation: 'cdk8s-pods.io/ignore', reason: 'pinned by digest upstream' } },
    ],
    summary: { files: 3, errors: 2, warnings: 1, skipped: [{ file: 'kustomization.yaml', reason: 'a Kustomization' }] },
  });
});

test('humanReport prints each finding on two lines, then the summary with skipped and suppressed counts', () => {
  // GIVEN
  const result: LintResult = { findings: [ERROR, NO_OBJECT, SUPPRESSED], files: 4, skipped: [{ file: 'kustomization.yaml', reason: 'a Kustomization' }] };

  // WHEN / THEN
  expect(humanReport(result)).toEqual([
    'app/pod.yaml:7 Pod/web spec.containers[1].ports[0].containerPort',
    '  error [port-clash] both listen on port 80/TCP',
    'broken.yaml',
    '  error [yaml-syntax] bad indentation',
    '2 errors, 0 warnings in 3 files; 1 file skipped as not Kubernetes manifests; 1 suppressed by cdk8s-pods.io/ignore',
  ].join('\n'));
});

test('humanReport uses the singular for one of each, and names a missing kind or name with ?', () => {
  // GIVEN: an object with a name but no kind
  const result: LintResult = { findings: [{ ...WARNING, kind: undefined }], files: 1, skipped: [] };

  // WHEN / THEN
  expect(humanReport(result)).toEqual([
    'app/pod.yaml:3 ?/web spec.dnsPolicy',
    '  warning [host-network-dns] hostNetwork pod has dnsPolicy unset',
    '0 errors, 1 warning in 1 file',
  ].join('\n'));
  expect(humanReport({ findings: [{ ...ERROR, name: undefined }], files: 2, skipped: [{ file: 'a.yaml', reason: 'x' }, { file: 'b.yaml', reason: 'y' }] })).toEqual([
    'app/pod.yaml:7 Pod/? spec.containers[1].ports[0].containerPort',
    '  error [port-clash] both listen on port 80/TCP',
    '1 error, 0 warnings in 0 files; 2 files skipped as not Kubernetes manifests',
  ].join('\n'));
});

test('humanReport escapes control characters of file names, paths and messages', () => {
  // GIVEN: an ANSI escape, a tab and a newline in a message, a bidi override in a file name
  const result: LintResult = { findings: [{ ...NO_OBJECT, file: 'a\u202eb.yaml', message: 'x\u001b[31my\tz\nw' }], files: 1, skipped: [] };

  // WHEN / THEN
  expect(humanReport(result).split('\n').slice(0, 2)).toEqual(['a\\u202eb.yaml', '  error [yaml-syntax] x\\x1b[31my\\tz\\nw']);
});

test('escapeControl writes C0, DEL and C1 controls and Unicode line and bidi controls as escapes, and keeps the rest', () => {
  expect(escapeControl('\u0000\u0008\u000b\u001f\u007f\u009f\u2028\u2029\u202a\u2066\u2069')).toEqual(
    '\\x00\\x08\\x0b\\x1f\\x7f\\x9f\\u2028\\u2029\\u202a\\u2066\\u2069',
  );
  expect(escapeControl('plain text: é, 日本, ~ and  ')).toEqual('plain text: é, 日本, ~ and  ');
});

test('sarifReport describes every rule and gives each finding its level, message, location and suppression', () => {
  // GIVEN
  const cwd = path.join(path.sep, 'work', 'repo');
  const outside = path.join(path.sep, 'elsewhere', 'pod.yaml');
  const result: LintResult = {
    findings: [ERROR, NO_OBJECT, { ...WARNING, file: outside }, { ...WARNING, file: '-', line: undefined }, SUPPRESSED,
      { ...SUPPRESSED, suppressed: { annotation: 'cdk8s-pods.io/ignore' } }],
    files: 3,
    skipped: [],
  };

  // WHEN
  const text = sarifReport(result, '1.2.3', cwd);
  const log = JSON.parse(text);

  // THEN: indented JSON, one SARIF run
  expect(text).toEqual(JSON.stringify(log, undefined, 2));
  const run = log.runs[0];
  expect(run.tool.driver.name).toEqual('cdk8s-pods');
  expect(run.tool.driver.version).toEqual('1.2.3');
  expect(run.tool.driver.rules.map((r: any) => [r.id, r.shortDescription.text])).toEqual(RULES.map(r => [r.id, r.description]));
  const results = run.results.map((r: any) => ({
    level: r.level,
    text: r.message.text,
    rule: r.ruleId,
    uri: r.locations[0].physicalLocation.artifactLocation.uri,
    line: r.locations[0].physicalLocation.region.startLine,
    suppressions: r.suppressions,
  }));
  expect(results).toEqual([
    { level: 'error', text: 'spec.containers[1].ports[0].containerPort: both listen on port 80/TCP', rule: 'port-clash', uri: 'app/pod.yaml', line: 7, suppressions: undefined },
    { level: 'error', text: 'bad indentation', rule: 'yaml-syntax', uri: 'broken.yaml', line: 1, suppressions: undefined },
    { level: 'warning', text: 'spec.dnsPolicy: hostNetwork pod has dnsPolicy unset', rule: 'host-network-dns', uri: `file://${outside.split(path.sep).join('/')}`, line: 3, suppressions: undefined },
    { level: 'warning', text: 'spec.dnsPolicy: hostNetwork pod has dnsPolicy unset', rule: 'host-network-dns', uri: 'stdin', line: 1, suppressions: undefined },
    { level: 'error', text: 'spec.containers[1].ports[0].containerPort: image has no tag', rule: 'image-tag', uri: 'app/pod.yaml', line: 9, suppressions: [{ kind: 'inSource', justification: 'pinned by digest upstream' }] },
    { level: 'error', text: 'spec.containers[1].ports[0].containerPort: image has no tag', rule: 'image-tag', uri: 'app/pod.yaml', line: 9, suppressions: [{ kind: 'inSource', justification: 'cdk8s-pods.io/ignore annotation' }] },
  ]);
});
