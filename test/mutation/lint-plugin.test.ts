// The cdk8s-cli validation plugin (PodValidation): what it reports to cdk8s for each finding, when
// the run fails, and which options reach the rules.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PodValidation } from '../../lib';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-plugin-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A pod whose only finding is a warning (host-network-dns). */
const WARNING_POD = [
  'apiVersion: v1', 'kind: Pod', 'metadata: {name: net}', 'spec:', '  hostNetwork: true', '  containers:', '  - name: app', '    image: busybox:1.36', '',
].join('\n');
/** A pod without findings, unless the restricted Pod Security Standard is checked. */
const PLAIN_POD = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: plain}', 'spec:', '  containers:', '  - name: app', '    image: busybox:1.36', ''].join('\n');

interface Run {
  readonly status?: string;
  readonly metadata?: { [key: string]: string };
  readonly violations: any[];
}

async function run(plugin: PodValidation, files: { [name: string]: string }): Promise<Run> {
  const manifests = Object.entries(files).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
  const violations: any[] = [];
  let status: string | undefined;
  let metadata: { [key: string]: string } | undefined;
  await plugin.validate({
    manifests,
    report: { addViolation: v => violations.push(v), submit: (s, m) => { status = s; metadata = m; } },
  });
  return { status, metadata, violations };
}

test('a warning is reported with its rule, message, fix and resource, and the run succeeds', async () => {
  // GIVEN / WHEN
  const r = await run(new PodValidation(), { 'net.yaml': WARNING_POD });

  // THEN
  expect(r.status).toEqual('success');
  expect(r.metadata).toEqual({ findings: '1' });
  expect(r.violations).toEqual([{
    ruleName: 'host-network-dns (warning)',
    recommendation: expect.stringContaining('dnsPolicy'),
    fix: 'see `npx cdk8s-pods rules` for host-network-dns',
    violatingResources: [{ resourceName: 'net', manifestPath: path.join(dir, 'net.yaml'), locations: ['spec.dnsPolicy'] }],
  }]);
});

test('strict: a warning fails the run', async () => {
  const r = await run(new PodValidation({ strict: true }), { 'net.yaml': WARNING_POD });
  expect(r.status).toEqual('failure');
  expect(r.violations.map(v => v.ruleName)).toEqual(['host-network-dns (warning)']);
});

test('strict: false and no findings: the run succeeds with zero findings', async () => {
  const r = await run(new PodValidation({ strict: false }), { 'plain.yaml': PLAIN_POD });
  expect(r).toEqual({ status: 'success', metadata: { findings: '0' }, violations: [] });
});

test('a finding without a path names its line instead, and one without an object an empty resource', async () => {
  // GIVEN: a manifest that is not valid YAML
  const r = await run(new PodValidation(), { 'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n' });

  // THEN
  expect(r.status).toEqual('failure');
  const syntax = r.violations.filter(v => v.ruleName === 'yaml-syntax (error)');
  expect(syntax.length).toBeGreaterThan(0);
  expect(syntax[0].violatingResources).toEqual([{ resourceName: '', manifestPath: path.join(dir, 'broken.yaml'), locations: ['line 4'] }]);
});

test('podSecurityStandard and kubernetesVersion reach the rules', async () => {
  // GIVEN / WHEN
  const plain = await run(new PodValidation(), { 'plain.yaml': PLAIN_POD });
  const restricted = await run(new PodValidation({ podSecurityStandard: 'restricted', kubernetesVersion: '1.30' }), { 'plain.yaml': PLAIN_POD });

  // THEN
  expect(plain.status).toEqual('success');
  expect(restricted.status).toEqual('failure');
  expect(restricted.violations.length).toBeGreaterThan(0);
});

test.each([
  [null, 'cdk8s-pods PodValidation in cdk8s.yaml: properties must be a mapping, got null'],
  ['baseline', 'cdk8s-pods PodValidation in cdk8s.yaml: properties must be a mapping, got "baseline"'],
  [{ stritc: true, podSecurityStandard: 'restrictd' }, "cdk8s-pods PodValidation in cdk8s.yaml: unknown property 'stritc'; the properties are podSecurityStandard, strict, kubernetesVersion; podSecurityStandard 'restrictd' is not a Pod Security Standard level; use 'baseline' or 'restricted' (values are case-sensitive): did you mean 'restricted'?"],
])('fails when the properties are %j', (props, message) => {
  expect(() => new PodValidation(props as any)).toThrow(message);
});
