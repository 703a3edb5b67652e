// Survivors of lib/convert/workload.ts (test/mutation/SURVIVORS.md) that no YAML case of test/convert/cases/ can
// show in a golden program: which candidates convert tries for each kind (Jobs and CronJobs have no selector to
// try), the notes of a valid CronJob, and the label selectors and strategies the typed props take or leave to the
// escape hatch, shape by shape (most of those shapes are lint errors, and one per object would make a case file
// of dozens of near-copies).
import { Expr, print } from '../../lib/convert/code';
import { podCandidates } from '../../lib/convert/pod';
import { workloadCandidates } from '../../lib/convert/workload';

const container = { name: 'app', image: 'busybox:1.36' };

/** A workload of a kind, with a template whose labels are `app: web`, and the spec fields given. */
function workload(kind: string, spec: { [key: string]: unknown } = {}): { [key: string]: any } {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } };
  const apiVersion = kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const body = kind === 'CronJob' ? { schedule: '0 * * * *', jobTemplate: { spec: { template } }, ...spec } : { template, ...spec };
  return { apiVersion, kind, metadata: { name: 'web' }, spec: body };
}

function candidates(value: { [key: string]: any }) {
  return workloadCandidates(value, 'Web', () => 'WebPod', '__converted', base => base);
}

/** The workload construct's props of one candidate: [0] without the input's selector, [1] with it. */
function props(value: { [key: string]: any }, index: number): Expr {
  const stmts = candidates(value)[index].stmts;
  const workloadNew = stmts[stmts.length - 1].expr;
  if (workloadNew.t !== 'new') throw new Error('not a construct');
  return workloadNew.args[2];
}

/** One prop of the workload, as the program writes it, or undefined when the candidate leaves it out. */
function prop(value: { [key: string]: any }, key: string, index = 0): string | undefined {
  const p = props(value, index);
  if (p.t !== 'obj') throw new Error('no props object');
  const entry = p.props.find(([k]) => k === key);
  return entry === undefined ? undefined : print(entry[1], '');
}

describe('the candidates of each kind', () => {
  test('a replicated workload is tried without its selector, then with it, for each way to write its pod; a Job or CronJob once (its selector is generated)', () => {
    const t = workload('Job').spec.template;
    const pods = podCandidates(t.metadata, t.spec, { metadata: ['spec', 'template', 'metadata'], spec: ['spec', 'template', 'spec'] }, base => base, { template: true }).length;
    expect(pods).toBeGreaterThan(0);
    expect(candidates(workload('Deployment')).length).toBe(2 * pods);
    expect(candidates(workload('StatefulSet')).length).toBe(2 * pods);
    expect(candidates(workload('DaemonSet')).length).toBe(2 * pods);
    expect(candidates(workload('Job')).length).toBe(pods);
    expect(candidates(workload('CronJob')).length).toBe(pods);
  });

  test('a CronJob with a string schedule has no note; one without a schedule has the reason', () => {
    expect([...candidates(workload('CronJob'))[0].notes]).toEqual([]);
    expect([...candidates(workload('CronJob', { schedule: undefined }))[0].notes]).toEqual([['/spec/schedule', 'CronJobProps.schedule must be a string']]);
  });
});

describe('label selectors', () => {
  const withSelector = (selector: unknown) => prop(workload('Deployment', { selector }), 'selector', 1);

  test('matchLabels and matchExpressions, with and without values, become a typed selector', () => {
    expect(withSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }, { key: 'canary', operator: 'Exists' }],
    })).toBe("{\n  matchLabels: { app: 'web' },\n  matchExpressions: [\n    { key: 'tier', operator: LabelSelectorOperator.NOT_IN, values: ['batch'] },\n    { key: 'canary', operator: LabelSelectorOperator.EXISTS },\n  ],\n}");
    expect(withSelector({ matchExpressions: [] })).toBe('{ matchExpressions: [] }');
    expect(withSelector({})).toBe('{}');
    // The candidate without the selector leaves it to the library (which picks it from the template's labels).
    expect(prop(workload('Deployment', { selector: { matchLabels: { app: 'web' } } }), 'selector', 0)).toBeUndefined();
  });

  test.each([
    ['a field a LabelSelector has no prop for', { matchLabels: { app: 'web' }, matchFields: [] }],
    ['matchLabels with a number', { matchLabels: { app: 'web', version: 2 } }],
    ['matchLabels that is a list', { matchLabels: ['app'] }],
    ['matchExpressions that is no list', { matchExpressions: { key: 'tier', operator: 'Exists' } }],
    ['an expression that is no object', { matchExpressions: ['tier'] }],
    ['an expression without a key', { matchExpressions: [{ operator: 'Exists' }] }],
    ['an expression whose key is a number', { matchExpressions: [{ key: 1, operator: 'Exists' }] }],
    ['an operator in lower case', { matchExpressions: [{ key: 'tier', operator: 'in', values: ['web'] }] }],
    ['values that is a string', { matchExpressions: [{ key: 'tier', operator: 'In', values: 'web' }] }],
    ['values with a number', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 1] }] }],
    ['an expression with a field it has no prop for', { matchExpressions: [{ key: 'tier', operator: 'Exists', value: 'web' }] }],
    ['a valid expression, then an invalid one', { matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'zone', operator: 'Near' }] }],
    ['a selector that is no object', 'app=web'],
  ])('%s: no typed selector (the escape hatch carries it)', (_what, selector) => {
    expect(withSelector(selector)).toBeUndefined();
  });
});

describe('strategies', () => {
  const deployment = (strategy: unknown) => prop(workload('Deployment', { strategy }), 'strategy');
  const statefulSet = (updateStrategy: unknown) => prop(workload('StatefulSet', { updateStrategy }), 'updateStrategy');

  test('counts and percentages, whole or with decimals, become rollingUpdate options', () => {
    expect(deployment({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '2.5%', maxUnavailable: '10%' } })).toBe("DeploymentStrategy.rollingUpdate({ maxSurge: '2.5%', maxUnavailable: '10%' })");
    expect(deployment({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '12.25%' } })).toBe("DeploymentStrategy.rollingUpdate({ maxSurge: '12.25%' })");
    expect(statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: 2, maxUnavailable: '50%' } })).toBe("StatefulSetUpdateStrategy.rollingUpdate({ partition: 2, maxUnavailable: '50%' })");
  });

  test.each([
    ['a field beside type and rollingUpdate', { type: 'RollingUpdate', maxSurge: 1 }],
    ['a Recreate strategy with parameters', { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }],
    ['a type Kubernetes does not have', { type: 'BlueGreen' }],
    ['rollingUpdate that is no object', { type: 'RollingUpdate', rollingUpdate: '25%' }],
    ['a valid option, then one that is no count', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 'one' } }],
    ['a percentage after other text', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'x25%' } }],
    ['a percentage with text after it', { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%x' } }],
    ['a percentage without digits after the point', { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25.%' } }],
    ['a count that is no whole number', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1.5 } }],
  ])('Deployment, %s: no typed strategy', (_what, strategy) => {
    expect(deployment(strategy)).toBeUndefined();
  });

  test('a StatefulSet partition is a number, never a percentage', () => {
    expect(statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } })).toBe('StatefulSetUpdateStrategy.rollingUpdate({ partition: 0 })');
    expect(statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: '50%' } })).toBeUndefined();
    expect(statefulSet({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, partition: '1' } })).toBeUndefined();
  });
});

describe('volume claim templates', () => {
  const claims = (accessModes: string[]) => prop(workload('StatefulSet', {
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes, resources: { requests: { storage: '1Gi' } } } }],
  }), 'volumeClaimTemplates');

  test('access modes become AccessMode members; one the library does not have leaves the list to the escape hatch', () => {
    expect(claims(['ReadWriteOnce', 'ReadWriteMany'])).toBe("[{ name: 'data', storage: Size.gibibytes(1), accessModes: [AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_MANY] }]");
    expect(claims(['ReadWriteOnce', 'RWX'])).toBeUndefined();
  });
});
