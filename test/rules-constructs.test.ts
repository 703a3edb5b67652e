// The lint rules, reached through the typed constructs wherever the API lets a mistake through.
// (The corpus in test/corpus runs the same rules on YAML files.)
import { Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Cpu, DnsPolicy, EnvValue, Pod, Probe, Protocol, Volume } from '../lib';
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
  const errors = synthErrors(chart);
  expect(errors.filter(e => e.endsWith(`[${rule}]`)).join('\n')).toContain(message);
});

test('protocols keep ports apart: 53/TCP and 53/UDP do not clash', () => {
  const chart = Testing.chart();
  new Pod(chart, 'Dns', { containers: [{ name: 'tcp', image: 'coredns:1.11', ports: [{ number: 53 }] }, { name: 'udp', image: 'coredns:1.11', ports: [{ number: 53, protocol: Protocol.UDP }] }] });
  expect(synthErrors(chart)).toEqual([]);
});
