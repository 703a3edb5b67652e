// Adversarial input through the constructs: values a TypeScript type lets through but Kubernetes
// rejects, plain-JS nulls, duplicate objects, changes after a synth. Every mistake fails synth with
// the construct path, the field, the value and the fix, all errors at once, never a stack trace.
// The same mistakes as YAML are in test/corpus/invalid/ (named in the table), and the last column
// checks that lint reports them with the same rule: one rule set.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, ChartProps, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  checkManifest, Cpu, EnvValue, GpuPod, lintText, Pod, POD_WARNINGS_CONTEXT, PodSecurityStandard, Probe,
  ProjectedSource, RULES, SharedVolumePod, SidecarPod, TaintEffect, TolerationOperator, Volume,
} from '../lib';
import { recordedWarnings, stderrOf, synthErrors } from './util';

const web = { name: 'web', image: 'nginx:1.25' };

/** A chart in a fresh app whose warnings are recorded but not printed. */
function quietChart(props: ChartProps = {}): Chart {
  const app = Testing.app();
  app.node.setContext(POD_WARNINGS_CONTEXT, 'silent');
  return new Chart(app, 'test', props);
}

function synthErrorsOf(build: (scope: Construct) => void, props: ChartProps = {}, options: { readonly crashes?: 'allow' } = {}): string[] {
  const chart = quietChart(props);
  build(chart);
  return synthErrors(chart, options);
}

const CORPUS = path.join(__dirname, 'corpus', 'invalid');

/** The rule ids lint reports for a corpus file, as errors. */
function lintRules(file: string): string[] {
  const findings = lintText(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file, {});
  return findings.filter(f => f.severity === 'error').map(f => f.rule);
}

type Case = [string, (scope: Construct) => void, string[], string | undefined];

// ---- Every field the constructs emit is checked -------------------------------------------------

const FIELDS: Case[] = [
  ['a pod has no containers', s => new Pod(s, 'P'), [
    '[test/P] spec.containers: the pod has no containers, which Kubernetes requires; add at least one container [required-field]',
  ], 'required-field-no-containers.yaml'],
  ['a CPU request is negative (Cpu.units(-1))', s => new Pod(s, 'P', { containers: [{ ...web, resources: { cpu: { request: Cpu.units(-1) } } }] }), [
    "[test/P] spec.containers[0].resources.requests.cpu: requests.cpu '-1' of container 'web' is negative; resources are amounts, so use 0 or more, or remove it [quantity]",
  ], 'quantity-negative-cpu.yaml'],
  ['an extended resource is negative', s => new Pod(s, 'P', { containers: [{ ...web, resources: { extended: { 'nvidia.com/gpu': -1 } } }] }), [
    "[test/P] spec.containers[0].resources.limits['nvidia.com/gpu']: limits.nvidia.com/gpu -1 of container 'web' is negative; resources are amounts, so use 0 or more, or remove it [quantity]",
  ], 'quantity-negative-gpu.yaml'],
  ['an extended resource is NaN', s => new Pod(s, 'P', { containers: [{ ...web, resources: { extended: { 'nvidia.com/gpu': NaN } } }] }), [
    "[test/P] spec.containers[0].resources.limits['nvidia.com/gpu']: limits['nvidia.com/gpu'] is the number NaN but must be a quantity such as 500m or '1Gi'; use a finite amount, or remove it [field-type]",
  ], undefined],
  ['a probe failureThreshold is NaN', s => new Pod(s, 'P', { containers: [{ ...web, liveness: Probe.tcpSocket(80, { failureThreshold: NaN }) }] }), [
    '[test/P] spec.containers[0].livenessProbe.failureThreshold: failureThreshold is the number NaN but must be an integer; write a whole number such as 1 [field-type]',
  ], 'field-type-failure-threshold-nan.yaml'],
  ['a probe failureThreshold is 0.5', s => new Pod(s, 'P', { containers: [{ ...web, liveness: Probe.tcpSocket(80, { failureThreshold: 0.5 }) }] }), [
    '[test/P] spec.containers[0].livenessProbe.failureThreshold: failureThreshold is the number 0.5 but must be an integer; use a whole number such as 1 [field-type]',
  ], 'field-type-failure-threshold-fraction.yaml'],
  ['tolerationSeconds is NaN', s => new Pod(s, 'P', { containers: [web], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: NaN }] }), [
    '[test/P] spec.tolerations[0].tolerationSeconds: tolerationSeconds is the number NaN but must be an integer; write a whole number such as 1 [field-type]',
  ], 'field-type-toleration-seconds-nan.yaml'],
  ['tolerationSeconds is 0.5', s => new Pod(s, 'P', { containers: [web], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 0.5 }] }), [
    '[test/P] spec.tolerations[0].tolerationSeconds: tolerationSeconds is the number 0.5 but must be an integer; use a whole number such as 1 [field-type]',
  ], 'field-type-toleration-seconds-fraction.yaml'],
  ['runAsUser is -1', s => new Pod(s, 'P', { containers: [web], securityContext: { runAsUser: -1 } }), [
    "[test/P] spec.securityContext.runAsUser: the pod's runAsUser -1 is outside 0-2147483647; use a Linux ID such as 1000 (0 is root) [user-group-id]",
  ], 'user-group-id-negative.yaml'],
  ['runAsUser is 0.5', s => new Pod(s, 'P', { containers: [{ ...web, securityContext: { runAsUser: 0.5 } }] }), [
    '[test/P] spec.containers[0].securityContext.runAsUser: runAsUser is the number 0.5 but must be an integer; use a whole number such as 1 [field-type]',
  ], 'field-type-run-as-user-fraction.yaml'],
  ['runAsUser is NaN', s => new Pod(s, 'P', { containers: [web], securityContext: { runAsUser: NaN } }), [
    '[test/P] spec.securityContext.runAsUser: runAsUser is the number NaN but must be an integer; write a whole number such as 1 [field-type]',
  ], 'field-type-run-as-user-nan.yaml'],
  ["the namespace prop is 'Bad NS!'", s => new Pod(s, 'P', { namespace: 'Bad NS!', containers: [web] }), [
    "[test/P] metadata.namespace: namespace 'Bad NS!' is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit; use 'bad-ns', or remove namespace for the namespace of kubectl apply [namespace]",
  ], 'namespace-invalid.yaml'],
  ["an annotation key is 'bad key'", s => new Pod(s, 'P', { annotations: { 'bad key': 'x' }, containers: [web] }), [
    "[test/P] metadata.annotations['bad key']: annotation key 'bad key' has a name part that is not alphanumeric with '-', '_' or '.' inside; use a key such as 'owner' or 'example.com/owner' [annotations]",
  ], 'annotations-key-space.yaml'],
  ['an annotation key is empty', s => new Pod(s, 'P', { annotations: { '': 'x' }, containers: [web] }), [
    "[test/P] metadata.annotations['']: annotation key '' has an empty name part; use a key such as 'owner' or 'example.com/owner' [annotations]",
  ], 'annotations-key-empty.yaml'],
  ['an annotation key has 300 characters', s => new Pod(s, 'P', { annotations: { ['a'.repeat(300)]: 'x' }, containers: [web] }), [
    `[test/P] metadata.annotations.${'a'.repeat(300)}: annotation key '${'a'.repeat(99)}... (302 characters) has a name part longer than 63 characters; use a key such as 'owner' or 'example.com/owner' [annotations]`,
  ], 'annotations-key-too-long.yaml'],
  ['annotation values hold more than 256 KiB', s => new Pod(s, 'P', { annotations: { big: 'x'.repeat(256 * 1024) }, containers: [web] }), [
    '[test/P] metadata.annotations: annotations hold 262147 bytes, more than the 262144 (256 KiB) Kubernetes allows for all keys and values together; move large values into a ConfigMap [annotations]',
  ], 'annotations-too-large.yaml'],
  ["runtimeClassName and priorityClassName are 'Bad Name'", s => new Pod(s, 'P', { runtimeClassName: 'Bad Name', priorityClassName: 'Bad Name', containers: [web] }), [
    "[test/P] spec.runtimeClassName: runtimeClassName 'Bad Name' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use 'bad-name' [class-name]",
    "[test/P] spec.priorityClassName: priorityClassName 'Bad Name' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use 'bad-name' [class-name]",
  ], 'class-name-runtime-class.yaml'],
  ['a toleration has operator Exists and a value', s => new Pod(s, 'P', { containers: [web], tolerations: [{ key: 'dedicated', operator: TolerationOperator.EXISTS, value: 'gpu' }] }), [
    "[test/P] spec.tolerations[0].value: toleration 'dedicated' has operator Exists and value 'gpu'; Exists matches any value, so remove the value or use operator: Equal [toleration]",
  ], 'toleration-exists-with-value.yaml'],
  ['a toleration has operator Equal and no key', s => new Pod(s, 'P', { containers: [web], tolerations: [{ operator: TolerationOperator.EQUAL, value: 'gpu' }] }), [
    "[test/P] spec.tolerations[0].operator: a toleration without a key matches every taint, so its operator must be Exists, got 'Equal'; set operator: Exists, or set the key of the taint [toleration]",
  ], 'toleration-equal-without-key.yaml'],
  ['a toleration has tolerationSeconds with effect NoSchedule', s => new Pod(s, 'P', { containers: [web], tolerations: [{ key: 'dedicated', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE, tolerationSeconds: 30 }] }), [
    "[test/P] spec.tolerations[0].effect: tolerationSeconds is set with effect 'NoSchedule'; only NoExecute taints evict, so set effect: NoExecute or remove tolerationSeconds [toleration]",
  ], 'toleration-seconds-no-schedule.yaml'],
  ["a sysctl is named 'bad name!'", s => new Pod(s, 'P', { containers: [web], securityContext: { sysctls: { 'bad name!': '1' } } }), [
    "[test/P] spec.securityContext.sysctls[0].name: sysctl name 'bad name!' is not a sysctl name: use lower-case segments of letters, digits, '-' and '_', joined by '.' or '/'; use the kernel parameter's name, such as 'net.ipv4.tcp_syncookies' [sysctl]",
  ], 'sysctl-name-invalid.yaml'],
  ["a volume item path is '../etc/passwd'", s => new Pod(s, 'P', { volumes: [Volume.fromConfigMap('config', 'app-config', { items: [{ key: 'passwd', path: '../etc/passwd' }] })], containers: [web] }), [
    "[test/P] spec.volumes[0].configMap.items[0].path: configMap item path '../etc/passwd' of volume 'config' contains '..'; it is a file inside the volume, so use a relative path such as 'etc/passwd' [item-path]",
  ], 'item-path-dot-dot.yaml'],
  ['a projected token expires after 10 seconds', s => new Pod(s, 'P', { volumes: [Volume.projected('token', [ProjectedSource.serviceAccountToken('token', { expirationSeconds: 10 })])], containers: [web] }), [
    "[test/P] spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: service account token of projected volume 'token' expires after 10 seconds; Kubernetes requires at least 600 (10 minutes), so use 600 or more (3600 is the default) [projected-source]",
  ], 'projected-source-token-expiration.yaml'],
  ['a downwardAPI file has no source', s => new Pod(s, 'P', { volumes: [Volume.downwardApi('podinfo', [{ path: 'labels' }])], containers: [web] }), [
    "[test/P] spec.volumes[0].downwardAPI.items[0]: downwardAPI file 'labels' of volume 'podinfo' has no source; set fieldRef: { fieldPath: metadata.labels } or resourceFieldRef: { containerName: ..., resource: limits.memory } [downward-api]",
  ], 'downward-api-no-source.yaml'],
  ["an env var reads the field 'spec.bogus'", s => new Pod(s, 'P', { containers: [{ ...web, env: { NODE: EnvValue.fromField('spec.bogus') } }] }), [
    "[test/P] spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: fieldRef 'spec.bogus' of env 'NODE' of container 'web' is not a pod field Kubernetes exposes here; use one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, or metadata.labels['<key>'] [env-value-ref]",
  ], 'env-value-ref-field-path.yaml'],
  ["an env var reads fromConfigMap('', '')", s => new Pod(s, 'P', { containers: [{ ...web, env: { FLAG: EnvValue.fromConfigMap('', '') } }] }), [
    '[test/P] spec.containers[0].env[0].valueFrom.configMapKeyRef.key: configMapKeyRef has an empty key, which Kubernetes requires; set the key of the ConfigMap to read [required-field]',
    '[test/P] spec.containers[0].env[0].valueFrom.configMapKeyRef.name: configMapKeyRef has an empty name, which Kubernetes requires; set the name of the ConfigMap [required-field]',
  ], 'required-field-config-map-key-ref-empty.yaml'],
  ['a label value has 64 characters', s => new Pod(s, 'P', { labels: { app: 'x'.repeat(64) }, containers: [web] }), [
    `[test/P] metadata.labels.app: label app='${'x'.repeat(64)}': the value is longer than 63 characters; use '${'x'.repeat(63)}' [labels]`,
  ], 'labels-value-too-long.yaml'],
];

test.each(FIELDS)('fails when %s', (_name, build, expected, corpusFile) => {
  expect(synthErrorsOf(build)).toEqual(expected);
  if (corpusFile) {
    // The same mistake as YAML fails lint with the same rules.
    const rules = expected.map(e => /\[([a-z-]+)\]$/.exec(e)![1]);
    expect(lintRules(corpusFile)).toEqual(expect.arrayContaining(rules));
  }
});

test("fails when the chart's namespace is 'Bad NS!'", () => {
  expect(synthErrorsOf(s => new Pod(s, 'P', { containers: [web] }), { namespace: 'Bad NS!' })).toEqual([
    "[test/P] metadata.namespace: namespace 'Bad NS!' is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit; use 'bad-ns', or remove namespace for the namespace of kubectl apply [namespace]",
  ]);
});

test('fails when resources.extended of a GpuPod disagrees with gpuCount', () => {
  expect(synthErrorsOf(s => new GpuPod(s, 'Train', { container: { name: 'trainer', image: 'cuda:12', resources: { extended: { 'nvidia.com/gpu': 4 } } }, gpuCount: 1 }))).toEqual([
    "[test/Train] container.resources.extended['nvidia.com/gpu']: container 'trainer' asks for 4 nvidia.com/gpu, but gpuCount is 1; the GpuPod sets the GPU limit from gpuCount, so remove the extended entry and set gpuCount: 4 if that is the number you want [gpu-pod]",
  ]);
});

test('the accepted forms of the new checks pass', () => {
  const chart = quietChart();
  new Pod(chart, 'P', {
    namespace: 'team-a',
    annotations: { 'Example.com/Owner': 'platform', 'owner': 'x'.repeat(1000) },
    runtimeClassName: 'nvidia',
    priorityClassName: 'high-priority',
    securityContext: { runAsUser: 0, runAsGroup: 2147483647, fsGroup: 2000, supplementalGroups: [0, 1000], sysctls: { 'net.ipv4.tcp_syncookies': '1', 'kernel/shm_rmid_forced': '0' } },
    tolerations: [
      { operator: TolerationOperator.EXISTS },
      { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 300 },
      { key: 'dedicated', value: 'gpu', effect: TaintEffect.NO_SCHEDULE },
    ],
    volumes: [
      Volume.downwardApi('podinfo', [{ path: 'labels', fieldPath: 'metadata.labels' }, { path: 'app', fieldPath: "metadata.labels['app']" }, { path: 'mem', resource: { container: 'web', resource: 'limits.memory', divisor: '1Mi' } }]),
      Volume.projected('token', [ProjectedSource.serviceAccountToken('token', { expirationSeconds: 600 }), ProjectedSource.configMap('ca', { items: [{ key: 'ca.crt', path: 'certs/ca.crt' }] })]),
    ],
    containers: [{
      ...web,
      resources: { cpu: { request: Cpu.units(0) }, extended: { 'nvidia.com/gpu': 0 } },
      env: { NODE: EnvValue.fromField('spec.nodeName'), APP: EnvValue.fromField("metadata.labels['app']"), CPU: EnvValue.fromResource('limits.cpu', { divisor: '1m' }) },
      liveness: Probe.tcpSocket(80, { period: Duration.seconds(10), failureThreshold: 3 }),
    }],
    terminationGracePeriod: Duration.minutes(1),
  });
  expect(synthErrors(chart)).toEqual([]);
});

// ---- All errors at once, each with a path ----------------------------------------------------------

test('fails listing a duration that is not whole seconds with the errors of other pods, without a throw from cdk8s', () => {
  expect(synthErrorsOf(s => {
    new Pod(s, 'Grace', { terminationGracePeriod: Duration.millis(1500), containers: [web] });
    new Pod(s, 'Period', { containers: [{ ...web, readiness: Probe.httpGet('/', { port: 80, period: Duration.millis(500) }) }] });
    new Pod(s, 'Name', { name: 'Web', containers: [web] });
  })).toEqual([
    '[test/Grace] spec.terminationGracePeriodSeconds: terminationGracePeriodSeconds is the number 1.5 but must be an integer; use a whole number such as 2 [field-type]',
    '[test/Period] spec.containers[0].readinessProbe.periodSeconds: periodSeconds is the number 0.5 but must be an integer; use a whole number such as 1 [field-type]',
    "[test/Name] metadata.name: name 'Web' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use 'web' [object-name]",
  ]);
  expect(lintRules('field-type-grace-period-fraction.yaml')).toContain('field-type');
  expect(lintRules('field-type-probe-period-fraction.yaml')).toContain('field-type');
});

// Plain-JS callers: values TypeScript would reject, reported with the path instead of a TypeError.
const PLAIN_JS: Array<[string, (scope: Construct) => void, string[]]> = [
  ['env: { A: undefined }', s => new Pod(s, 'P', { containers: [{ ...web, env: { A: undefined as any } }] }), [
    "[test/P] spec.containers[0].env[0].value: env 'A' of container 'web' is undefined but must be a string or an EnvValue; set a value such as 'production' or EnvValue.fromSecret(secret, 'key'), or remove 'A' [field-type]",
  ]],
  ['serviceAccount: null', s => new Pod(s, 'P', { serviceAccount: null as any, containers: [web] }), [
    "[test/P] spec.serviceAccountName: serviceAccount is null but must be a cdk8s-plus ServiceAccount or the name of one; give one, or remove serviceAccount for the namespace's default service account [field-type]",
  ]],
  ['containers: [null]', s => new Pod(s, 'P', { containers: [null as any] }), [
    '[test/P] spec.containers[0]: containers[0] is null but must be an object (Container); remove the empty item or fill in its fields [field-type]',
  ]],
  ['a mount with volume: undefined', s => new Pod(s, 'P', { containers: [{ ...web, volumeMounts: [{ volume: undefined as any, path: '/cache' }] }] }), [
    "[test/P] spec.containers[0].volumeMounts[0].name: volume of the mount at '/cache' in container 'web' is undefined but must be a Volume or the name of a volume the pod declares; pass the Volume object, such as Volume.emptyDir('cache'), or its name [field-type]",
  ]],
  ['env given as a list, Kubernetes style', s => new Pod(s, 'P', { containers: [{ ...web, env: [{ name: 'A', value: 'x' }] as any }] }), [
    "[test/P] spec.containers[0].env: env of container 'web' is [{\"name\":\"A\",\"value\":\"x\"}] but must be a map of names to values; write it as { PROFILE: 'production', PASSWORD: EnvValue.fromSecret(secret, 'password') } [field-type]",
  ]],
  ['an env value is a number', s => new Pod(s, 'P', { containers: [{ ...web, env: { PORT: 8080 as any } }] }), [
    '[test/P] spec.containers[0].env[0].value: value is the number 8080 but must be a string; quote it: "8080" [field-type]',
  ]],
  ['command is a string', s => new Pod(s, 'P', { containers: [{ ...web, command: 'nginx -g daemon off;' as any }] }), [
    "[test/P] spec.containers[0].command: command is the string 'nginx -g daemon off;' but must be a list; write a list such as ['nginx', '-g', 'daemon', 'off;'] [field-type]",
  ]],
  ['a probe is a plain object', s => new Pod(s, 'P', { containers: [{ ...web, liveness: { httpGet: { port: 80 } } as any }] }), [
    '[test/P] spec.containers[0].livenessProbe: liveness of container \'web\' is {"httpGet":{"port":80}} but must be a Probe; build it with Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc() [field-type]',
  ]],
  ['volumes: [null], tolerations: [null] and nodeSelector a string', s => new Pod(s, 'P', { volumes: [null as any], tolerations: [null as any], nodeSelector: 'gpu=true' as any, containers: [web] }), [
    "[test/P] spec.nodeSelector: nodeSelector is 'gpu=true' but must be a map of node label keys to values; write it as { gpu: 'true' } [field-type]",
    '[test/P] spec.tolerations[0]: tolerations[0] is null but must be an object (Toleration); remove the empty item or fill in its fields [field-type]',
    '[test/P] spec.volumes[0]: volumes[0] is null but must be an object (Volume); remove the empty item or fill in its fields [field-type]',
  ]],
  ['a SidecarPod has no sidecars prop and a null app', s => new SidecarPod(s, 'P', { app: null } as any), [
    '[test/P] spec.containers[0]: containers[0] is null but must be an object (Container); remove the empty item or fill in its fields [field-type]',
    '[test/P] sidecars: a SidecarPod needs at least one sidecar, got none; add one, or use Pod for a single container [sidecar-pod]',
  ]],
  ['a SharedVolumePod has no sharedVolumes prop', s => new SharedVolumePod(s, 'P', { containers: [web] } as any), [
    "[test/P] sharedVolumes: a SharedVolumePod needs at least one shared volume, got none; add one such as Volume.emptyDir('html'), or use Pod [shared-volume-pod]",
  ]],
  ['a GpuPod has null props', s => new GpuPod(s, 'P', null as any), [
    '[test/P] spec.containers[0]: containers[0] is undefined but must be an object (Container); remove the empty item or fill in its fields [field-type]',
    '[test/P] gpuCount: expected a positive whole number of GPUs, got undefined; GPUs are not divisible, so request 1 or more (for a slice of an A100/H100 use gpuVendor: GpuVendor.nvidiaMig(\'1g.5gb\')) [gpu-pod]',
  ]],
];

test.each(PLAIN_JS)('fails without a TypeError when a plain-JS caller passes %s', (_name, build, expected) => {
  expect(synthErrorsOf(build)).toEqual(expected);
});

test('fails with the path when a model object throws while rendering, and checks the rest', () => {
  const exploding = { _toJson: () => { throw new Error('boom'); } };
  expect(synthErrorsOf(s => new Pod(s, 'P', { name: 'P', containers: [{ ...web, liveness: exploding as any }] }), {}, { crashes: 'allow' })).toEqual([
    '[test/P] spec.containers[0]: containers[0] could not be rendered (boom); check its props, and report this input to cdk8s-pods [field-type]',
    "[test/P] metadata.name: name 'P' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use 'p' [object-name]",
  ]);
});

test('fails with the other errors, not a TypeError, when podSecurityStandard is not a level', () => {
  expect(synthErrorsOf(s => new Pod(s, 'P', { podSecurityStandard: 'strict' as PodSecurityStandard, containers: [{ ...web, port: 0 }] }))).toEqual([
    "[test/P] podSecurityStandard: podSecurityStandard 'strict' is not a Pod Security Standard level; use 'baseline' or 'restricted' (values are case-sensitive) [pod]",
    "[test/P] spec.containers[0].ports[0].containerPort: containerPort 0 of container 'web' is outside 1-65535; use the port the process listens on [port-range]",
  ]);
});

// ---- Duplicate objects ---------------------------------------------------------------------------

test('fails when two pods have the same explicit name, naming both construct paths', () => {
  expect(synthErrorsOf(s => {
    new Pod(s, 'Frontend', { name: 'web', containers: [web] });
    new Pod(s, 'Backend', { name: 'web', containers: [web] });
  })).toEqual([
    '[test/Backend] metadata.name: Pod \'web\' with no namespace (both go to the namespace of kubectl apply) is also defined by test/Frontend; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]',
  ]);
});

test("fails when the ids 'Web' and 'web' give two pods the name 'web' in one namespace", () => {
  expect(synthErrorsOf(s => {
    new Pod(s, 'Web', { containers: [web] });
    new Pod(s, 'web', { containers: [web] });
  }, { namespace: 'team-a' })).toEqual([
    "[test/web] metadata.name: Pod 'web' in namespace 'team-a' is also defined by test/Web; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]",
  ]);
});

test('fails when pods in two charts of one app collide, and not across apps or namespaces', () => {
  const app = Testing.app();
  app.node.setContext(POD_WARNINGS_CONTEXT, 'silent');
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  new Pod(a, 'Web', { containers: [web] });
  new Pod(b, 'Web', { containers: [web] });
  new Pod(b, 'Other', { name: 'web', namespace: 'team-b', containers: [web] });
  expect(synthErrors(a)).toEqual([
    "[b/Web] metadata.name: Pod 'web' with no namespace (both go to the namespace of kubectl apply) is also defined by a/Web; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]",
  ]);
  // Another app with the same pod is independent.
  const other = quietChart();
  new Pod(other, 'Web', { containers: [web] });
  expect(synthErrors(other)).toEqual([]);
});

test('fails when two other API objects of an app with pods collide, reported by the app', () => {
  const chart = quietChart();
  new Pod(chart, 'Web', { containers: [web] });
  new kplus.ConfigMap(chart, 'One', { metadata: { name: 'settings' } });
  new ApiObject(chart, 'Two', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  expect(synthErrors(chart)).toEqual([
    "[test/Two] metadata.name: ConfigMap 'settings' with no namespace (both go to the namespace of kubectl apply) is also defined by test/One; kubectl apply would make one overwrite the other, so give one of them another name [duplicate-object]",
  ]);
});

// ---- No stale output ---------------------------------------------------------------------------

test('props are copied at construction: objects changed later never reach the output, before or after a synth', () => {
  // GIVEN a pod built from arrays and objects the caller keeps
  const chart = quietChart();
  const ports = [{ number: 80 }];
  const mounts = [{ volume: Volume.emptyDir('html'), path: '/usr/share/nginx/html' }];
  const env = { MODE: 'a' };
  const labels = { app: 'web' };
  const pod = new Pod(chart, 'Web', { containers: [{ ...web, ports, volumeMounts: mounts, env }], labels });
  const first = Testing.synth(chart);

  // WHEN the caller changes them, and the arrays a getter returned
  ports[0].number = 81;
  ports.push({ number: 82 });
  mounts[0].path = '/changed';
  (env as any).OTHER = 'b';
  pod.containers[0].ports.push({ number: 83 });
  pod.containers[0].volumeMounts[0] = { volume: 'other', path: '/other' };

  // THEN every synth emits what was given at construction
  expect(Testing.synth(chart)).toEqual(first);
  expect(first[0].spec.containers[0].ports).toEqual([{ containerPort: 80 }]);
  expect(first[0].spec.containers[0].volumeMounts).toEqual([{ name: 'html', mountPath: '/usr/share/nginx/html' }]);

  // AND changes through the API are seen at the next synth
  pod.containers[0].addPort({ number: 8080 });
  expect(Testing.synth(chart)[0].spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 8080 }]);
});

test('a port object added after a synth and changed later is not seen either', () => {
  const chart = quietChart();
  const pod = new Pod(chart, 'Web', { containers: [web] });
  Testing.synth(chart);
  const port = { number: 80 };
  pod.containers[0].addPort(port);
  const before = Testing.synth(chart);
  port.number = 81;
  expect(Testing.synth(chart)).toEqual(before);
});

// ---- Warnings are shown, without failing the synth ---------------------------------------------------

const GREETING_POD = { ...web, command: ['sh', '-c', 'echo $(GREETNG)'], env: { GREETING: 'hello' } };
const GREETING_WARNING = "[test/Web] spec.containers[0].command[2]: command[2] of container 'web' uses $(GREETNG), which the container's env does not define; Kubernetes leaves it unexpanded, so did you mean $(GREETING)? Otherwise add 'GREETNG' to env, or write $$(GREETNG) for a literal [command-reference]";

test('warnings are printed to stderr once per synth and recorded as metadata, and the synth passes', async () => {
  // GIVEN a pod with a warning in an app of three charts (cdk8s validates such an app four times per synth)
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  new Chart(app, 'other');
  new Chart(app, 'third');
  const pod = new Pod(chart, 'Web', { containers: [GREETING_POD] });

  // WHEN the app synthesizes, and later synthesizes again
  const written = await stderrOf(async () => {
    app.synthYaml();
    await new Promise(resolve => setImmediate(resolve));
    Testing.synth(chart);
  });

  // THEN each synth prints the warning once, and it is recorded once
  expect(written).toEqual([`Warning: ${GREETING_WARNING}\n`, `Warning: ${GREETING_WARNING}\n`]);
  expect(recordedWarnings(pod)).toEqual([GREETING_WARNING]);
});

test('warnings are not printed when the app or the environment silences them', () => {
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const chart = quietChart();
    const pod = new Pod(chart, 'Web', { containers: [GREETING_POD] });
    expect(synthErrors(chart)).toEqual([]);
    expect(pod.node.metadata.map(m => m.data)).toEqual([GREETING_WARNING]);

    process.env.CDK8S_PODS_WARNINGS = 'silent';
    const loud = Testing.chart();
    new Pod(loud, 'Web', { containers: [GREETING_POD] });
    Testing.synth(loud);
    expect(spy).not.toHaveBeenCalled();
  } finally {
    delete process.env.CDK8S_PODS_WARNINGS;
    spy.mockRestore();
  }
});

// ---- Rules see arbitrary YAML --------------------------------------------------------------------

test.each([
  ['a volume named 123 (a number in YAML)', { name: 123, emptyDir: {} }, 'mount-undeclared-volume-name-number.yaml'],
  ['a volume with no name', { emptyDir: {} }, 'mount-undeclared-volume-without-name.yaml'],
])('mount-undeclared reports the mount, not a crash, next to %s', (_name, volume, corpusFile) => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25', volumeMounts: [{ name: 'html', mountPath: '/html' }] }], volumes: [volume] },
  };
  const findings = checkManifest(pod);
  expect(findings.filter(f => f.message.includes('does not understand'))).toEqual([]);
  expect(findings.filter(f => f.rule === 'mount-undeclared').map(f => f.message)).toEqual([
    "container 'web' mounts volume 'html', which the pod does not declare; add it to spec.volumes",
  ]);
  expect(lintRules(corpusFile)).toContain('mount-undeclared');
});

// Rules that only the linter runs (reading files, YAML syntax) have messages of their own.
const LINT_ONLY = new Set(['io', 'encoding', 'yaml-syntax', 'duplicate-key', 'not-an-object', 'ignore-annotation']);

test('every message of the rule set on the corpus is lower-case, ends with the fix and has no trailing period', () => {
  const bad: string[] = [];
  for (const dir of ['valid', 'invalid']) {
    for (const file of fs.readdirSync(path.join(__dirname, 'corpus', dir))) {
      const text = fs.readFileSync(path.join(__dirname, 'corpus', dir, file), 'utf8');
      for (const f of lintText(text, file, { podSecurityStandard: 'restricted' })) {
        if (LINT_ONLY.has(f.rule)) continue;
        // A fix follows '; ' (or the message is a did-you-mean); kinds start with a capital.
        const fixed = f.message.includes('; ') && !f.message.endsWith('.');
        const lower = !/^[A-Z][a-z]/.test(f.message) || /^(Pod|Deployment|CronJob|Job|StatefulSet|DaemonSet|ReplicaSet|Service|ConfigMap|Secret)\b/.test(f.message);
        if (!fixed || !lower) bad.push(`${dir}/${file} [${f.rule}] ${f.message}`);
      }
    }
  }
  expect(bad).toEqual([]);
});

test('every new rule id is documented in the rule list', () => {
  const ids = RULES.map(r => r.id);
  for (const id of ['required-field', 'namespace', 'annotations', 'class-name', 'toleration', 'env-value-ref', 'item-path', 'downward-api', 'projected-source', 'sysctl', 'user-group-id']) {
    expect(ids).toContain(id);
  }
});

describe('the escape hatch stays checked', () => {
  test('fails when a JSON patch adds a second container on port 80 and a misspelt field', () => {
    expect(synthErrorsOf(scope => {
      const pod = new Pod(scope, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25', port: 80 }] });
      pod.apiObject.addJsonPatch(
        JsonPatch.add('/spec/containers/-', { name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', ports: [{ containerPort: 80 }] }),
        JsonPatch.add('/sepc', { hostNetwork: true }),
      );
    })).toEqual([
      "[test/Web] sepc: unknown field 'sepc' in Pod; did you mean 'spec'? [unknown-field]",
      "[test/Web] spec.containers[1].ports[0].containerPort: containers 'web' and 'proxy' both listen on port 80/TCP; containers in a pod share one network namespace, so give one of them another port [port-clash]",
    ]);
  });

  test('a patch added after a first synth is checked by the next one', () => {
    const chart = quietChart();
    const pod = new Pod(chart, 'Web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    expect(synthErrors(chart)).toEqual([]);
    pod.apiObject.addJsonPatch(JsonPatch.add('/spec/containers/0/imagePullPolicy', 'always'));
    expect(synthErrors(chart)).toEqual([
      "[test/Web] spec.containers[0].imagePullPolicy: imagePullPolicy 'always' is not one of Always, IfNotPresent, Never (values are case-sensitive); did you mean 'Always'? [enum-value]",
    ]);
  });
});
