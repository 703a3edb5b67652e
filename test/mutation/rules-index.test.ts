// checkManifest (lib/rules/index.ts) called directly, as the validation plugin and the constructs do: its option
// checks, the shape switch, a rule that throws, and Lists, whose items are checked with the caller's options.
import { checkManifest } from '../../lib/rules';

const pod = (spec: object = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...spec },
});
const brief = (findings: ReturnType<typeof checkManifest>) => findings.map(f => `${f.severity} ${f.rule} ${f.path}: ${f.message}`);

test('an unknown Kubernetes version is a TypeError even when the Pod Security level is fine (or unset)', () => {
  // WHEN / THEN
  expect(() => checkManifest(pod(), { kubernetesVersion: '1.99' as never })).toThrow(TypeError);
  expect(() => checkManifest(pod(), { kubernetesVersion: '1.99' as never })).toThrow(/1\.99/);
  expect(() => checkManifest(pod(), { podSecurityStandard: 'baseline', kubernetesVersion: '1.99' as never })).toThrow(/1\.99/);
  expect(checkManifest(pod(), { kubernetesVersion: '1.34' })).toEqual([]);
});

test('shape: false leaves out the shape rules, and only them', () => {
  // GIVEN a Pod with a field of the wrong type and a container without an image tag
  const manifest = pod({ hostNetwork: 'yes', containers: [{ name: 'web', image: 'nginx' }] });

  // WHEN
  const all = brief(checkManifest(manifest)).map(f => f.split(':')[0]);
  const noShape = brief(checkManifest(manifest, { shape: false })).map(f => f.split(':')[0]);

  // THEN
  expect(all).toContain('error field-type spec.hostNetwork');
  expect(noShape).toEqual(all.filter(f => f !== 'error field-type spec.hostNetwork'));
});

test('a rule that throws is reported as an error of that rule at the object, and the other rules still run', () => {
  // GIVEN a Service whose ports cannot be read (an object built in code, as a construct or plugin passes it)
  const service = {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'Web' },
    spec: { get ports(): unknown { throw new Error('ports are unreadable'); } },
  };

  // WHEN
  const findings = checkManifest(service, { shape: false });

  // THEN
  expect(findings.filter(f => f.rule === 'service')).toEqual([{
    rule: 'service', severity: 'error', path: '', segments: [],
    message: 'the rule stopped on a value it does not understand (ports are unreadable), so this object was not fully checked; fix the field types it names, and report this input to cdk8s-pods',
  }]);
  expect(findings.map(f => f.rule)).toContain('object-name');
});

test('a thrown value that is not an Error is shown as text', () => {
  // GIVEN
  const service = {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
    // eslint-disable-next-line no-throw-literal
    spec: { get ports(): unknown { throw 'not an Error'; } },
  };

  // WHEN / THEN
  expect(brief(checkManifest(service, { shape: false }).filter(f => f.rule === 'service'))).toEqual([
    'error service : the rule stopped on a value it does not understand (not an Error), so this object was not fully checked; fix the field types it names, and report this input to cdk8s-pods',
  ]);
});

describe('a List', () => {
  const list = (...items: object[]) => ({ apiVersion: 'v1', kind: 'List', items });

  test('reports a shape mistake of an item once, at the item', () => {
    // WHEN
    const findings = brief(checkManifest(list(pod({ hostNetwork: 'yes' }))));

    // THEN
    expect(findings.filter(f => f.startsWith('error field-type'))).toEqual([
      "error field-type items[0].spec.hostNetwork: hostNetwork is the string 'yes' but must be a boolean; write true or false",
    ]);
  });

  test('checks its items with the options given: a disabled rule stays off, the Pod Security level applies', () => {
    // GIVEN an item with two containers on one port, and no securityContext
    const items = list(pod({ containers: [
      { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
      { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', ports: [{ containerPort: 80 }] },
    ] }));

    // WHEN
    const rules = (options: Parameters<typeof checkManifest>[1]) => checkManifest(items, options).map(f => `${f.rule} ${f.path}`);

    // THEN
    expect(rules({})).toEqual(['port-clash items[0].spec.containers[1].ports[0].containerPort']);
    expect(rules({ disable: ['port-clash'] })).toEqual([]);
    expect(rules({ podSecurityStandard: 'restricted' }).filter(r => r.startsWith('pss-run-as-non-root'))).toEqual([
      'pss-run-as-non-root items[0].spec.containers[0].securityContext.runAsNonRoot',
      'pss-run-as-non-root items[0].spec.containers[1].securityContext.runAsNonRoot',
    ]);
  });

  test('that is not a List (kind List without items, or items on another kind) is checked as one object', () => {
    // WHEN
    const noItems = checkManifest({ apiVersion: 'v1', kind: 'List', items: 'none' }).map(f => f.rule);
    const clash = pod({ containers: [{ name: 'a', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
    const podWithItems = checkManifest({ ...pod(), items: [clash] }).map(f => `${f.rule} ${f.path}`);

    // THEN
    expect(noItems).toContain('field-type');
    expect(podWithItems.filter(f => f.startsWith('port-clash'))).toEqual([]);
    expect(podWithItems).toContain('unknown-field items');
  });
});
