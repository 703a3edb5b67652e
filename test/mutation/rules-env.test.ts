// The env rules (lib/rules/env.ts) on a Pod (or a Job's pod template) with one container 'app', as
// `lintText` reports them: rule id, field path and the whole message.
import { lintText } from '../../lib';
import type { CheckOptions } from '../../lib';

function findingsFor(spec: object, options: CheckOptions & { kind?: 'Pod' | 'Job' } = {}): string[][] {
  const { kind, ...checkOptions } = options;
  const object = kind === 'Job'
    ? { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', ...spec } } } }
    : { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
  return lintText(JSON.stringify(object), 'pod.yaml', checkOptions).map(f => [f.rule, f.path, f.message]);
}

/** A pod spec whose one container 'app' has these fields. */
const app = (fields: object) => ({ containers: [{ name: 'app', image: 'busybox:1.36', ...fields }] });
const C = 'spec.containers[0]';
const NOT_ENV = "is not a valid environment variable name: use letters, digits, '_', '-' and '.', not starting with a digit";
const FIELDS = 'metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs';
const RESOURCES = 'limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage';
const BYTE_DIVISORS = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';
const NOT_SUBDOMAIN = "is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";

test('fails when env names are missing or invalid, before Kubernetes 1.32', () => {
  expect(findingsFor(app({ env: [{ name: '', value: 'a' }, { value: 'b' }, { name: '1A', value: 'c' }, { name: 'a=b', value: 'd' }] }))).toEqual([
    ['env-name', `${C}.env[0].name`, "an env entry of container 'app' has no name; give every variable a name such as 'PROFILE'"],
    ['env-name', `${C}.env[1].name`, "an env entry of container 'app' has no name; give every variable a name such as 'PROFILE'"],
    ['env-name', `${C}.env[2].name`, `env name '1A' of container 'app' ${NOT_ENV}; use '_1A'`],
    ['env-name', `${C}.env[3].name`, `env name 'a=b' of container 'app' ${NOT_ENV}; use 'a_b'`],
  ]);
});

test('fails when an env name has =, from Kubernetes 1.32 (relaxed names)', () => {
  expect(findingsFor(app({ env: [{ name: '1A', value: 'c' }, { name: 'a=b', value: 'd' }] }), { kubernetesVersion: '1.32' })).toEqual([
    ['env-name', `${C}.env[1].name`, "env name 'a=b' of container 'app' is not a valid environment variable name: use printable ASCII characters other than '='; use 'a_b'"],
  ]);
});

test('fails when an env entry has value and valueFrom, or valueFrom has no source or two', () => {
  expect(findingsFor(app({ env: [
    { name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'B', valueFrom: {} },
    { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } },
  ] }))).toEqual([
    ['env-value-source', `${C}.env[0]`, "env 'A' of container 'app' has both value and valueFrom; keep one of them"],
    ['env-value-source', `${C}.env[1].valueFrom`, "valueFrom of env 'B' in container 'app' has no source; give exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef"],
    ['env-value-source', `${C}.env[2].valueFrom`, "valueFrom of env 'C' in container 'app' has 2 sources (fieldRef, secretKeyRef); give exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef"],
  ]);
});

test('fails when an env variable is defined twice', () => {
  expect(findingsFor(app({ env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'A', value: '3' }] }))).toEqual([
    ['env-duplicate', `${C}.env[2].name`, "env 'A' of container 'app' is already defined at env[0] and hides it; remove one of the two"],
  ]);
});

test('fails when $(VAR) in env names itself, a later variable or an undefined one; $$, shell syntax and service variables are left alone', () => {
  // GIVEN
  const env = [
    { name: 'SELF', value: '$(SELF)' },
    { name: 'EARLY', value: '$(LATE) $$(LATE) $(cat file) $(' },
    { name: 'LATE', value: 'x' },
    { name: 'USE', value: '$(LATEE) $(NOPE) $(DB_SERVICE_HOST) $(JOB_COMPLETION_INDEX) $(EARLY)' },
  ];

  // WHEN / THEN
  expect(findingsFor(app({ env }))).toEqual([
    ['env-reference', `${C}.env[0].value`, "env 'SELF' of container 'app' uses $(SELF), its own name, before it is defined; Kubernetes expands only variables defined earlier in env (not the image's), so the value keeps the literal text: build it from another variable defined earlier, or write $$(SELF) for a literal"],
    ['env-reference', `${C}.env[1].value`, "env 'EARLY' of container 'app' uses $(LATE), which is defined later at env[2]; Kubernetes leaves it unexpanded, so define 'LATE' before 'EARLY'"],
    ['env-reference', `${C}.env[3].value`, "env 'USE' of container 'app' uses $(LATEE), which the container does not define; Kubernetes leaves it as the literal text, so did you mean $(LATE)? Otherwise define 'LATEE' earlier in env, or write $$(LATEE) for a literal"],
    ['env-reference', `${C}.env[3].value`, "env 'USE' of container 'app' uses $(NOPE), which the container does not define; Kubernetes leaves it as the literal text, so define 'NOPE' earlier in env, or write $$(NOPE) for a literal"],
    ['env-reference', `${C}.env[3].value`, "env 'USE' of container 'app' uses $(JOB_COMPLETION_INDEX), which the container does not define; Kubernetes leaves it as the literal text, so define 'JOB_COMPLETION_INDEX' earlier in env, or write $$(JOB_COMPLETION_INDEX) for a literal"],
  ]);
});

test('envFrom may define any variable: no env-reference finding', () => {
  expect(findingsFor(app({ envFrom: [{ configMapRef: { name: 'cm' } }], env: [{ name: 'USE', value: '$(NOPE)' }] }))).toEqual([]);
});

test('fails when a service variable is used with enableServiceLinks: false', () => {
  expect(findingsFor({ enableServiceLinks: false, ...app({ env: [{ name: 'USE', value: '$(DB_SERVICE_HOST) $(DB_PORT_80_TCP_ADDR)' }] }) })).toEqual([
    ['env-reference', `${C}.env[0].value`, "env 'USE' of container 'app' uses $(DB_SERVICE_HOST), which the container does not define; Kubernetes leaves it as the literal text, so define 'DB_SERVICE_HOST' earlier in env, or write $$(DB_SERVICE_HOST) for a literal"],
    ['env-reference', `${C}.env[0].value`, "env 'USE' of container 'app' uses $(DB_PORT_80_TCP_ADDR), which the container does not define; Kubernetes leaves it as the literal text, so define 'DB_PORT_80_TCP_ADDR' earlier in env, or write $$(DB_PORT_80_TCP_ADDR) for a literal"],
  ]);
});

test('a Job defines JOB_COMPLETION_INDEX', () => {
  expect(findingsFor(app({ env: [{ name: 'USE', value: '$(JOB_COMPLETION_INDEX) $(NOPE)' }] }), { kind: 'Job' })).toEqual([
    ['env-reference', 'spec.template.spec.containers[0].env[0].value', "env 'USE' of container 'app' uses $(NOPE), which the container does not define; Kubernetes leaves it as the literal text, so define 'NOPE' earlier in env, or write $$(NOPE) for a literal"],
  ]);
});

test('warns when command or args use an upper-case $(VAR) the env does not define', () => {
  expect(findingsFor(app({ env: [{ name: 'PORT', value: '80' }], command: ['sh', '-c', 'echo $(PORTT) $(date) $(X_SERVICE_HOST) $(PORT)', 5], args: ['$(HOME)'] }))).toEqual([
    ['field-type', `${C}.command[3]`, 'command[3] is the number 5 but must be a string; quote it: "5"'],
    ['command-reference', `${C}.command[2]`, "command[2] of container 'app' uses $(PORTT), which the container's env does not define; Kubernetes leaves it unexpanded, so did you mean $(PORT)? Otherwise add 'PORTT' to env, or write $$(PORTT) for a literal"],
    ['command-reference', `${C}.args[0]`, "args[0] of container 'app' uses $(HOME), which the container's env does not define; Kubernetes leaves it unexpanded, so add 'HOME' to env, or write $$(HOME) for a literal"],
  ]);
  expect(findingsFor(app({ envFrom: [{ secretRef: { name: 's' } }], args: ['$(HOME)'] }))).toEqual([]);
});

test('fails when valueFrom or envFrom name what Kubernetes cannot read', () => {
  // GIVEN
  const env = [
    { name: 'A', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: "metadata.labels['bad key']" } } },
    { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
    { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.nam' } } },
    { name: 'D', valueFrom: { fieldRef: { fieldPath: 'spec.host' } } },
    { name: 'E', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['Example.com/Key']" } } },
    { name: 'F', valueFrom: { resourceFieldRef: { resource: 'limits.cpus', divisor: 'x' } } },
    { name: 'G', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: 'x' } } },
    { name: 'H', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '2' } } },
    { name: 'I', valueFrom: { resourceFieldRef: { resource: 'requests.hugepages-2Mi', divisor: '1Mi' } } },
    { name: 'J', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '3k' } } },
    { name: 'K', valueFrom: { configMapKeyRef: { name: 'Bad_Name', key: '..x' } } },
    { name: 'L', valueFrom: { secretKeyRef: { name: 'ok', key: 'a/b' } } },
    { name: 'M', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, resourceFieldRef: { resource: 'xyz' } } },
  ];
  const envFrom = [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }, {}, { prefix: '1X', configMapRef: { name: 'Bad_CM' } }, { prefix: 'a=', secretRef: { name: 's' } }];

  // WHEN / THEN
  const E = `${C}.env`;
  expect(findingsFor(app({ env, envFrom }))).toEqual([
    ['env-value-ref', `${E}[0].valueFrom.fieldRef.apiVersion`, "fieldRef apiVersion 'v2' of env 'A' of container 'app' is not supported; use v1 or remove it"],
    ['env-value-ref', `${E}[0].valueFrom.fieldRef.fieldPath`, "fieldRef 'metadata.labels['bad key']' of env 'A' of container 'app' names the key 'bad key', which has a name part that is not alphanumeric with '-', '_' or '.' inside; name a label or annotation key such as 'app'"],
    ['env-value-ref', `${E}[1].valueFrom.fieldRef.fieldPath`, `fieldRef 'metadata.labels' of env 'B' of container 'app' is not a pod field Kubernetes exposes here (metadata.labels is only available in a downwardAPI volume); did you mean 'metadata.name'? use one of ${FIELDS}, or metadata.labels['<key>']`],
    ['env-value-ref', `${E}[2].valueFrom.fieldRef.fieldPath`, `fieldRef 'metadata.nam' of env 'C' of container 'app' is not a pod field Kubernetes exposes here; did you mean 'metadata.name'? use one of ${FIELDS}, or metadata.labels['<key>']`],
    ['env-value-ref', `${E}[5].valueFrom.resourceFieldRef.divisor`, `divisor 'x' of limits.cpus in env 'F' of container 'app' is not a Kubernetes quantity; use one of ${BYTE_DIVISORS}, or remove it for 1`],
    ['env-value-ref', `${E}[5].valueFrom.resourceFieldRef.resource`, `resource 'limits.cpus' of env 'F' of container 'app' is not a container resource Kubernetes exposes; did you mean 'limits.cpu'? use one of ${RESOURCES}`],
    ['env-value-ref', `${E}[6].valueFrom.resourceFieldRef.divisor`, `divisor 'x' of limits.memory in env 'G' of container 'app' is not a Kubernetes quantity; use one of ${BYTE_DIVISORS}, or remove it for 1`],
    ['env-value-ref', `${E}[7].valueFrom.resourceFieldRef.divisor`, "divisor '2' of limits.cpu in env 'H' of container 'app' is not supported; use one of 1m, 1"],
    ['env-value-ref', `${E}[9].valueFrom.resourceFieldRef.divisor`, `divisor '3k' of limits.memory in env 'J' of container 'app' is not supported; use one of ${BYTE_DIVISORS}`],
    ['env-value-ref', `${E}[10].valueFrom.configMapKeyRef.name`, `ConfigMap name 'Bad_Name' in configMapKeyRef of env 'K' of container 'app' ${NOT_SUBDOMAIN}; use 'bad-name'`],
    ['env-value-ref', `${E}[10].valueFrom.configMapKeyRef.key`, "configMapKeyRef key '..x' of env 'K' of container 'app' may not be '.' or '..' or start with '..'; use the key as the ConfigMap data has it, such as 'password'"],
    ['env-value-ref', `${E}[11].valueFrom.secretKeyRef.key`, "secretKeyRef key 'a/b' of env 'L' of container 'app' is not a ConfigMap or Secret key: use letters, digits, '-', '_' and '.'; use the key as the Secret data has it, such as 'password'"],
    ['env-value-ref', `${E}[12].valueFrom.resourceFieldRef.resource`, `resource 'xyz' of env 'M' of container 'app' is not a container resource Kubernetes exposes; use one of ${RESOURCES}`],
    ['env-value-ref', `${C}.envFrom[0]`, "envFrom[0] of container 'app' has both configMapRef and secretRef; give exactly one of configMapRef, secretRef"],
    ['env-value-ref', `${C}.envFrom[1]`, "envFrom[1] of container 'app' has no source; give exactly one of configMapRef, secretRef"],
    ['env-value-ref', `${C}.envFrom[2].configMapRef.name`, `ConfigMap name 'Bad_CM' in envFrom[2].configMapRef of container 'app' ${NOT_SUBDOMAIN}; use 'bad-cm'`],
    ['env-value-ref', `${C}.envFrom[2].prefix`, `envFrom prefix '1X' of container 'app' ${NOT_ENV}; use '_1X'`],
    ['env-value-ref', `${C}.envFrom[3].prefix`, `envFrom prefix 'a=' of container 'app' ${NOT_ENV}; use 'a_'`],
    ['env-value-source', `${E}[12].valueFrom`, "valueFrom of env 'M' in container 'app' has 2 sources (fieldRef, resourceFieldRef); give exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef"],
  ]);
});
