// Rules about how objects refer to each other: a Service and the pods it selects, an Ingress and
// its Services, a StatefulSet and its headless Service, workloads whose selectors overlap. They run
// once over every object checked together (an app at synth, the files given to one lint run), on
// small summaries of the objects, so a lint run never holds whole documents in memory for them.
import { selects } from './names';
import {
  apiGroupOf, CheckOptions, containersOf, defineRule, FieldPath, Finding, formatPath, ignoredRules, IGNORE_ANNOTATION,
  isObject, podTarget, show,
} from './engine';

/** A port a pod's containers declare (regular containers and native sidecars: those that serve). */
interface PodPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

interface Backend {
  readonly service: string;
  readonly port: number | string | undefined;
  readonly path: FieldPath;
}

interface ServicePort {
  readonly name?: string;
  readonly port: unknown;
  readonly targetPort: number | string;
  readonly protocol: string;
  readonly path: FieldPath;
}

/** What the cross-object rules need to know about one object. */
export interface ObjectSummary {
  readonly kind: string;
  readonly group: string;
  /** The namespace, `''` for none (the namespace of `kubectl apply`). */
  readonly namespace: string;
  readonly name: string;
  /** Rules the object turns off with the ignore annotation. */
  readonly ignored: ReadonlyMap<string, FieldPath>;
  readonly ignoreReason?: string;
  /** A Pod, or a workload's pod template. */
  readonly pods?: {
    readonly labels: { readonly [key: string]: unknown };
    readonly labelsPath: FieldPath;
    /** The workload's label selector (not for Pods, Jobs and CronJobs, whose selectors are generated). */
    readonly selector?: { readonly [key: string]: any };
    readonly ports: readonly PodPort[];
  };
  readonly service?: {
    readonly headless: boolean;
    readonly selector?: { readonly [key: string]: unknown };
    readonly ports: readonly ServicePort[];
  };
  readonly backends?: readonly Backend[];
  /** A StatefulSet's governing Service. */
  readonly serviceName?: string;
}

/** One finding of a cross-object rule, at the object with this index. */
export interface ObjectFinding {
  readonly index: number;
  readonly finding: Finding;
}

/** The Kinds whose selector is a label selector over the pod template (Jobs and CronJobs generate theirs). */
const SELECTING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** What the cross-object rules need of a manifest, or undefined for an object they do not look at. */
export function summarizeObject(manifest: unknown): ObjectSummary | undefined {
  if (!isObject(manifest) || typeof manifest.kind !== 'string' || !isObject(manifest.metadata)) return undefined;
  const kind = manifest.kind;
  const name = manifest.metadata.name;
  if (typeof name !== 'string') return undefined;
  const pod = podTarget(manifest);
  const isService = kind === 'Service' && apiGroupOf(manifest.apiVersion) === '';
  const isIngress = kind === 'Ingress' && apiGroupOf(manifest.apiVersion) === 'networking.k8s.io';
  if (!pod && !isService && !isIngress) return undefined;
  const namespace = typeof manifest.metadata.namespace === 'string' ? manifest.metadata.namespace : '';
  const ignored = ignoredRules(manifest, pod);
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  const base = { kind, group: apiGroupOf(manifest.apiVersion), namespace, name, ignored: ignored.rules, ignoreReason: ignored.reason };
  if (pod) {
    const ports: PodPort[] = [];
    for (const ref of containersOf(pod)) {
      if (!ref.concurrent || !Array.isArray(ref.container.ports)) continue;
      for (const p of ref.container.ports) {
        if (!isObject(p) || typeof p.containerPort !== 'number') continue;
        ports.push({ name: typeof p.name === 'string' ? p.name : undefined, port: p.containerPort, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP' });
      }
    }
    let selector: { [key: string]: any } | undefined;
    if (SELECTING.has(kind)) {
      if (kind === 'ReplicationController') selector = isObject(spec.selector) ? { matchLabels: spec.selector } : undefined;
      else selector = isObject(spec.selector) ? spec.selector : undefined;
    }
    const labels = isObject(pod.metadata) && isObject(pod.metadata.labels) ? pod.metadata.labels : {};
    return {
      ...base,
      pods: { labels, labelsPath: [...pod.metadataPath, 'labels'], selector, ports },
      serviceName: kind === 'StatefulSet' && typeof spec.serviceName === 'string' && spec.serviceName !== '' ? spec.serviceName : undefined,
    };
  }
  if (isService) {
    const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
    if (type === 'ExternalName') return { ...base, service: { headless: false, ports: [] } };
    const ports: ServicePort[] = [];
    (Array.isArray(spec.ports) ? spec.ports : []).forEach((p: unknown, i: number) => {
      if (!isObject(p)) return;
      const target = typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : p.port;
      if (typeof target !== 'number' && typeof target !== 'string') return;
      ports.push({
        name: typeof p.name === 'string' ? p.name : undefined, port: p.port, targetPort: target,
        protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP', path: ['spec', 'ports', i, p.targetPort === undefined ? 'port' : 'targetPort'],
      });
    });
    const selector = isObject(spec.selector) && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
    return { ...base, service: { headless: spec.clusterIP === 'None', selector, ports } };
  }
  const backends: Backend[] = [];
  const backend = (b: unknown, path: FieldPath) => {
    if (!isObject(b) || !isObject(b.service) || typeof b.service.name !== 'string') return;
    const port = isObject(b.service.port) ? (typeof b.service.port.number === 'number' ? b.service.port.number : typeof b.service.port.name === 'string' ? b.service.port.name : undefined) : undefined;
    backends.push({ service: b.service.name, port, path: [...path, 'service'] });
  };
  backend(spec.defaultBackend, ['spec', 'defaultBackend']);
  (Array.isArray(spec.rules) ? spec.rules : []).forEach((rule: unknown, i: number) => {
    if (!isObject(rule) || !isObject(rule.http) || !Array.isArray(rule.http.paths)) return;
    rule.http.paths.forEach((p: unknown, j: number) => {
      if (isObject(p)) backend(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
    });
  });
  return { ...base, backends };
}

// ---- The rules ------------------------------------------------------------------------------------

const noCheck = () => undefined;

export const serviceSelects = defineRule({
  id: 'service-selects',
  family: 'services',
  severity: 'error',
  basis: 'runtime',
  target: 'objects',
  description: "a Service's selector matches the pod template of some Pod or workload in its namespace (checked when the objects checked together have Pods or Deployments, StatefulSets, DaemonSets or ReplicaSets in that namespace): a Service that selects nothing has no endpoints",
  check: noCheck,
});

export const serviceTargetPort = defineRule({
  id: 'service-target-port',
  family: 'services',
  severity: 'error',
  basis: 'runtime',
  target: 'objects',
  description: 'a Service targetPort given by name is declared by a container of the pods it selects; one given by number is a port they declare, when they declare any (traffic to a port nothing serves is dropped)',
  check: noCheck,
});

export const ingressBackend = defineRule({
  id: 'ingress-backend',
  family: 'services',
  severity: 'error',
  basis: 'runtime',
  target: 'objects',
  description: "an Ingress backend names a Service of the Ingress's namespace (checked when the objects checked together have Services there) and one of that Service's ports, by number or name",
  check: noCheck,
});

export const statefulSetService = defineRule({
  id: 'statefulset-service',
  family: 'services',
  severity: 'error',
  basis: 'runtime',
  target: 'objects',
  description: "a StatefulSet's serviceName names a headless Service (clusterIP: None) of its namespace (checked when the objects checked together have Services there): without it the pods get no stable DNS names",
  check: noCheck,
});

export const selectorOverlap = defineRule({
  id: 'selector-overlap',
  family: 'services',
  severity: 'warning',
  basis: 'runtime',
  target: 'objects',
  description: "no workload's selector selects the pods of another workload or a bare Pod of its namespace: their controllers would fight over (or adopt) the same pods",
  check: noCheck,
});

/** `Deployment 'web'`. */
function describeObject(s: ObjectSummary): string {
  return `${s.kind} ${show(s.name)}`;
}

function nsPhrase(namespace: string): string {
  return namespace === '' ? 'in the same namespace (none given)' : `in namespace '${namespace}'`;
}

/** `{app: web, tier: db}` */
function showMap(map: { readonly [key: string]: unknown }): string {
  return `{${Object.entries(map).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : show(v)}`).join(', ')}}`;
}

/**
 * Runs the cross-object rules over objects checked together and returns their findings, each
 * with the index of the object it concerns. `summaries[i]` is `summarizeObject(objects[i])`
 * (undefined for objects the rules do not look at). The ignore annotation, `disable` and
 * `keepSuppressed` work as for `checkManifest`.
 */
export function checkObjects(summaries: ReadonlyArray<ObjectSummary | undefined>, options: CheckOptions = {}): ObjectFinding[] {
  const out: ObjectFinding[] = [];
  const disabled = new Set(options.disable ?? []);
  const report = (index: number, rule: { id: string; severity: 'error' | 'warning' }, segments: FieldPath, message: string) => {
    if (disabled.has(rule.id)) return;
    const s = summaries[index]!;
    const finding: Finding = { rule: rule.id, severity: rule.severity, path: formatPath(segments), segments, message };
    if (s.ignored.has(rule.id)) {
      if (options.keepSuppressed) out.push({ index, finding: { ...finding, suppressed: { annotation: IGNORE_ANNOTATION, reason: s.ignoreReason } } });
      return;
    }
    out.push({ index, finding });
  };

  // Indexes by namespace: pods by each label, Services by name.
  const podsByLabel = new Map<string, number[]>();
  const podsByNamespace = new Map<string, number[]>();
  /** Namespaces with long-running pods (not only Jobs'): where a Service's pods are expected among the objects. */
  const servedNamespaces = new Set<string>();
  const servicesByName = new Map<string, number>();
  const namespacesWithServices = new Set<string>();
  summaries.forEach((s, i) => {
    if (!s) return;
    if (s.pods) {
      push(podsByNamespace, s.namespace, i);
      if (s.kind !== 'Job' && s.kind !== 'CronJob') servedNamespaces.add(s.namespace);
      for (const [k, v] of Object.entries(s.pods.labels)) if (typeof v === 'string') push(podsByLabel, labelKey(s.namespace, k, v), i);
    }
    if (s.service) {
      namespacesWithServices.add(s.namespace);
      const key = `${s.namespace}\0${s.name}`;
      if (!servicesByName.has(key)) servicesByName.set(key, i);
    }
  });
  /**
   * The pods of the namespace a label selector selects, at most `limit`: the search starts from the
   * pods with the selector's rarest label, so a large app is not searched pod by pod for each selector.
   */
  const selected = (namespace: string, selector: { [key: string]: any }, limit = Infinity, accept: (i: number) => boolean = () => true): number[] => {
    let candidates: number[] | undefined;
    if (isObject(selector.matchLabels)) {
      for (const [k, v] of Object.entries(selector.matchLabels)) {
        if (typeof v !== 'string') continue;
        const list = podsByLabel.get(labelKey(namespace, k, v)) ?? [];
        if (candidates === undefined || list.length < candidates.length) candidates = list;
      }
    }
    const out: number[] = [];
    for (const i of candidates ?? podsByNamespace.get(namespace) ?? []) {
      if (!accept(i) || !selects(selector, summaries[i]!.pods!.labels)) continue;
      out.push(i);
      if (out.length >= limit) break;
    }
    return out;
  };
  /** Services with the same selector select the same pods: found once. */
  const selectedByService = new Map<string, number[]>();

  summaries.forEach((s, i) => {
    if (!s) return;
    if (s.service?.selector) checkService(s, i);
    if (s.backends) checkBackends(s, i);
    if (s.serviceName !== undefined) checkGoverningService(s, i);
    if (s.pods?.selector) checkOverlap(s, i);
  });
  return out;

  function checkService(s: ObjectSummary, i: number): void {
    const service = s.service!;
    const selector = { matchLabels: service.selector };
    if (!servedNamespaces.has(s.namespace)) return; // the pods are not among the objects checked: nothing to judge
    const key = `${s.namespace}\0${JSON.stringify(service.selector)}`;
    let pods = selectedByService.get(key);
    if (!pods) selectedByService.set(key, pods = selected(s.namespace, selector));
    if (pods.length === 0) {
      report(i, serviceSelects, ['spec', 'selector'], `the Service selects ${showMap(service.selector!)} but no Pod or pod template ${nsPhrase(s.namespace)} has these labels, so it would have no endpoints; make the selector a subset of the labels of the pods it should reach${nearest(s.namespace, service.selector!)}`);
      return;
    }
    const ports = pods.flatMap(p => summaries[p]!.pods!.ports);
    const named = pods.slice(0, 3).map(p => describeObject(summaries[p]!)).join(', ');
    const who = pods.length === 1 ? `the pods of ${describeObject(summaries[pods[0]]!)}` : `the pods it selects (${named}${pods.length > 3 ? ` and ${pods.length - 3} more` : ''})`;
    for (const port of service.ports) {
      if (typeof port.targetPort === 'string') {
        if (!ports.some(p => p.name === port.targetPort)) {
          const names = [...new Set(ports.map(p => p.name).filter((n): n is string => n !== undefined))];
          report(i, serviceTargetPort, port.path, `targetPort ${show(port.targetPort)} names no container port of ${who}${names.length > 0 ? `, which declare ${names.map(n => `'${n}'`).join(', ')}` : ', which name no ports'}; name the container port ${show(port.targetPort)} or use one of those names`);
        }
      } else {
        const same = ports.filter(p => p.protocol === port.protocol);
        if (same.length > 0 && !same.some(p => p.port === port.targetPort)) {
          const what = port.path[port.path.length - 1] === 'port' ? `targetPort is not given, so it is the port, ${port.targetPort}/${port.protocol}, which` : `targetPort ${port.targetPort}/${port.protocol}`;
          report(i, serviceTargetPort, port.path, `${what} is not a port ${who} declare (${[...new Set(same.map(p => `${p.port}/${p.protocol}`))].join(', ')}); point targetPort at the port the app listens on, or declare it on the container`);
        }
      }
    }
  }

  function nearest(namespace: string, selector: { readonly [key: string]: unknown }): string {
    // The pods that share a label key with the selector: the likely typo.
    for (const [k] of Object.entries(selector)) {
      for (const p of podsByNamespace.get(namespace) ?? []) {
        const labels = summaries[p]!.pods!.labels;
        if (typeof labels[k] === 'string') return ` (${describeObject(summaries[p]!)} has ${k}: ${labels[k]})`;
      }
    }
    return '';
  }

  function checkBackends(s: ObjectSummary, i: number): void {
    for (const b of s.backends!) {
      const at = servicesByName.get(`${s.namespace}\0${b.service}`);
      if (at === undefined) {
        if (namespacesWithServices.has(s.namespace)) {
          const names = summaries.filter((o): o is ObjectSummary => !!o?.service && o.namespace === s.namespace).map(o => `'${o.name}'`);
          report(i, ingressBackend, [...b.path, 'name'], `the backend names Service ${show(b.service)}, which is not defined ${nsPhrase(s.namespace)} (Services there: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}); name one of them, or define the Service`);
        }
        continue;
      }
      const service = summaries[at]!.service!;
      if (b.port === undefined || service.ports.length === 0) continue;
      const known = service.ports.some(p => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port));
      if (!known) {
        const offered = service.ports.map(p => (typeof b.port === 'number' ? String(p.port) : p.name === undefined ? `${p.port} (unnamed)` : `'${p.name}'`)).join(', ');
        report(i, ingressBackend, [...b.path, 'port', typeof b.port === 'number' ? 'number' : 'name'], `the backend uses port ${show(b.port)} of Service ${show(b.service)}, which has ${typeof b.port === 'number' ? 'ports' : 'port names'} ${offered}; use one of them`);
      }
    }
  }

  function checkGoverningService(s: ObjectSummary, i: number): void {
    const at = servicesByName.get(`${s.namespace}\0${s.serviceName}`);
    if (at === undefined) {
      if (namespacesWithServices.has(s.namespace)) {
        report(i, statefulSetService, ['spec', 'serviceName'], `serviceName ${show(s.serviceName)} names no Service ${nsPhrase(s.namespace)}; the StatefulSet's pods get their stable DNS names (${s.name}-0.${s.serviceName}) from a headless Service of that name, so define one with clusterIP: None`);
      }
      return;
    }
    if (!summaries[at]!.service!.headless) {
      report(i, statefulSetService, ['spec', 'serviceName'], `serviceName ${show(s.serviceName)} names a Service that is not headless; the pods' stable DNS names (${s.name}-0.${s.serviceName}) come only from a headless Service, so set clusterIP: None on it (and expose clients through a second Service if needed)`);
    }
  }

  function checkOverlap(s: ObjectSummary, i: number): void {
    const selector = s.pods!.selector!;
    const hasTerms = (isObject(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0) || (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0);
    if (!hasTerms) return; // an empty selector is the selector rule's business
    // One warning per workload, naming the first other workload (or bare Pod) it selects. Jobs' and
    // CronJobs' pods carry generated controller-uid labels: no other workload takes them.
    const isOther = (j: number) => j !== i && summaries[j]!.kind !== 'Job' && summaries[j]!.kind !== 'CronJob';
    for (const other of selected(s.namespace, selector, 1, isOther)) {
      const o = summaries[other]!;
      const what = o.kind === 'Pod' ? `the bare Pod ${show(o.name)}, which its controller would adopt (and delete to keep the replica count)` : `the pods of ${describeObject(o)}, whose controller would fight this one over them`;
      report(i, selectorOverlap, ['spec', 'selector'], `the selector of this ${s.kind} also selects ${what}; give each workload a label the other's selector does not match`);
    }
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\0${key}\0${value}`;
}

/** Every path at which `checkObjects` may report a finding about the object (lint looks up their lines once). */
export function summaryPaths(s: ObjectSummary): FieldPath[] {
  const out: FieldPath[] = [];
  if (s.pods?.selector || s.service?.selector) out.push(['spec', 'selector']);
  if (s.serviceName !== undefined) out.push(['spec', 'serviceName']);
  for (const p of s.service?.ports ?? []) out.push(p.path);
  for (const b of s.backends ?? []) out.push([...b.path, 'name'], [...b.path, 'port', 'number'], [...b.path, 'port', 'name']);
  return out;
}
