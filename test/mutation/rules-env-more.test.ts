// More of the env rules (lib/rules/env.ts), as `lintText` reports them (rule id, field path and the
// whole message): the edges of $(VAR) parsing, empty and non-string values that other rules report
// (field-type, required-field) and the env rules leave alone, and the helpers the volume rules share.
import { checkManifest, lintText } from '../../lib';
import { ENV_FIELD_PATHS, fieldPathProblem, resourceFieldProblems, variableReferences, VOLUME_FIELD_PATHS } from '../../lib/rules/env';

type Kind = 'Pod' | 'CronJob';

function findingsFor(spec: object, kind: Kind = 'Pod'): string[][] {
  const object = kind === 'CronJob'
    ? { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', ...spec } } } } } }
    : { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
  return lintText(JSON.stringify(object), 'pod.yaml').map(f => [f.rule, f.path, f.message]);
}

/** A pod spec whose one container 'app' has these fields. */
const app = (fields: object) => ({ containers: [{ name: 'app', image: 'busybox:1.36', ...fields }] });
const C = 'spec.containers[0]';
const NO_NAME = "an env entry of container 'app' has no name; give every variable a name such as 'PROFILE'";
const FIELDS = ENV_FIELD_PATHS.join(', ');
const RESOURCES = 'limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage';
const undefinedInEnv = (i: number, name: string, ref: string) =>
  ['env-reference', `${C}.env[${i}].value`, `env '${name}' of container 'app' uses $(${ref}), which the container does not define; Kubernetes leaves it as the literal text, so define '${ref}' earlier in env, or write $$(${ref}) for a literal`];
const undefinedInArgs = (field: string, i: number, ref: string) =>
  ['command-reference', `${C}.${field}[${i}]`, `${field}[${i}] of container 'app' uses $(${ref}), which the container's env does not define; Kubernetes leaves it unexpanded, so add '${ref}' to env, or write $$(${ref}) for a literal`];

describe('variableReferences', () => {
  test('$$ escapes one $, so the $ after it can start a reference', () => {
    expect(variableReferences('$$$(A)')).toEqual(['A']);
    expect(variableReferences('$$(A)')).toEqual([]);
    expect(variableReferences('$(A)$(B)')).toEqual(['A', 'B']);
  });

  test('a $ not followed by ( starts no reference, whatever comes before the next )', () => {
    expect(variableReferences('echo $HOME)')).toEqual([]);
    expect(variableReferences('$.NAME) $(B')).toEqual([]);
  });
});

test('an env name that is null is missing; a name of another type is left to field-type', () => {
  expect(findingsFor(app({ env: [{ name: null, value: 'a' }] }))).toEqual([
    ['env-name', `${C}.env[0].name`, NO_NAME],
  ]);
  expect(findingsFor(app({ env: [{ name: 5, value: 'a' }] }))).toEqual([
    ['field-type', `${C}.env[0].name`, 'name is the number 5 but must be a string; quote it: "5"'],
  ]);
});

test('two entries without a name are not duplicates of each other', () => {
  expect(findingsFor(app({ env: [{ value: 'a' }, { value: 'b' }] }))).toEqual([
    ['env-name', `${C}.env[0].name`, NO_NAME],
    ['env-name', `${C}.env[1].name`, NO_NAME],
  ]);
});

test('an empty envFrom list defines nothing: undefined references in env, command and args are reported', () => {
  expect(findingsFor(app({ envFrom: [], env: [{ name: 'A', value: '$(NOPE)' }], args: ['$(HOME)'] }))).toEqual([
    undefinedInArgs('args', 0, 'HOME'),
    undefinedInEnv(0, 'A', 'NOPE'),
  ]);
});

test('entries with a name that is not a string, or none, are no did-you-mean candidates', () => {
  expect(findingsFor(app({ env: [{ name: 5, value: 'x' }, { name: 'B', value: '$(NOPE)' }] }))).toEqual([
    ['field-type', `${C}.env[0].name`, 'name is the number 5 but must be a string; quote it: "5"'],
    undefinedInEnv(1, 'B', 'NOPE'),
  ]);
  expect(findingsFor(app({ env: [{ value: 'x' }], args: ['$(NOPE)'] }))).toEqual([
    undefinedInArgs('args', 0, 'NOPE'),
    ['env-name', `${C}.env[0].name`, NO_NAME],
  ]);
});

test('null items of command are skipped; the references of the others are still checked', () => {
  expect(findingsFor(app({ command: [null, '$(NOPE)'] }))).toEqual([
    undefinedInArgs('command', 1, 'NOPE'),
  ]);
});

test('command and args: only a name wholly upper case, digits and _ is checked', () => {
  expect(findingsFor(app({ args: ['$(my_VAR) $(x.HOME) $(Home) $(HOME.dir) $(HOME_2)'] }))).toEqual([
    undefinedInArgs('args', 0, 'HOME_2'),
  ]);
});

test('command and args of a container without env get no did-you-mean suggestion', () => {
  expect(findingsFor(app({ args: ['$(STRYKER_WAS_HERE)'] }))).toEqual([
    undefinedInArgs('args', 0, 'STRYKER_WAS_HERE'),
  ]);
});

test('a CronJob defines JOB_COMPLETION_INDEX', () => {
  expect(findingsFor(app({ env: [{ name: 'A', value: '$(JOB_COMPLETION_INDEX)' }] }), 'CronJob')).toEqual([]);
  expect(findingsFor(app({ env: [{ name: 'A', value: '$(JOB_COMPLETION_INDEX)' }] }))).toEqual([
    undefinedInEnv(0, 'A', 'JOB_COMPLETION_INDEX'),
  ]);
});

test('fieldRef: a label subscript must be the whole path; empty and non-string paths and an empty apiVersion are left to other rules', () => {
  expect(findingsFor(app({ env: [
    { name: 'A', valueFrom: { fieldRef: { fieldPath: "xmetadata.labels['app']" } } },
    { name: 'B', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']x" } } },
    { name: 'C', valueFrom: { fieldRef: { fieldPath: 5 } } },
    { name: 'D', valueFrom: { fieldRef: { fieldPath: '' } } },
    { name: 'E', valueFrom: { fieldRef: { apiVersion: '', fieldPath: 'metadata.name' } } },
  ] }))).toEqual([
    ['field-type', `${C}.env[2].valueFrom.fieldRef.fieldPath`, 'fieldPath is the number 5 but must be a string; quote it: "5"'],
    ['required-field', `${C}.env[3].valueFrom.fieldRef.fieldPath`, "fieldRef has an empty fieldPath, which Kubernetes requires; set a pod field such as 'metadata.name'"],
    ['env-value-ref', `${C}.env[0].valueFrom.fieldRef.fieldPath`, `fieldRef 'xmetadata.labels['app']' of env 'A' of container 'app' is not a pod field Kubernetes exposes here; use one of ${FIELDS}, or metadata.labels['<key>']`],
    ['env-value-ref', `${C}.env[1].valueFrom.fieldRef.fieldPath`, `fieldRef 'metadata.labels['app']x' of env 'B' of container 'app' is not a pod field Kubernetes exposes here; use one of ${FIELDS}, or metadata.labels['<key>']`],
  ]);
});

test('fieldPathProblem for a downwardAPI volume names the env-only fields as such', () => {
  expect(fieldPathProblem('status.podIP', VOLUME_FIELD_PATHS)).toBe(
    "is not a pod field Kubernetes exposes here (status.podIP is only available as an env var); use one of metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, or metadata.labels['<key>']",
  );
  expect(fieldPathProblem('metadata.labels', ENV_FIELD_PATHS)).toBe(
    `is not a pod field Kubernetes exposes here (metadata.labels is only available in a downwardAPI volume); did you mean 'metadata.name'? use one of ${FIELDS}, or metadata.labels['<key>']`,
  );
});

describe('resourceFieldProblems', () => {
  test('a missing, empty or non-string resource is left to required-field and field-type', () => {
    expect(resourceFieldProblems({}, 'W')).toEqual([]);
    expect(resourceFieldProblems({ resource: '' }, 'W')).toEqual([]);
    expect(resourceFieldProblems({ resource: 5, divisor: 'x' }, 'W')).toEqual([]);
    expect(resourceFieldProblems({ resource: '', divisor: 'x' }, 'W')).toEqual([]);
  });

  test('a divisor that is not a quantity, for a cpu resource, is told the cpu divisors', () => {
    expect(resourceFieldProblems({ resource: 'limits.cpu', divisor: 'x' }, 'W')).toEqual([
      ['divisor', "divisor 'x' of limits.cpu in W is not a Kubernetes quantity; use one of 1m, 1, or remove it for 1"],
    ]);
  });

  test('a hugepages resource must start with limits. or requests.', () => {
    expect(resourceFieldProblems({ resource: 'xlimits.hugepages-2Mi' }, 'W')).toEqual([
      ['resource', `resource 'xlimits.hugepages-2Mi' of W is not a container resource Kubernetes exposes; use one of ${RESOURCES}`],
    ]);
    expect(resourceFieldProblems({ resource: 'limits.hugepages-2Mi', divisor: '1Mi' }, 'W')).toEqual([]);
  });

  test('a number divisor is checked like a string one; a zero divisor is not', () => {
    expect(resourceFieldProblems({ resource: 'limits.cpu', divisor: 2 }, 'W')).toEqual([
      ['divisor', 'divisor 2 of limits.cpu in W is not supported; use one of 1m, 1'],
    ]);
    expect(resourceFieldProblems({ resource: 'limits.cpu', divisor: 1 }, 'W')).toEqual([]);
    expect(resourceFieldProblems({ resource: 'limits.cpu', divisor: '0' }, 'W')).toEqual([]);
    expect(resourceFieldProblems({ resource: 'limits.memory', divisor: 0 }, 'W')).toEqual([]);
  });
});

test('resourceFieldRef and key selectors in a pod: empty and non-string values are left to other rules', () => {
  expect(findingsFor(app({ env: [
    { name: 'A', valueFrom: { resourceFieldRef: {} } },
    { name: 'B', valueFrom: { resourceFieldRef: { resource: '' } } },
    { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: 'x' } } },
    { name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: 2 } } },
    { name: 'G', valueFrom: { configMapKeyRef: { name: 'cm', key: 5 } } },
  ] }))).toEqual([
    ['required-field', `${C}.env[0].valueFrom.resourceFieldRef.resource`, "resourceFieldRef has no resource, which Kubernetes requires; set a container resource such as 'limits.memory'"],
    ['required-field', `${C}.env[1].valueFrom.resourceFieldRef.resource`, "resourceFieldRef has an empty resource, which Kubernetes requires; set a container resource such as 'limits.memory'"],
    ['field-type', `${C}.env[4].valueFrom.configMapKeyRef.key`, 'key is the number 5 but must be a string; quote it: "5"'],
    ['env-value-ref', `${C}.env[2].valueFrom.resourceFieldRef.divisor`, "divisor 'x' of limits.cpu in env 'C' of container 'app' is not a Kubernetes quantity; use one of 1m, 1, or remove it for 1"],
    ['env-value-ref', `${C}.env[3].valueFrom.resourceFieldRef.divisor`, "divisor 2 of limits.cpu in env 'E' of container 'app' is not supported; use one of 1m, 1"],
  ]);
});

test('envFrom: a null source is no source, a Secret is named as such, and an empty or non-string prefix is left to other rules', () => {
  expect(findingsFor(app({ envFrom: [
    { configMapRef: null, secretRef: { name: 's' } },
    { secretRef: { name: 'Bad_S' } },
    { prefix: '', configMapRef: { name: 'c' } },
    { prefix: 5, configMapRef: { name: 'c' } },
  ] }))).toEqual([
    ['field-type', `${C}.envFrom[3].prefix`, 'prefix is the number 5 but must be a string; quote it: "5"'],
    ['env-value-ref', `${C}.envFrom[1].secretRef.name`, "Secret name 'Bad_S' in envFrom[1].secretRef of container 'app' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use 'bad-s'"],
  ]);
});

test('envFrom: a source that is a list is left to field-type, even one with a name property (checkManifest of a JS object)', () => {
  const configMapRef = Object.assign(['x'], { name: 'Bad_CM' });
  const found = checkManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: app({ envFrom: [{ configMapRef }] }) });
  expect(found.map(f => [f.rule, f.path, f.message])).toEqual([
    ['field-type', `${C}.envFrom[0].configMapRef`, "configMapRef is a list but must be an object (ConfigMapEnvSource); write the fields of ConfigMapEnvSource as 'key: value' pairs"],
  ]);
});

test('null env items are left to field-type', () => {
  expect(findingsFor(app({ env: [null, { name: 'A', value: 'a' }] }))).toEqual([
    ['field-type', `${C}.env[0]`, 'env[0] is null but must be an object (EnvVar); remove the empty item or fill in its fields'],
  ]);
});
