// The lint rules, reached through the typed constructs wherever the API lets a mistake through.
// (The corpus in test/corpus runs the same rules on YAML files.)
import { Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Cpu, DnsPolicy, EnvValue, LifecycleHandler, MountPropagation, Pod, Probe, Protocol, SeccompProfileType, Volume } from '../lib';
import { synthErrors } from './util';

const web = { name: 'web', image: 'nginx:1.25' };

const CASES: Array<[string, (scope: Construct) => void, string]> = [
  ['object-name', s => new Pod(s, 'P', { name: 'My_Pod', containers: [web] }), "name 'My_Pod' is not a DNS-1123 subdomain"],
  ['container-name', s => new Pod(s, 'P', { containers: [{ name: 'Web', image: 'nginx:1.25' }] }), "container name 'Web' is not a DNS-1123 label"],
  ['container-name-unique', s => new Pod(s, 'P', { initContainers: [web], containers: [web] }), "container name 'web' is used twice"],
  ['volume-name', s => new Pod(s, 'P', { volumes: [Volume.emptyDir('html_files')], containers: [web] }), "volume name 'html_files' is not a DNS-1123 label"],
  ['labels', s => new Pod(s, 'P', { labels: { app: 'x'.repeat(64) }, containers: [web] }), 'the value is longer than 63 characters'],
  ['node-selector', s => new Pod(s, 'P', { nodeSelector: { 'gpu model': 'a100' }, containers: [web] }), "nodeSelector key 'gpu model' has a name part"],
  ['service-account-name', s => new Pod(s, 'P', { serviceAccount: 'ci_runner', containers: [web] }), "service account name 'ci_runner' is not a DNS-1123 subdomain"],
  ['port-name', s => new Pod(s, 'P', { containers: [{ ...web, ports: [{ number: 80, name: 'http-frontend-port' }] }] }), "port name 'http-frontend-port' of container 'web' is longer than 15 characters"],
  ['image', s => new Pod(s, 'P', { containers: [{ name: 'web', image: '' }] }), "container 'web' has no image"],
  ['port-range', s => new Pod(s, 'P', { containers: [{ ...web, port: 80000 }] }), 'containerPort 80000 of container \'web\' is outside 1-65535'],
  ['port-clash', s => new Pod(s, 'P', { containers: [{ ...web, port: 80 }, { name: 'proxy', image: 'envoy:1.29', port: 80 }] }), "containers 'web' and 'proxy' both listen on port 80/TCP"],
  ['host-port-clash', s => new Pod(s, 'P', { containers: [{ ...web, ports: [{ number: 80, hostPort: 8080 }] }, { name: 'b', image: 'b:1', ports: [{ number: 81, hostPort: 8080 }] }] }), "hostPort 8080/TCP of container 'b' is already taken by container 'web'"],
  ['host-network-port', s => new Pod(s, 'P', { hostNetwork: true, dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, containers: [{ ...web, ports: [{ number: 80, hostPort: 8080 }] }] }), 'hostPort 8080 differs from containerPort 80'],
  ['env-name', s => new Pod(s, 'P', { containers: [{ ...web, env: { 'MY VAR': 'x' } }] }), "env name 'MY VAR' of container 'web' is not a valid environment variable name"],
  ['env-duplicate', s => {
    const pod = new Pod(s, 'P');
    const c = pod.addContainer(web);
    c.addEnv('MODE', 'a');
    c.addEnv('MODE', 'b');
  }, "env 'MODE' of container 'web' is already defined at env[0] and hides it"],
  ['env-reference', s => new Pod(s, 'P', { containers: [{ ...web, env: { MESSAGE: EnvValue.literal('running on $(PROFILE)') } }] }), "uses $(PROFILE), which the container does not define"],
  ['mount-undeclared', s => new Pod(s, 'P', { containers: [{ ...web, volumeMounts: [{ volume: 'html', path: '/html' }] }] }), "container 'web' mounts volume 'html', which the pod does not declare"],
  ['mount-path', s => new Pod(s, 'P', { containers: [{ ...web, volumeMounts: [{ volume: Volume.emptyDir('a'), path: '/data' }, { volume: Volume.emptyDir('b'), path: '/data/' }] }] }), "container 'web' mounts two volumes at /data/"],
  ['sub-path', s => new Pod(s, 'P', { containers: [{ ...web, volumeMounts: [{ volume: Volume.emptyDir('a'), path: '/data', subPath: '../etc' }] }] }), "subPath '../etc' of container 'web' contains '..'"],
  ['host-path', s => new Pod(s, 'P', { volumes: [Volume.hostPath('logs', '/var/log/../../etc')], containers: [web] }), "hostPath '/var/log/../../etc' of volume 'logs' contains '..'"],
  ['file-mode', s => new Pod(s, 'P', { volumes: [Volume.fromSecret('tls', 'tls', { defaultMode: 644 })], containers: [web] }), 'file mode 644 of volume \'tls\' is outside 0-0777; 644 is decimal here'],
  ['requests-within-limits', s => new Pod(s, 'P', { containers: [{ ...web, resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(500) } } }] }), "cpu request '2' of container 'web' exceeds its limit '500m'"],
  ['extended-resource', s => new Pod(s, 'P', { containers: [{ ...web, resources: { extended: { 'nvidia.com/gpu': 0.5 } } }] }), 'nvidia.com/gpu limit 0.5 of container \'web\' is not a whole number'],
  ['resource-name', s => new Pod(s, 'P', { containers: [{ ...web, resources: { extended: { gpu: 1 } } }] }), "resource 'gpu' in limits of container 'web' is not a standard resource"],
  ['init-container-probes', s => new Pod(s, 'P', { initContainers: [{ name: 'migrate', image: 'm:1', readiness: Probe.exec(['true']) }], containers: [web] }), "init container 'migrate' runs to completion and may not have readinessProbe"],
  ['probe-handler', s => new Pod(s, 'P', { containers: [{ ...web, liveness: Probe.tcpSocket(80, { successThreshold: 2 }) }] }), "livenessProbe.successThreshold 2 of container 'web' is not 1, and only readiness probes take another value; set it to 1 or remove it"],
  ['probe-port', s => new Pod(s, 'P', { containers: [{ ...web, port: 80, readiness: Probe.httpGet('/', { port: 'http' }) }] }), "readinessProbe of container 'web' uses port 'http', which the container does not declare"],
  ['quantity', s => new Pod(s, 'P', { containers: [{ ...web, resources: { cpu: { request: { amount: '1 core' } as Cpu } } }] }), "requests.cpu '1 core' of container 'web' is not a Kubernetes quantity"],
  ['empty-dir', s => new Pod(s, 'P', { volumes: [Volume.emptyDir('a', { sizeLimit: Size.kibibytes(0) })], containers: [web] }), 'is not positive'],
];

test.each(CASES)('fails when %s is broken through the constructs', (rule, build, message) => {
  const chart = Testing.chart();
  build(chart);
  // Exactly one error, of this rule, with the message: no other rule fires on the same mistake.
  const errors = synthErrors(chart);
  expect(errors).toEqual([expect.stringMatching(new RegExp(`^\\[test/P\\] .+?: .*${escape(message)}.* \\[${rule}\\]$`))]);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

test('protocols keep ports apart: 53/TCP and 53/UDP do not clash', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Dns', { containers: [{ name: 'tcp', image: 'coredns:1.11', ports: [{ number: 53 }] }, { name: 'udp', image: 'coredns:1.11', ports: [{ number: 53, protocol: Protocol.UDP }] }] });
  expect(synthErrors(chart)).toEqual([]);
});

// Found by the construct property (test/property.test.ts): props within the types that synthesized
// objects the API server rejects. Each now fails synth with the whole error line.
const web2 = { name: 'web', image: 'nginx:1.25' };
const FOUND_BY_PROPERTY: Array<[string, (scope: Construct) => void, string[]]> = [
  ['a container that is not privileged mounts a volume with Bidirectional propagation', s => new Pod(s, 'Agent', { containers: [{ ...web2, volumeMounts: [{ volume: Volume.hostPath('host', '/var/lib/agent'), path: '/host', propagation: MountPropagation.BIDIRECTIONAL }] }] }), [
    "[test/Agent] spec.containers[0].volumeMounts[0].mountPropagation: mount of volume 'host' in container 'web' has mountPropagation Bidirectional, which Kubernetes allows only in privileged containers; use HostToContainer, or set securityContext.privileged: true on the container [mount-path]",
  ]],
  ['dnsPolicy is None without a dnsConfig', s => new Pod(s, 'Web', { dnsPolicy: DnsPolicy.NONE, containers: [web2] }), [
    "[test/Web] spec.dnsPolicy: dnsPolicy None takes the pod's DNS settings from dnsConfig, which is not set; set dnsConfig with at least one nameserver, or use dnsPolicy ClusterFirst (the default) [enum-value]",
  ]],
  ['hugepages are not whole pages and come without cpu or memory', s => new Pod(s, 'Db', { containers: [{ ...web2, resources: { extended: { 'hugepages-2Mi': 4 } } }] }), [
    "[test/Db] spec.containers[0].resources.limits.hugepages-2Mi: limits.hugepages-2Mi 4 of container 'web' is 4 bytes, not a whole number of 2Mi pages; hugepages are amounts of memory, so use a multiple of 2Mi, such as '2Mi' for 1 page [quantity]",
    "[test/Db] spec.containers[0].resources: container 'web' asks for hugepages without cpu or memory, which Kubernetes rejects; also set a memory (or cpu) request or limit [quantity]",
  ]],
  ['an exec probe has an empty command', s => new Pod(s, 'Web', { containers: [{ ...web2, liveness: Probe.exec([]) }] }), [
    "[test/Web] spec.containers[0].livenessProbe.exec.command: livenessProbe of container 'web' runs an exec with an empty command; give the command to run, such as ['cat', '/tmp/healthy'] [probe-handler]",
  ]],
  ['an HTTP probe header name has a space', s => new Pod(s, 'Web', { containers: [{ ...web2, readiness: Probe.httpGet('/ready', { port: 80, headers: { 'X Probe': 'true' } }) }] }), [
    "[test/Web] spec.containers[0].readinessProbe.httpGet.httpHeaders[0].name: HTTP header name 'X Probe' of readinessProbe of container 'web' is not valid: use letters, digits and '-', such as 'X-Probe' [probe-handler]",
  ]],
  ['a preStop hook runs an empty command', s => new Pod(s, 'Web', { containers: [{ ...web2, lifecycle: { preStop: LifecycleHandler.exec([]) } }] }), [
    "[test/Web] spec.containers[0].lifecycle.preStop.exec.command: lifecycle.preStop of container 'web' runs an exec with an empty command; give the command to run, such as ['cat', '/tmp/healthy'] [probe-handler]",
  ]],
  ['a privileged container sets allowPrivilegeEscalation: false', s => new Pod(s, 'Web', { containers: [{ ...web2, securityContext: { privileged: true, allowPrivilegeEscalation: false } }] }), [
    "[test/Web] spec.containers[0].securityContext.allowPrivilegeEscalation: container 'web' sets allowPrivilegeEscalation: false and privileged: true, which Kubernetes rejects: a privileged container can always escalate; remove one of the two [user-group-id]",
  ]],
  ['a container adds CAP_SYS_ADMIN with allowPrivilegeEscalation: false', s => new Pod(s, 'Web', { containers: [{ ...web2, securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } }] }), [
    "[test/Web] spec.containers[0].securityContext.capabilities.add[0]: container 'web' adds CAP_SYS_ADMIN with allowPrivilegeEscalation: false, which Kubernetes rejects: CAP_SYS_ADMIN can always escalate; remove one of the two [user-group-id]",
  ]],
  ['a Localhost seccomp profile has no localhostProfile', s => new Pod(s, 'Web', { securityContext: { seccompProfile: { type: SeccompProfileType.LOCALHOST } }, containers: [web2] }), [
    "[test/Web] spec.securityContext.seccompProfile.localhostProfile: the pod's seccompProfile has type Localhost but no localhostProfile; set localhostProfile to the profile file, relative to the kubelet's seccomp directory, such as 'profiles/audit.json' [user-group-id]",
  ]],
  ['a RuntimeDefault seccomp profile has a localhostProfile', s => new Pod(s, 'Web', { containers: [{ ...web2, securityContext: { seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT, localhostProfile: 'profiles/audit.json' } } }] }), [
    "[test/Web] spec.containers[0].securityContext.seccompProfile.localhostProfile: seccompProfile of container 'web' has type RuntimeDefault and a localhostProfile, which only type Localhost takes; remove localhostProfile, or set type: Localhost [user-group-id]",
  ]],
  ['a localhostProfile is an absolute path', s => new Pod(s, 'Web', { containers: [{ ...web2, securityContext: { seccompProfile: { type: SeccompProfileType.LOCALHOST, localhostProfile: '/var/lib/kubelet/seccomp/audit.json' } } }] }), [
    "[test/Web] spec.containers[0].securityContext.seccompProfile.localhostProfile: localhostProfile '/var/lib/kubelet/seccomp/audit.json' of seccompProfile of container 'web' is absolute; it is relative to the kubelet's seccomp directory, so use 'audit.json' [user-group-id]",
  ]],
  ['an env divisor is not a quantity', s => new Pod(s, 'Web', { containers: [{ ...web2, env: { MEMORY: EnvValue.fromResource('limits.memory', { divisor: 'MiB' }) } }] }), [
    "[test/Web] spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: divisor 'MiB' of limits.memory in env 'MEMORY' of container 'web' is not a Kubernetes quantity; use one of 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei, or remove it for 1 [env-value-ref]",
  ]],
  ['a finalizer is neither standard nor domain-qualified', s => new Pod(s, 'Web', { containers: [web2] }).metadata.addFinalizers('cleanup'), [
    "[test/Web] metadata.finalizers[0]: finalizer 'cleanup' is neither a standard finalizer (kubernetes, orphan, foregroundDeletion) nor domain-qualified; use a name such as 'example.com/cleanup' [object-name]",
  ]],
  ['two owner references are the controller', s => {
    const pod = new Pod(s, 'Web', { containers: [web2] });
    pod.metadata.addOwnerReference({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true });
    pod.metadata.addOwnerReference({ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', uid: 'u2', controller: true });
  }, [
    "[test/Web] metadata.ownerReferences[1].controller: ownerReferences[1] (Job/migrate) sets controller: true, but ReplicaSet/web-1 is already the controller; only one owner reference may be the controller, so set controller: false on one of them [object-name]",
  ]],
];

test.each(FOUND_BY_PROPERTY)('fails when %s', (_what, build, expected) => {
  const chart = Testing.chart();
  build(chart);
  expect(synthErrors(chart)).toEqual(expected);
});

test('the fixes found by the construct property leave valid neighbours alone', () => {
  const chart = Testing.chart();
  const pod = new Pod(chart, 'Web', {
    securityContext: { seccompProfile: { type: SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/audit.json' } },
    containers: [{
      ...web2,
      securityContext: { privileged: true },
      volumeMounts: [{ volume: Volume.hostPath('host', '/var/lib/agent'), path: '/host', propagation: MountPropagation.BIDIRECTIONAL }],
      resources: { memory: { limit: Size.mebibytes(64) }, extended: { 'hugepages-2Mi': 4 * 1024 * 1024 } },
      env: { MEMORY: EnvValue.fromResource('limits.memory', { divisor: '1Mi' }) },
      liveness: Probe.httpGet('/healthz', { port: 80, headers: { 'X-Probe': 'true' } }),
      lifecycle: { preStop: LifecycleHandler.exec(['nginx', '-s', 'quit']) },
    }],
  });
  pod.metadata.addFinalizers('example.com/cleanup', 'kubernetes');
  pod.metadata.addOwnerReference({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true });
  pod.metadata.addOwnerReference({ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', uid: 'u2' });
  expect(synthErrors(chart)).toEqual([]);
});
