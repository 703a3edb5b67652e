// The container rules (lib/rules/containers.ts), in the corners the corpus leaves open: dnsPolicy None and its
// dnsConfig (validatePodDNSConfig of pkg/apis/core/validation), containerPort null and hostPort 0 (validateContainerPorts),
// ports whose number is not valid (reported once, by their own rule, not as clashes), and hostIP in the host-port
// key (AccumulateUniqueHostPorts: protocol/hostIP/hostPort). Every case lists all findings of the manifest.
import { lint } from './findings';

/** A v1 Pod 'p' with this spec. */
function pod(spec: object): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

/** A container with this name and these extra fields. */
function container(name: string, fields: object = {}): object {
  return { name, image: 'nginx:1.27', ...fields };
}

describe('dnsPolicy None', () => {
  test('without dnsConfig is reported at dnsPolicy', () => {
    expect(lint(pod({ dnsPolicy: 'None', containers: [container('app')] }))).toEqual([
      "error enum-value spec.dnsPolicy: dnsPolicy None takes the pod's DNS settings from dnsConfig, which is not set; set dnsConfig with at least one nameserver, or use dnsPolicy ClusterFirst (the default)",
    ]);
  });
  test('with dnsConfig null is reported at dnsPolicy', () => {
    expect(lint(pod({ dnsPolicy: 'None', dnsConfig: null, containers: [container('app')] }))).toEqual([
      "error enum-value spec.dnsPolicy: dnsPolicy None takes the pod's DNS settings from dnsConfig, which is not set; set dnsConfig with at least one nameserver, or use dnsPolicy ClusterFirst (the default)",
    ]);
  });
  test('with a dnsConfig without nameservers, or an empty list, is reported at nameservers', () => {
    expect(lint(pod({ dnsPolicy: 'None', dnsConfig: { searches: ['svc.local'] }, containers: [container('app')] }))).toEqual([
      'error enum-value spec.dnsConfig.nameservers: dnsPolicy None needs at least one nameserver in dnsConfig.nameservers; add one such as 10.96.0.10, or use dnsPolicy ClusterFirst (the default)',
    ]);
    expect(lint(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: [] }, containers: [container('app')] }))).toEqual([
      'error enum-value spec.dnsConfig.nameservers: dnsPolicy None needs at least one nameserver in dnsConfig.nameservers; add one such as 10.96.0.10, or use dnsPolicy ClusterFirst (the default)',
    ]);
  });
  test('with one nameserver passes', () => {
    expect(lint(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.96.0.10'] }, containers: [container('app')] }))).toEqual([]);
  });
});

describe('port numbers', () => {
  test('containerPort null is a port without containerPort', () => {
    expect(lint(pod({ containers: [container('app', { ports: [{ containerPort: null }] })] }))).toEqual([
      "error port-range spec.containers[0].ports[0].containerPort: a port of container 'app' has no containerPort; set the number the process listens on",
    ]);
  });
  test('hostPort 0 means no host port', () => {
    expect(lint(pod({ containers: [container('app', { ports: [{ containerPort: 80, hostPort: 0 }] })] }))).toEqual([]);
  });
  test('two containers with the same invalid containerPort are reported for the range, not as a clash', () => {
    const ports = [{ containerPort: 70000 }];
    expect(lint(pod({ containers: [container('a', { ports }), container('b', { ports })] }))).toEqual([
      "error port-range spec.containers[0].ports[0].containerPort: containerPort 70000 of container 'a' is outside 1-65535; use the port the process listens on",
      "error port-range spec.containers[1].ports[0].containerPort: containerPort 70000 of container 'b' is outside 1-65535; use the port the process listens on",
    ]);
  });
  test('two containers with ports without containerPort are reported for the missing number, not as a clash', () => {
    const ports = [{ name: 'http' }];
    expect(lint(pod({ containers: [container('a', { ports }), container('b', { ports })] }))).toEqual([
      "error port-range spec.containers[0].ports[0].containerPort: a port of container 'a' has no containerPort; set the number the process listens on",
      "error port-range spec.containers[1].ports[0].containerPort: a port of container 'b' has no containerPort; set the number the process listens on",
    ]);
  });
});

describe('host-port-clash: the key is protocol, hostIP and hostPort', () => {
  test('the same hostPort on two host IPs is no clash', () => {
    const spec = { containers: [
      container('a', { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }),
      container('b', { ports: [{ containerPort: 81, hostPort: 8080, hostIP: '10.0.0.2' }] }),
    ] };
    expect(lint(pod(spec))).toEqual([]);
  });
  test('hostIP empty and no hostIP are the same address', () => {
    const spec = { containers: [
      container('a', { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '' }] }),
      container('b', { ports: [{ containerPort: 81, hostPort: 8080 }] }),
    ] };
    expect(lint(pod(spec))).toEqual([
      "error host-port-clash spec.containers[1].ports[0].hostPort: hostPort 8080/TCP of container 'b' is already taken by container 'a'; a node port can be bound once, so pick another hostPort",
    ]);
  });
  test('the same hostPort and hostIP is a clash', () => {
    const spec = { containers: [
      container('a', { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }),
      container('b', { ports: [{ containerPort: 81, hostPort: 8080, hostIP: '10.0.0.1' }] }),
    ] };
    expect(lint(pod(spec))).toEqual([
      "error host-port-clash spec.containers[1].ports[0].hostPort: hostPort 8080/TCP of container 'b' is already taken by container 'a'; a node port can be bound once, so pick another hostPort",
    ]);
  });
});
