// More of the services rules (lib/rules/services.ts), beyond the Ingress backend ports of rules-services.test.ts:
// which objects the `service` rule judges, default protocols in duplicate ports, the kubelet port, targetPort names
// that look like numbers, nodePort and session affinity bounds, externalTrafficPolicy, healthCheckNodePort,
// allocateLoadBalancerNodePorts, clusterIP and externalName of ExternalName Services; and for the `ingress` rule an
// empty or null spec and defaultBackend, null service/resource backends, wildcard hosts, empty paths, pathTypes and
// path suffixes, and empty TLS secret names. Every case lists all findings of the manifest, so one added or lost shows.
import { lint } from './findings';

/** A v1 Service 's' with this spec. */
function service(spec: unknown): object {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec };
}

/** A networking.k8s.io/v1 Ingress 'i' with this spec. */
function ingress(spec: unknown): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec };
}

/** A backend the API server accepts. */
const WEB = { service: { name: 'web', port: { number: 80 } } };

/** An Ingress with one http rule whose one path is `path`. */
function ingressPath(path: object): object {
  return ingress({ rules: [{ http: { paths: [path] } }] });
}

const PATH0 = 'spec.rules[0].http.paths[0]';

describe('service: which objects it judges, and ports', () => {
  test('a Service of another API group (Knative) is not a core Service: no ports are required of it', () => {
    // GIVEN a serving.knative.dev/v1 Service with an empty spec
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 's' }, spec: {} };
    // WHEN it is linted
    // THEN the service rule says nothing (a v1 Service without ports would be reported)
    expect(lint(knative)).toEqual([]);
  });

  test('ports: null is no ports, as the API server reads it', () => {
    // GIVEN a ClusterIP Service whose ports are null
    // WHEN it is linted
    // THEN it is reported as having no ports
    expect(lint(service({ selector: { app: 'a' }, ports: null }))).toEqual([
      'error service spec.ports: a ClusterIP Service needs ports; list the ports it serves, such as [{ name: http, port: 80, targetPort: 8080 }]',
    ]);
  });

  test("an empty protocol defaults to TCP: port 80 with protocol '' and port 80 without one are the same port", () => {
    // GIVEN two ports 80, one with protocol '' and one without a protocol
    const spec = { ports: [{ name: 'a', port: 80, protocol: '' }, { name: 'b', port: 80 }] };
    // WHEN the Service is linted
    // THEN the second is a duplicate of the first, both 80/TCP
    expect(lint(service(spec))).toEqual([
      'error service spec.ports[1].port: Service ports 0 and 1 are both 80/TCP; a port and protocol may be listed once, so remove one or change its port',
    ]);
  });

  test('port 10250 on a LoadBalancer Service is the kubelet port, which Kubernetes 1.32 does not let it expose', () => {
    // GIVEN a LoadBalancer Service on port 10250, checked against 1.32
    // WHEN it is linted
    // THEN the port is reported (the API server of 1.32 rejects it: "may not expose port 10250 externally")
    expect(lint(service({ type: 'LoadBalancer', ports: [{ port: 10250 }] }), '1.32')).toEqual([
      'error service spec.ports[0].port: a LoadBalancer Service may not expose port 10250, the kubelet port; use another port',
    ]);
  });

  test('port 10250 on a ClusterIP Service is not exposed outside the cluster and is fine', () => {
    // GIVEN a ClusterIP Service on port 10250
    // WHEN it is linted, against 1.32 and 1.34
    // THEN there is no finding
    expect(lint(service({ ports: [{ port: 10250 }] }), '1.32')).toEqual([]);
    expect(lint(service({ ports: [{ port: 10250 }] }))).toEqual([]);
  });

  test('a targetPort name is told to be written unquoted only when it is all digits', () => {
    // GIVEN targetPorts 'A1' (ends with a digit) and '1A' (starts with one), both invalid port names
    const spec = { ports: [{ name: 'a', port: 80, targetPort: 'A1' }, { name: 'b', port: 81, targetPort: '1A' }] };
    // WHEN the Service is linted
    // THEN both are reported as port names, with the hint to use a container port's name, not to unquote a number
    const notIana = "is not an IANA service name: use lower-case letters, digits and '-', starting and ending with a letter or digit";
    expect(lint(service(spec))).toEqual([
      `error service spec.ports[0].targetPort: targetPort 'A1' is read as a port name and ${notIana}; use the name of a container port, such as 'http'`,
      `error service spec.ports[1].targetPort: targetPort '1A' is read as a port name and ${notIana}; use the name of a container port, such as 'http'`,
    ]);
  });

  test('a nodePort that is not a whole number is a field-type error only, not also a nodePort on a ClusterIP Service', () => {
    // GIVEN a ClusterIP Service with nodePort 1.5
    // WHEN it is linted
    // THEN only its type is reported
    expect(lint(service({ ports: [{ port: 80, nodePort: 1.5 }] }))).toEqual([
      'error field-type spec.ports[0].nodePort: nodePort is the number 1.5 but must be an integer; use a whole number such as 2',
    ]);
  });
});

describe('service: session affinity, traffic policy, health check port, node port allocation', () => {
  test('with sessionAffinity None the sessionAffinityConfig is dropped, so its timeout is not checked', () => {
    // GIVEN sessionAffinity None and a clientIP timeout of 0
    const spec = { ports: [{ port: 80 }], sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } };
    // WHEN the Service is linted
    // THEN there is no finding (the API server's defaulting drops the config)
    expect(lint(service(spec))).toEqual([]);
  });

  test('a ClientIP timeout of 1 second is the lowest allowed', () => {
    // GIVEN sessionAffinity ClientIP with timeoutSeconds 1
    const spec = { ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1 } } };
    // WHEN the Service is linted
    // THEN there is no finding
    expect(lint(service(spec))).toEqual([]);
  });

  test('a ClientIP timeout that is not a whole number is a field-type error only, not also out of range', () => {
    // GIVEN sessionAffinity ClientIP with timeoutSeconds 0.5
    const spec = { ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0.5 } } };
    // WHEN the Service is linted
    // THEN only its type is reported
    expect(lint(service(spec))).toEqual([
      'error field-type spec.sessionAffinityConfig.clientIP.timeoutSeconds: timeoutSeconds is the number 0.5 but must be an integer; use a whole number such as 1',
    ]);
  });

  test("an empty externalTrafficPolicy is not set: no finding on a ClusterIP Service", () => {
    // GIVEN a ClusterIP Service with externalTrafficPolicy ''
    // WHEN it is linted
    // THEN there is no finding
    expect(lint(service({ ports: [{ port: 80 }], externalTrafficPolicy: '' }))).toEqual([]);
  });

  test('healthCheckNodePort is accepted on a LoadBalancer Service with externalTrafficPolicy Local', () => {
    // GIVEN a LoadBalancer Service, externalTrafficPolicy Local and a healthCheckNodePort
    const spec = { type: 'LoadBalancer', ports: [{ port: 80 }], externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 };
    // WHEN it is linted
    // THEN there is no finding
    expect(lint(service(spec))).toEqual([]);
  });

  test('healthCheckNodePort on a LoadBalancer Service with externalTrafficPolicy Cluster is reported', () => {
    // GIVEN a LoadBalancer Service, externalTrafficPolicy Cluster and a healthCheckNodePort
    const spec = { type: 'LoadBalancer', ports: [{ port: 80 }], externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30100 };
    // WHEN it is linted
    // THEN healthCheckNodePort is reported
    expect(lint(service(spec))).toEqual([
      'error service spec.healthCheckNodePort: healthCheckNodePort is only used by a LoadBalancer Service with externalTrafficPolicy Local; remove it',
    ]);
  });

  test('healthCheckNodePort 0 is not set: no finding on a ClusterIP Service', () => {
    // GIVEN a ClusterIP Service with healthCheckNodePort 0
    // WHEN it is linted
    // THEN there is no finding
    expect(lint(service({ ports: [{ port: 80 }], healthCheckNodePort: 0 }))).toEqual([]);
  });

  test('allocateLoadBalancerNodePorts is reported on a ClusterIP Service, even when false', () => {
    // GIVEN a ClusterIP Service with allocateLoadBalancerNodePorts false
    // WHEN it is linted
    // THEN the field is reported
    expect(lint(service({ ports: [{ port: 80 }], allocateLoadBalancerNodePorts: false }))).toEqual([
      'error service spec.allocateLoadBalancerNodePorts: allocateLoadBalancerNodePorts is only for LoadBalancer Services, and this one is ClusterIP; remove it',
    ]);
  });

  test('allocateLoadBalancerNodePorts null is not set, and on a LoadBalancer Service it is in place', () => {
    // GIVEN a ClusterIP Service with allocateLoadBalancerNodePorts null, and a LoadBalancer Service with it true
    // WHEN they are linted
    // THEN there is no finding
    expect(lint(service({ ports: [{ port: 80 }], allocateLoadBalancerNodePorts: null }))).toEqual([]);
    expect(lint(service({ type: 'LoadBalancer', ports: [{ port: 80 }], allocateLoadBalancerNodePorts: true }))).toEqual([]);
  });
});

describe('service: ExternalName', () => {
  test('an ExternalName Service with a cluster IP address is reported', () => {
    // GIVEN an ExternalName Service with clusterIP 10.0.0.1
    const spec = { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.1' };
    // WHEN it is linted
    // THEN clusterIP is reported
    expect(lint(service(spec))).toEqual([
      'error service spec.clusterIP: an ExternalName Service has no cluster IP; remove clusterIP',
    ]);
  });

  test('an externalName may end with a dot (fully qualified)', () => {
    // GIVEN externalName 'db.example.com.'
    // WHEN the Service is linted
    // THEN there is no finding
    expect(lint(service({ type: 'ExternalName', externalName: 'db.example.com.' }))).toEqual([]);
  });

  test('an externalName that is not a DNS subdomain is reported, with the name as written', () => {
    // GIVEN externalName 'db_x.example.com.'
    // WHEN the Service is linted
    // THEN it is reported
    expect(lint(service({ type: 'ExternalName', externalName: 'db_x.example.com.' }))).toEqual([
      "error service spec.externalName: externalName 'db_x.example.com.' is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; use a DNS name such as 'db.example.com'",
    ]);
  });
});

describe('ingress: spec, defaultBackend and backends', () => {
  const NOTHING = "error ingress spec.rules: the Ingress has no rules and no defaultBackend, so it routes nothing; add rules, or a defaultBackend";

  test('spec: null is an empty spec, which routes nothing', () => {
    // GIVEN an Ingress whose spec is null
    // WHEN it is linted
    // THEN it is reported as having no rules and no defaultBackend
    expect(lint(ingress(null))).toEqual([NOTHING]);
  });

  test('defaultBackend: null is no defaultBackend', () => {
    // GIVEN an Ingress without rules whose defaultBackend is null
    // WHEN it is linted
    // THEN it is reported as having no rules and no defaultBackend
    expect(lint(ingress({ defaultBackend: null }))).toEqual([NOTHING]);
  });

  test('a null service beside a resource, or a null resource beside a service, is one backend, not two', () => {
    // GIVEN a defaultBackend with service: null and a resource, and one with resource: null and a service
    const resource = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' };
    // WHEN they are linted
    // THEN there is no finding
    expect(lint(ingress({ defaultBackend: { service: null, resource } }))).toEqual([]);
    expect(lint(ingress({ defaultBackend: { ...WEB, resource: null } }))).toEqual([]);
  });

  test.each(['Prefix', 'ImplementationSpecific'])('the backend of a %s path is checked', pathType => {
    // GIVEN a path of this pathType whose backend is empty
    // WHEN the Ingress is linted
    // THEN the backend is reported
    expect(lint(ingressPath({ path: '/', pathType, backend: {} }))).toEqual([
      `error ingress ${PATH0}.backend: the backend has neither a service nor a resource; set service: { name: ..., port: { number: 80 } }`,
    ]);
  });

  test('a pathType that is no string is a field-type error only: the path does not decode, so its backend is not judged', () => {
    // GIVEN a path with pathType 5 (a number) and an empty backend
    // WHEN the Ingress is linted
    // THEN only the type of pathType is reported (the API server fails to decode the object and validates nothing)
    expect(lint(ingressPath({ path: '/', pathType: 5, backend: {} }))).toEqual([
      `error field-type ${PATH0}.pathType: pathType is the number 5 but must be a string; quote it: "5"`,
    ]);
  });
});

describe('ingress: hosts', () => {
  const NOT_WILDCARD = "is not a wildcard DNS name; use one leading '*.' followed by a DNS name, such as '*.example.com'";

  test("an empty host is no host: no finding", () => {
    // GIVEN a rule with host ''
    // WHEN the Ingress is linted
    // THEN there is no finding
    expect(lint(ingress({ rules: [{ host: '', http: { paths: [{ path: '/', pathType: 'Prefix', backend: WEB }] } }] }))).toEqual([]);
  });

  test("a '*' that is not a leading '*.' is not a wildcard", () => {
    // GIVEN host '*foo.example.com'
    // WHEN the Ingress is linted
    // THEN the host is reported
    expect(lint(ingress({ defaultBackend: WEB, rules: [{ host: '*foo.example.com' }] }))).toEqual([
      `error ingress spec.rules[0].host: host '*foo.example.com' of the Ingress ${NOT_WILDCARD}`,
    ]);
  });

  test('a wildcard host may be 253 characters long, not 254', () => {
    // GIVEN wildcard hosts of 253 and 254 characters whose names after '*.' are valid DNS subdomains
    const labels = (last: number) => ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(last)].join('.');
    const ok = `*.${labels(59)}`;
    const long = `*.${labels(60)}`;
    expect([ok.length, long.length]).toEqual([253, 254]);
    // WHEN Ingresses with them are linted
    // THEN only the 254-character host is reported
    expect(lint(ingress({ defaultBackend: WEB, rules: [{ host: ok }] }))).toEqual([]);
    expect(lint(ingress({ defaultBackend: WEB, rules: [{ host: long }] }))).toEqual([
      // (a value over 120 characters is shown by its first 100, quote included, and its length)
      `error ingress spec.rules[0].host: host '${long.slice(0, 99)}... (256 characters) of the Ingress ${NOT_WILDCARD}`,
    ]);
  });
});

describe('ingress: paths', () => {
  const REQUIRED = 'error required-field spec.rules[0].http.paths: http has no paths, which Kubernetes requires; set paths';
  const NO_PATHS = 'error ingress spec.rules[0].http.paths: the http rule has no paths; add at least one path with a backend, such as { path: /, pathType: Prefix, backend: ... }';

  test('an http rule with an empty or null list of paths has no paths', () => {
    // GIVEN http rules with paths [] and paths null
    // WHEN the Ingresses are linted
    // THEN each is reported as having no paths, by the ingress rule as by required-field
    expect(lint(ingress({ rules: [{ http: { paths: [] } }] }))).toEqual([REQUIRED, NO_PATHS]);
    expect(lint(ingress({ rules: [{ http: { paths: null } }] }))).toEqual([REQUIRED, NO_PATHS]);
  });

  test("a Prefix or Exact path may not end with '/.' or '/..'", () => {
    // GIVEN a Prefix path '/foo/.' and an Exact path '/foo/..'
    const spec = { rules: [{ http: { paths: [{ path: '/foo/.', pathType: 'Prefix', backend: WEB }, { path: '/foo/..', pathType: 'Exact', backend: WEB }] } }] };
    // WHEN the Ingress is linted
    // THEN both are reported with the suffix they end with
    expect(lint(ingress(spec))).toEqual([
      "error ingress spec.rules[0].http.paths[0].path: path '/foo/.' (pathType Prefix) contains '/.', which the API server does not allow; write the path without it",
      "error ingress spec.rules[0].http.paths[1].path: path '/foo/..' (pathType Exact) contains '/..', which the API server does not allow; write the path without it",
    ]);
  });

  test('an ImplementationSpecific path must be absolute', () => {
    // GIVEN an ImplementationSpecific path 'foo'
    // WHEN the Ingress is linted
    // THEN it is reported
    expect(lint(ingressPath({ path: 'foo', pathType: 'ImplementationSpecific', backend: WEB }))).toEqual([
      `error ingress ${PATH0}.path: path 'foo' is not absolute; start it with '/'`,
    ]);
  });

  test('an ImplementationSpecific path may be empty', () => {
    // GIVEN an ImplementationSpecific path ''
    // WHEN the Ingress is linted
    // THEN there is no finding
    expect(lint(ingressPath({ path: '', pathType: 'ImplementationSpecific', backend: WEB }))).toEqual([]);
  });

  test('a path without pathType, or with an unknown one, is not checked for being absolute', () => {
    // GIVEN relative paths 'foo' without a pathType and with pathType Regex, each with a valid backend
    // WHEN the Ingresses are linted
    // THEN only the pathType is reported (the API server rejects the pathType, and does not judge the path)
    expect(lint(ingressPath({ path: 'foo', backend: WEB }))).toEqual([
      `error required-field ${PATH0}.pathType: paths[0] has no pathType, which Kubernetes requires; set pathType`,
    ]);
    expect(lint(ingressPath({ path: 'foo', pathType: 'Regex', backend: WEB }))).toEqual([
      `error enum-value ${PATH0}.pathType: pathType 'Regex' is not one of Exact, Prefix, ImplementationSpecific (values are case-sensitive); use one of them`,
    ]);
  });
});

describe('ingress: TLS', () => {
  test('an empty TLS secretName is not set: no finding', () => {
    // GIVEN a TLS entry with a host and secretName ''
    // WHEN the Ingress is linted
    // THEN there is no finding
    expect(lint(ingress({ defaultBackend: WEB, tls: [{ hosts: ['shop.example.com'], secretName: '' }] }))).toEqual([]);
  });
});

// Four places where the rules disagreed with the API server's validation code (pkg/apis/core/validation and
// pkg/apis/networking/validation of each release), fixed with these tests.
describe('as the API server of each release', () => {
  test('port 10250 on a LoadBalancer Service is fine from Kubernetes 1.33, which dropped the kubelet-port check', () => {
    // GIVEN / WHEN / THEN
    expect(lint(service({ type: 'LoadBalancer', ports: [{ port: 10250 }] }), '1.33')).toEqual([]);
    expect(lint(service({ type: 'LoadBalancer', ports: [{ port: 10250 }] }), '1.34')).toEqual([]);
  });

  test('externalTrafficPolicy on a ClusterIP Service with externalIPs: accepted from 1.29 (externally accessible), rejected by 1.28', () => {
    // GIVEN
    const withIPs = service({ ports: [{ port: 80 }], externalIPs: ['203.0.113.10'], externalTrafficPolicy: 'Local' });
    const without = service({ ports: [{ port: 80 }], externalTrafficPolicy: 'Local' });

    // WHEN / THEN
    expect(lint(withIPs)).toEqual([]);
    expect(lint(withIPs, '1.28')).toEqual([
      'error service spec.externalTrafficPolicy: externalTrafficPolicy is set on a ClusterIP Service, which has no external traffic; remove it, or use type: NodePort or LoadBalancer',
    ]);
    expect(lint(without)).toEqual([
      'error service spec.externalTrafficPolicy: externalTrafficPolicy is set on a ClusterIP Service, which has no external traffic; remove it, or use type: NodePort or LoadBalancer, or give it externalIPs',
    ]);
    expect(lint(service({ ports: [{ port: 80 }], externalIPs: [], externalTrafficPolicy: 'Local' }))).toEqual([
      'error service spec.externalTrafficPolicy: externalTrafficPolicy is set on a ClusterIP Service, which has no external traffic; remove it, or use type: NodePort or LoadBalancer, or give it externalIPs',
    ]);
  });

  test('1.29 is the first release that takes externalTrafficPolicy with externalIPs, and only on a ClusterIP Service', () => {
    // GIVEN
    const ports = [{ port: 80 }];

    // WHEN / THEN
    expect(lint(service({ ports, externalIPs: ['203.0.113.10'], externalTrafficPolicy: 'Cluster' }), '1.29')).toEqual([]);
    expect(lint(service({ ports, externalTrafficPolicy: 'Cluster' }), '1.29')).toEqual([
      'error service spec.externalTrafficPolicy: externalTrafficPolicy is set on a ClusterIP Service, which has no external traffic; remove it, or use type: NodePort or LoadBalancer, or give it externalIPs',
    ]);
    expect(lint(service({ type: 'ExternalName', externalName: 'db.example.com', externalIPs: ['203.0.113.10'], externalTrafficPolicy: 'Cluster' }))).toEqual([
      'error service spec.externalTrafficPolicy: externalTrafficPolicy is set on an ExternalName Service, which has no external traffic; remove it, or use type: NodePort or LoadBalancer',
    ]);
  });

  test('an ExternalName Service may not have clusterIP None either', () => {
    // GIVEN / WHEN / THEN
    expect(lint(service({ type: 'ExternalName', externalName: 'db.example.com', clusterIP: 'None' }))).toEqual([
      'error service spec.clusterIP: an ExternalName Service has no cluster IP; remove clusterIP',
    ]);
  });

  test('an Ingress path without pathType is reported for that alone; with an unsupported pathType its backend is still checked', () => {
    // GIVEN a path whose backend is empty, without pathType and with pathType Regex
    const missing = lint(ingressPath({ path: '/a', backend: {} }));
    const regex = lint(ingressPath({ path: '/a', pathType: 'Regex', backend: {} }));

    // THEN
    expect(missing.filter(f => f.includes(' ingress '))).toEqual([]);
    expect(missing.map(f => f.split(':')[0])).toEqual([`error required-field ${PATH0}.pathType`]);
    expect(regex.filter(f => f.includes(' ingress '))).toEqual([
      `error ingress ${PATH0}.backend: the backend has neither a service nor a resource; set service: { name: ..., port: { number: 80 } }`,
    ]);
  });
});
