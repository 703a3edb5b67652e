// The services family: Services and Ingresses, as the API server validates them on create.
import { isIP } from 'net';
import { article, defineRule, FieldPath, isObject, kubernetesMinor, show } from './engine';
import { dns1035Problem, dnsLabelProblem, dnsSubdomainProblem, isPortNumber, portNameProblem, qualifiedNameProblem, toDnsName } from './formats';

/** The NodePort range of a kube-apiserver with its default --service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export const service = defineRule({
  id: 'service',
  family: 'services',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'Service ports are valid: there are some (but for headless and ExternalName Services), named with unique DNS-1123 labels when there are several, port numbers 1-65535, targetPort a port number or IANA port name, no port and protocol twice, nodePorts only on NodePort and LoadBalancer Services, each once and in the default range 30000-32767; externalTrafficPolicy only on externally reachable Services (NodePort, LoadBalancer, and from 1.29 ClusterIP with externalIPs); no LoadBalancer port 10250 before 1.33; a ClientIP session affinity timeout of 1-86400 seconds; clusterIP None or an IP address, None not with NodePort or LoadBalancer, none at all on ExternalName; an ExternalName Service names a DNS host',
  check(ctx) {
    const m = ctx.manifest;
    if (m.kind !== 'Service' || m.apiVersion !== 'v1') return;
    if (m.spec !== undefined && m.spec !== null && !isObject(m.spec)) return; // field-type
    const spec = isObject(m.spec) ? m.spec : {};
    const type = typeof spec.type === 'string' && spec.type !== '' ? spec.type : 'ClusterIP';
    const headless = spec.clusterIP === 'None';
    const nodePorts = type === 'NodePort' || type === 'LoadBalancer';
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    if (ports.length === 0 && !headless && type !== 'ExternalName' && (spec.ports === undefined || spec.ports === null || Array.isArray(spec.ports))) {
      ctx.report(['spec', 'ports'], `${article(type)} ${type} Service needs ports; list the ports it serves, such as [{ name: http, port: 80, targetPort: 8080 }]`);
    }
    const names = new Map<string, number>();
    const seen = new Map<string, number>();
    const seenNodePorts = new Map<string, number>();
    ports.forEach((p: unknown, i: number) => {
      if (!isObject(p)) return;
      const at = ['spec', 'ports', i];
      const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP';
      if (p.name === undefined || p.name === null || p.name === '') {
        if (ports.length > 1) ctx.report([...at, 'name'], `port ${show(p.port)} of the Service has no name, and a Service with several ports must name each; set a name such as 'http'`);
      } else if (typeof p.name === 'string') {
        const problem = dnsLabelProblem(p.name);
        if (problem) ctx.report([...at, 'name'], `Service port name ${show(p.name)} ${problem}; use '${toDnsName(p.name, 63)}'`);
        const first = names.get(p.name);
        if (first !== undefined) ctx.report([...at, 'name'], `Service ports ${first} and ${i} are both named ${show(p.name)}; give each port its own name`);
        else names.set(p.name, i);
      }
      if (typeof p.port === 'number' && Number.isInteger(p.port)) {
        if (!isPortNumber(p.port)) ctx.report([...at, 'port'], `Service port ${p.port} is outside 1-65535; use the port clients connect to, such as 80`);
        else {
          const key = `${p.port}/${protocol}`;
          const first = seen.get(key);
          if (first !== undefined) ctx.report([...at, 'port'], `Service ports ${first} and ${i} are both ${key}; a port and protocol may be listed once, so remove one or change its port`);
          else seen.set(key, i);
          // Kubernetes 1.33 dropped this check (kubernetes/kubernetes#129174).
          if (type === 'LoadBalancer' && p.port === 10250 && kubernetesMinor(ctx.options) < 33) ctx.report([...at, 'port'], 'a LoadBalancer Service may not expose port 10250, the kubelet port; use another port');
        }
      }
      const target = p.targetPort;
      if (typeof target === 'number' && Number.isInteger(target) && target !== 0 && !isPortNumber(target)) {
        ctx.report([...at, 'targetPort'], `targetPort ${target} is outside 1-65535; use the port the pods listen on, or the name of a container port`);
      } else if (typeof target === 'string' && target !== '') {
        const problem = portNameProblem(target);
        if (problem) ctx.report([...at, 'targetPort'], `targetPort ${show(target)} is read as a port name and ${problem}; ${/^[0-9]+$/.test(target) ? `write ${target} without quotes for a number` : 'use the name of a container port, such as \'http\''}`);
      }
      if (typeof p.appProtocol === 'string') {
        const problem = qualifiedNameProblem(p.appProtocol);
        if (problem) ctx.report([...at, 'appProtocol'], `appProtocol ${show(p.appProtocol)} ${problem}; use a protocol name such as 'http', 'h2c' or 'kubernetes.io/ws'`);
      }
      const np = p.nodePort;
      if (typeof np === 'number' && Number.isInteger(np) && np !== 0) {
        if (!nodePorts) {
          ctx.report([...at, 'nodePort'], `nodePort ${np} is set on ${article(type)} ${type} Service, which opens no node ports; remove nodePort, or use type: NodePort`);
        } else if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
          ctx.report([...at, 'nodePort'], `nodePort ${np} is outside the NodePort range ${NODE_PORT_MIN}-${NODE_PORT_MAX} of a default API server; use a port in it, or remove nodePort to have one allocated`);
        } else {
          const key = `${np}/${protocol}`;
          const first = seenNodePorts.get(key);
          if (first !== undefined) ctx.report([...at, 'nodePort'], `Service ports ${first} and ${i} both use nodePort ${key}; give each its own nodePort, or remove one to have it allocated`);
          else seenNodePorts.set(key, i);
        }
      }
    });
    // With sessionAffinity None the API server drops a sessionAffinityConfig; with ClientIP it checks the timeout.
    const config = spec.sessionAffinityConfig;
    if (spec.sessionAffinity === 'ClientIP' && isObject(config) && isObject(config.clientIP)) {
      const t = config.clientIP.timeoutSeconds;
      if (typeof t === 'number' && Number.isInteger(t) && (t < 1 || t > 86400)) {
        ctx.report(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], `session affinity timeoutSeconds ${t} is outside 1-86400 (one day); use a value in that range (10800, three hours, is the default)`);
      }
    }
    // Externally accessible: NodePort and LoadBalancer, and from 1.29 a ClusterIP Service with externalIPs.
    const externalByIPs = type === 'ClusterIP' && kubernetesMinor(ctx.options) >= 29;
    const external = nodePorts || (externalByIPs && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
    if (typeof spec.externalTrafficPolicy === 'string' && spec.externalTrafficPolicy !== '' && !external) {
      ctx.report(['spec', 'externalTrafficPolicy'], `externalTrafficPolicy is set on ${article(type)} ${type} Service, which has no external traffic; remove it, or use type: NodePort or LoadBalancer${externalByIPs ? ', or give it externalIPs' : ''}`);
    }
    if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
      ctx.report(['spec', 'healthCheckNodePort'], 'healthCheckNodePort is only used by a LoadBalancer Service with externalTrafficPolicy Local; remove it');
    }
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
      ctx.report(['spec', 'allocateLoadBalancerNodePorts'], `allocateLoadBalancerNodePorts is only for LoadBalancer Services, and this one is ${type}; remove it`);
    }
    const ip = spec.clusterIP;
    if (typeof ip === 'string' && ip !== '') {
      // An ExternalName Service may have no clusterIP at all, not even None (the API server copies it into clusterIPs).
      if (type === 'ExternalName') ctx.report(['spec', 'clusterIP'], 'an ExternalName Service has no cluster IP; remove clusterIP');
      else if (ip !== 'None' && isIP(ip) === 0) ctx.report(['spec', 'clusterIP'], `clusterIP ${show(ip)} is not an IP address${ip.toLowerCase() === 'none' ? " (write 'None' for a headless Service: it is case-sensitive)" : ''}; remove it to have one allocated, or use 'None' for a headless Service`);
    }
    if (headless && nodePorts) {
      ctx.report(['spec', 'clusterIP'], `clusterIP None (headless) is not allowed for ${article(type)} ${type} Service, which needs a cluster IP; remove clusterIP, or use type: ClusterIP`);
    }
    if (type === 'ExternalName') {
      const name = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
      if (name === '') ctx.report(['spec', 'externalName'], "an ExternalName Service needs externalName, the DNS name it points to; set one such as 'db.example.com'");
      else {
        const problem = dnsSubdomainProblem(name);
        if (problem) ctx.report(['spec', 'externalName'], `externalName ${show(spec.externalName)} ${problem}; use a DNS name such as 'db.example.com'`);
      }
    }
  },
});

/** Whether a backend port's number or name is set: 0 and '' are the API's "not set". */
function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== 0 && value !== '';
}

/** Why an Ingress host is not one the API server takes, or undefined. */
function hostProblem(host: string): string | undefined {
  if (isIP(host) !== 0) return 'is an IP address, and Ingress hosts are DNS names; remove host to match any address';
  if (host.includes('*')) {
    if (!host.startsWith('*.') || dnsSubdomainProblem(host.slice(2)) || host.length > 253) return "is not a wildcard DNS name; use one leading '*.' followed by a DNS name, such as '*.example.com'";
    return undefined;
  }
  const problem = dnsSubdomainProblem(host);
  return problem ? `${problem}; use a DNS name such as 'shop.example.com' (without scheme or port)` : undefined;
}

const INVALID_PATH_PARTS = ['//', '/./', '/../', '%2f', '%2F'];

export const ingress = defineRule({
  id: 'ingress',
  family: 'services',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: "an Ingress has rules or a defaultBackend; hosts are DNS names (a leading '*.' allowed), not IP addresses; each http rule has paths, absolute, and for Prefix and Exact without //, /./, /../ or a trailing /. or /..; a backend is a service (a DNS-1035 name and a port number 1-65535 or IANA port name, not both) or a resource, not both; TLS hosts are DNS names and secretName and ingressClassName DNS-1123 subdomains",
  check(ctx) {
    const m = ctx.manifest;
    if (m.kind !== 'Ingress') return;
    if (m.spec !== undefined && m.spec !== null && !isObject(m.spec)) return; // field-type
    const spec = isObject(m.spec) ? m.spec : {};
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    if (rules.length === 0 && (spec.defaultBackend === undefined || spec.defaultBackend === null)) {
      ctx.report(['spec', 'rules'], 'the Ingress has no rules and no defaultBackend, so it routes nothing; add rules, or a defaultBackend');
    }
    const backend = (b: unknown, at: FieldPath) => {
      if (!isObject(b)) return;
      const hasService = b.service !== undefined && b.service !== null;
      const hasResource = b.resource !== undefined && b.resource !== null;
      if (hasService && hasResource) {
        ctx.report(at, 'the backend has a service and a resource; a backend is one of them, so remove one');
        return;
      }
      if (!hasResource && !hasService) {
        ctx.report(at, "the backend has neither a service nor a resource; set service: { name: ..., port: { number: 80 } }");
        return;
      }
      const svc = b.service;
      if (!isObject(svc)) return;
      if (typeof svc.name === 'string' && svc.name !== '') {
        const problem = dns1035Problem(svc.name);
        if (problem) ctx.report([...at, 'service', 'name'], `backend service name ${show(svc.name)} ${problem}, so no Service can have it; use the name of the Service`);
      }
      const port = isObject(svc.port) ? svc.port : {};
      const hasName = typeof port.name === 'string' && port.name !== '';
      const hasNumber = typeof port.number === 'number' && port.number !== 0;
      if (hasName && hasNumber) ctx.report([...at, 'service', 'port'], `the backend port has a name ${show(port.name)} and a number ${port.number}; keep one of them`);
      else if (hasName) {
        const problem = portNameProblem(port.name);
        if (problem) ctx.report([...at, 'service', 'port', 'name'], `backend port name ${show(port.name)} ${problem}; use the name of a port of the Service, such as 'http'`);
      } else if (hasNumber) {
        if (Number.isInteger(port.number) && !isPortNumber(port.number)) ctx.report([...at, 'service', 'port', 'number'], `backend port ${port.number} is outside 1-65535; use a port of the Service, such as 80`);
      } else if (!given(port.number) && !given(port.name)) {
        // A number or name of the wrong type (`number: "80"`) is a field-type error at that field, not a missing port.
        ctx.report([...at, 'service', 'port'], 'the backend service has no port; set port.number (such as 80) or port.name (such as http)');
      }
    };
    backend(spec.defaultBackend, ['spec', 'defaultBackend']);
    rules.forEach((r: unknown, i: number) => {
      if (!isObject(r)) return;
      const at = ['spec', 'rules', i];
      if (typeof r.host === 'string' && r.host !== '') {
        const problem = hostProblem(r.host);
        if (problem) ctx.report([...at, 'host'], `host ${show(r.host)} of the Ingress ${problem}`);
      }
      if (!isObject(r.http)) return;
      const paths = r.http.paths;
      if (!Array.isArray(paths) || paths.length === 0) {
        if (paths === undefined || paths === null || Array.isArray(paths)) ctx.report([...at, 'http', 'paths'], 'the http rule has no paths; add at least one path with a backend, such as { path: /, pathType: Prefix, backend: ... }');
        return;
      }
      paths.forEach((p: unknown, j: number) => {
        if (!isObject(p)) return;
        const pat = [...at, 'http', 'paths', j];
        const path = typeof p.path === 'string' ? p.path : '';
        if (p.pathType === 'Prefix' || p.pathType === 'Exact') {
          if (!path.startsWith('/')) ctx.report([...pat, 'path'], `path ${show(path)} (pathType ${p.pathType}) is not absolute; start it with '/', such as '/${path}'`);
          else {
            const bad = INVALID_PATH_PARTS.find(x => path.includes(x)) ?? ['/..', '/.'].find(x => path.endsWith(x));
            if (bad) ctx.report([...pat, 'path'], `path ${show(path)} (pathType ${p.pathType}) contains '${bad}', which the API server does not allow; write the path without it`);
          }
        } else if (p.pathType === 'ImplementationSpecific' && path !== '' && !path.startsWith('/')) {
          ctx.report([...pat, 'path'], `path ${show(path)} is not absolute; start it with '/'`);
        }
        // As the API server: a path without pathType gets only "pathType must be specified" (the required-field
        // rule); with any pathType, also an unsupported one, its backend is checked.
        if (typeof p.pathType === 'string') backend(p.backend, [...pat, 'backend']);
      });
    });
    if (Array.isArray(spec.tls)) {
      spec.tls.forEach((t: unknown, i: number) => {
        if (!isObject(t)) return;
        if (Array.isArray(t.hosts)) {
          t.hosts.forEach((h: unknown, j: number) => {
            if (typeof h !== 'string') return;
            // TLS hosts are DNS names or wildcards; unlike rule hosts, an IP address passes as a DNS name here.
            const subdomain = dnsSubdomainProblem(h);
            const problem = h.includes('*') ? hostProblem(h) : subdomain && `${subdomain}; use a DNS name such as 'shop.example.com' (without scheme or port)`;
            if (problem) ctx.report(['spec', 'tls', i, 'hosts', j], `TLS host ${show(h)} ${problem}`);
          });
        }
        if (typeof t.secretName === 'string' && t.secretName !== '') {
          const problem = dnsSubdomainProblem(t.secretName);
          if (problem) ctx.report(['spec', 'tls', i, 'secretName'], `TLS secretName ${show(t.secretName)} ${problem}; use the name of the Secret, such as '${toDnsName(t.secretName, 253)}'`);
        }
      });
    }
    if (typeof spec.ingressClassName === 'string') {
      const problem = dnsSubdomainProblem(spec.ingressClassName);
      if (problem) ctx.report(['spec', 'ingressClassName'], `ingressClassName ${show(spec.ingressClassName)} ${problem}; use the name of an IngressClass, such as 'nginx'`);
    }
  },
});
