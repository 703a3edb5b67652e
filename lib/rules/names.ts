import { apiGroupOf, ContainerRef, containersOf, defineRule, describe, FieldPath, forEachVolume, formatPath, isObject, kubernetesMinor, RuleContext, show } from './engine';
import { SELECTOR_OPERATORS } from './containers';
import { configKeyProblem, dns1035Problem, dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, pathSegmentProblem, portNameProblem, qualifiedNameProblem, toDnsName, toLabelValue } from './formats';

// Kinds whose names are stricter than a DNS-1123 subdomain.
const DNS1035_KINDS = ['Service'];
const DNS1123_LABEL_KINDS = ['Namespace'];
const NAME_LIMITS: { [kind: string]: number } = { CronJob: 52 };
/** Kinds whose names are only a segment of the API path (`system:auth-delegator`), by API group. */
const PATH_SEGMENT_KINDS: { [group: string]: string[] } = {
  'rbac.authorization.k8s.io': ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
};
/** Kinds whose names the API server does not validate beyond being present. */
const ANY_NAME_KINDS: { [group: string]: string[] } = {
  'certificates.k8s.io': ['CertificateSigningRequest'],
};

export const objectName = defineRule({
  id: 'object-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'metadata.name is present and valid for the kind: a DNS-1123 subdomain, a DNS-1035 label for Services, a path segment for RBAC roles and bindings (system:auth-delegator), at most 52 characters for CronJobs; metadata.finalizers are standard or domain-qualified names, and at most one owner reference is the controller',
  check(ctx) {
    const md = ctx.manifest.metadata;
    if (md !== undefined && md !== null && !isObject(md)) return; // field-type
    if (isObject(md)) checkFinalizersAndOwners(ctx, md);
    if (md?.name === undefined || md.name === null || md.name === '') {
      if (md?.generateName === undefined) ctx.report(['metadata', 'name'], "metadata.name is missing; give the object a name such as 'my-pod'");
      return;
    }
    if (typeof md.name !== 'string') return;
    const kind = ctx.manifest.kind;
    const group = apiGroupOf(ctx.manifest.apiVersion);
    if (ANY_NAME_KINDS[group]?.includes(kind)) return;
    if (PATH_SEGMENT_KINDS[group]?.includes(kind)) {
      const segment = pathSegmentProblem(md.name);
      if (segment) ctx.report(['metadata', 'name'], `name ${show(md.name)} of the ${kind} ${segment}; use '${md.name.replace(/[/%]/g, '-')}'`);
      return;
    }
    let problem: string | undefined;
    let fix = toDnsName(md.name, 253);
    if (DNS1035_KINDS.includes(kind)) {
      problem = dns1035Problem(md.name);
      // A DNS-1035 label starts with a letter: '2048-game' -> 'svc-2048-game'.
      fix = toDnsName(/^[a-z]/.test(toDnsName(md.name, 63)) ? md.name : `${kind === 'Service' ? 'svc' : kind.toLowerCase()}-${md.name}`, 63).replace(/-+$/, '');
    } else if (DNS1123_LABEL_KINDS.includes(kind)) {
      problem = dnsLabelProblem(md.name);
      fix = toDnsName(md.name, 63).replace(/-+$/, '');
    } else problem = dnsSubdomainProblem(md.name);
    if (problem) {
      ctx.report(['metadata', 'name'], `name ${show(md.name)} ${problem}; use '${fix}'`);
      return;
    }
    const limit = NAME_LIMITS[kind];
    if (limit !== undefined && md.name.length > limit) {
      ctx.report(['metadata', 'name'], `${kind} name ${show(md.name)} has ${md.name.length} characters, more than ${limit} (the controller appends a suffix to the names it creates); shorten it`);
    }
  },
});

/** The finalizers Kubernetes itself defines, the only ones without a domain. */
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** metadata.finalizers and metadata.ownerReferences, as the API server checks them for every kind. */
function checkFinalizersAndOwners(ctx: Parameters<typeof objectName.check>[0], md: { [key: string]: any }): void {
  if (Array.isArray(md.finalizers)) {
    md.finalizers.forEach((f: unknown, i: number) => {
      if (typeof f !== 'string') return; // field-type
      const path = ['metadata', 'finalizers', i];
      const problem = qualifiedNameProblem(f);
      if (problem) {
        ctx.report(path, `finalizer ${show(f)} ${problem}; use a domain-qualified name such as 'example.com/cleanup'`);
      } else if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
        ctx.report(path, `finalizer ${show(f)} is neither a standard finalizer (${STANDARD_FINALIZERS.join(', ')}) nor domain-qualified; use a name such as 'example.com/${f}'`);
      }
    });
    if (md.finalizers.includes('orphan') && md.finalizers.includes('foregroundDeletion')) {
      ctx.report(['metadata', 'finalizers'], 'finalizers orphan and foregroundDeletion are both set, and they ask for opposite things (keep or delete the dependents); keep one of them');
    }
  }
  if (!Array.isArray(md.ownerReferences)) return;
  let controller: string | undefined;
  md.ownerReferences.forEach((o: unknown, i: number) => {
    if (!isObject(o)) return;
    const path = ['metadata', 'ownerReferences', i];
    if (o.kind === 'Event' && o.apiVersion === 'v1') {
      ctx.report([...path, 'kind'], `ownerReferences[${i}] names an Event, which Kubernetes does not allow to own objects; name the object that manages this one`);
    }
    if (o.controller !== true) return;
    const owner = `${o.kind}/${o.name}`;
    if (controller === undefined) controller = owner;
    else ctx.report([...path, 'controller'], `ownerReferences[${i}] (${owner}) sets controller: true, but ${controller} is already the controller; only one owner reference may be the controller, so set controller: false on one of them`);
  });
}

export const containerName = defineRule({
  id: 'container-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'every container has a name that is a DNS-1123 label',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const name = ref.container.name;
      if (name === undefined || name === null || name === '') {
        ctx.report([...ref.path, 'name'], `${describe(ref)} has no name; every container needs a DNS-1123 label name such as 'app'`);
        continue;
      }
      if (typeof name !== 'string') continue;
      const problem = dnsLabelProblem(name);
      if (problem) ctx.report([...ref.path, 'name'], `container name ${show(name)} ${problem}; use '${toDnsName(name, 63)}'`);
    }
  },
});

export const containerNameUnique = defineRule({
  id: 'container-name-unique',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'container names are unique across containers, init containers and ephemeral containers',
  check(ctx) {
    const seen = new Map<string, ContainerRef>();
    for (const ref of containersOf(ctx.pod)) {
      const name = ref.container.name;
      if (typeof name !== 'string' || name === '') continue;
      const first = seen.get(name);
      if (first !== undefined) {
        ctx.report([...ref.path, 'name'], `container name '${name}' is used twice (${formatPath(first.path)} and ${formatPath(ref.path)}); container names must be unique across containers and init containers, so rename one of them`);
      } else {
        seen.set(name, ref);
      }
    }
  },
});

export const volumeName = defineRule({
  id: 'volume-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'volume names are DNS-1123 labels, unique in the pod',
  check(ctx) {
    const seen = new Set<string>();
    forEachVolume(ctx, (v, volumePath) => {
      const path = [...volumePath, 'name'];
      if (v.name === undefined || v.name === null || v.name === '') {
        ctx.report(path, 'volume has no name; give it one and mount it by that name');
        return;
      }
      if (typeof v.name !== 'string') return; // a number or a list: field-type
      const problem = dnsLabelProblem(v.name);
      if (problem) ctx.report(path, `volume name ${show(v.name)} ${problem}; use '${toDnsName(v.name, 63)}'`);
      if (seen.has(v.name)) ctx.report(path, `volume name '${v.name}' is declared twice; declare each volume once and mount it from as many containers as need it`);
      seen.add(v.name);
    });
  },
});

function checkLabelMap(ctx: Parameters<typeof objectName.check>[0], map: unknown, path: ReadonlyArray<string | number>, what: string) {
  if (!isObject(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) ctx.report([...path, key], `${what} key ${show(key)} ${keyProblem}; use a key such as 'app' or 'example.com/tier'`);
    // Values that are not strings (an unquoted `gpu: true`) are field-type findings.
    if (typeof value === 'string') {
      const valueProblem = labelValueProblem(value);
      if (valueProblem) ctx.report([...path, key], `${what} ${key}=${show(value)}: the value ${valueProblem}; use '${toLabelValue(value) || 'value'}'`);
    }
  }
}

export const labels = defineRule({
  id: 'labels',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'label keys are qualified names and label values are strings of at most 63 characters',
  check(ctx) {
    checkLabelMap(ctx, ctx.manifest.metadata?.labels, ['metadata', 'labels'], 'label');
    if (ctx.pod && ctx.pod.metadataPath.length > 1) {
      checkLabelMap(ctx, ctx.pod.metadata?.labels, [...ctx.pod.metadataPath, 'labels'], 'pod template label');
    }
  },
});

export const nodeSelector = defineRule({
  id: 'node-selector',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'nodeSelector keys are label keys and its values are quoted label values',
  check(ctx) {
    checkLabelMap(ctx, ctx.pod.spec.nodeSelector, [...ctx.pod.specPath, 'nodeSelector'], 'nodeSelector');
  },
});

export const serviceAccountName = defineRule({
  id: 'service-account-name',
  family: 'names',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'serviceAccountName is a DNS-1123 subdomain and agrees with the deprecated serviceAccount',
  check(ctx) {
    const pod = ctx.pod;
    const { serviceAccountName: name, serviceAccount: legacy } = pod.spec;
    if (typeof name === 'string') {
      const problem = dnsSubdomainProblem(name);
      if (problem) ctx.report([...pod.specPath, 'serviceAccountName'], `service account name ${show(name)} ${problem}; use '${toDnsName(name, 253)}'`);
    }
    if (typeof legacy === 'string' && typeof name === 'string' && legacy !== name) {
      ctx.report([...pod.specPath, 'serviceAccount'], `serviceAccount '${legacy}' disagrees with serviceAccountName '${name}'; serviceAccount is a deprecated alias, so remove it`);
    }
  },
});

export const portName = defineRule({
  id: 'port-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'port names are IANA service names (at most 15 characters) and unique within a container',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const ports = ref.container.ports;
      if (!Array.isArray(ports)) continue;
      const seen = new Set<string>();
      ports.forEach((p, i) => {
        if (!isObject(p) || typeof p.name !== 'string') return;
        const path = [...ref.path, 'ports', i, 'name'];
        const problem = portNameProblem(p.name);
        if (problem) ctx.report(path, `port name ${show(p.name)} of ${describe(ref)} ${problem}; use a short name such as 'http' or 'metrics'`);
        if (seen.has(p.name)) ctx.report(path, `port name '${p.name}' is used twice in ${describe(ref)}; port names must be unique in a container, so rename one of them`);
        seen.add(p.name);
      });
    }
  },
});

export const namespace = defineRule({
  id: 'namespace',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'metadata.namespace, when set, is a DNS-1123 label (the name of a Namespace)',
  check(ctx) {
    const md = ctx.manifest.metadata;
    // Absent or '': the namespace of kubectl apply; not a string: field-type.
    if (!isObject(md) || typeof md.namespace !== 'string' || md.namespace === '') return;
    const ns = md.namespace;
    const problem = dnsLabelProblem(ns);
    if (problem) ctx.report(['metadata', 'namespace'], `namespace ${show(ns)} ${problem}; use '${toDnsName(ns, 63)}', or remove namespace for the namespace of kubectl apply`);
  },
});

/** The most `metadata.annotations` may hold: keys and values together, in bytes (apimachinery's TotalAnnotationSizeLimitB). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

function checkAnnotationMap(ctx: Parameters<typeof objectName.check>[0], map: unknown, path: ReadonlyArray<string | number>) {
  if (!isObject(map)) return;
  let bytes = 0;
  for (const [key, value] of Object.entries(map)) {
    // Annotation keys are qualified names, except that upper-case letters are allowed in the prefix.
    const problem = qualifiedNameProblem(key.toLowerCase());
    if (problem) ctx.report([...path, key], `annotation key ${show(key)} ${problem}; use a key such as 'owner' or 'example.com/owner'`);
    bytes += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    ctx.report(path, `annotations hold ${bytes} bytes, more than the ${ANNOTATIONS_MAX_BYTES} (256 KiB) Kubernetes allows for all keys and values together; move large values into a ConfigMap`);
  }
}

export const annotations = defineRule({
  id: 'annotations',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'annotation keys are qualified names and all annotations together hold at most 256 KiB',
  check(ctx) {
    checkAnnotationMap(ctx, ctx.manifest.metadata?.annotations, ['metadata', 'annotations']);
    if (ctx.pod && ctx.pod.metadataPath.length > 1) checkAnnotationMap(ctx, ctx.pod.metadata?.annotations, [...ctx.pod.metadataPath, 'annotations']);
  },
});

export const className = defineRule({
  id: 'class-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'runtimeClassName and priorityClassName are DNS-1123 subdomains (names of a RuntimeClass and a PriorityClass)',
  check(ctx) {
    const pod = ctx.pod;
    for (const field of ['runtimeClassName', 'priorityClassName']) {
      const value = pod.spec[field];
      if (typeof value !== 'string') continue; // other types: field-type
      if (value === '') {
        // An empty priorityClassName is the default; runtimeClassName is a pointer, so '' is validated as a name.
        if (field === 'runtimeClassName') ctx.report([...pod.specPath, field], "runtimeClassName is '', which is not a RuntimeClass name; remove it for the cluster's default runtime");
        continue;
      }
      const problem = dnsSubdomainProblem(value);
      if (problem) ctx.report([...pod.specPath, field], `${field} ${show(value)} ${problem}; use '${toDnsName(value, 253)}'`);
    }
  },
});

// ---- Label selectors ----------------------------------------------------------------------------

/** Kinds whose spec.selector must select the pods of spec.template. */
const SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/**
 * Reports what makes a label selector invalid (keys, values, operators without or with values) and
 * returns whether it can be evaluated. The spelling of an operator is enum-value's business.
 */
function checkSelector(ctx: RuleContext, sel: unknown, path: FieldPath, what: string): boolean {
  if (!isObject(sel)) return false; // null or absent: the caller; other types: field-type
  let ok = true;
  if (isObject(sel.matchLabels)) {
    for (const [key, value] of Object.entries(sel.matchLabels)) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem) {
        ctx.report([...path, 'matchLabels', key], `${what} key ${show(key)} ${keyProblem}; use a label key such as 'app' or 'example.com/tier'`);
        ok = false;
      }
      if (typeof value === 'string') {
        const valueProblem = labelValueProblem(value);
        if (valueProblem) {
          ctx.report([...path, 'matchLabels', key], `${what} ${key}=${show(value)}: the value ${valueProblem}; use '${toLabelValue(value) || 'value'}'`);
          ok = false;
        }
      }
    }
  }
  if (Array.isArray(sel.matchExpressions)) {
    sel.matchExpressions.forEach((e: unknown, i: number) => {
      if (!isObject(e)) return;
      const at = [...path, 'matchExpressions', i];
      if (typeof e.key === 'string' && e.key !== '') {
        const problem = qualifiedNameProblem(e.key);
        if (problem) {
          ctx.report([...at, 'key'], `${what} expression key ${show(e.key)} ${problem}; use a label key such as 'app'`);
          ok = false;
        }
      }
      const values = Array.isArray(e.values) ? e.values : [];
      const problem = operatorValuesProblem(what, e, values, false);
      if (problem) ctx.report([...at, 'values'], problem);
      if (problem || !SELECTOR_OPERATORS.includes(e.operator)) ok = false; // an unknown operator: enum-value
      values.forEach((v: unknown, j: number) => {
        if (typeof v !== 'string') return;
        const problem = labelValueProblem(v);
        if (problem) {
          ctx.report([...at, 'values', j], `${what} expression value ${show(v)} ${problem}; use '${toLabelValue(v) || 'value'}'`);
          ok = false;
        }
      });
    });
  }
  return ok;
}

/**
 * The terms of a node affinity, as validateNodeAffinity checks them: an expression's values fit its operator, and
 * its key is a label key; a field selector (matchFields) names metadata.name with one node name. Values of required terms are label values from 1.32
 * (allowInvalidLabelValueInRequiredNodeAffinity); those of preferred terms never are checked. Unknown operators
 * are the enum-value rule's.
 */
function checkNodeAffinity(ctx: RuleContext, node: { [key: string]: any }, base: FieldPath): void {
  // A required node selector without terms is the required-field rule's.
  const required = node.requiredDuringSchedulingIgnoredDuringExecution;
  if (isObject(required) && Array.isArray(required.nodeSelectorTerms)) {
    const labelValues = kubernetesMinor(ctx.options) >= 32;
    required.nodeSelectorTerms.forEach((t: unknown, i: number) => checkNodeSelectorTerm(ctx, t, [...base, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', i], labelValues));
  }
  const preferred = node.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred)) {
    preferred.forEach((t: unknown, i: number) => {
      if (isObject(t)) checkNodeSelectorTerm(ctx, t.preference, [...base, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'preference'], false);
    });
  }
}

/**
 * Why the values of a selector expression do not fit its operator, as ValidateLabelSelectorRequirement and
 * ValidateNodeSelectorRequirement have it: In and NotIn need values, Exists and DoesNotExist take none, and (with
 * `numeric`, node selectors only) Gt and Lt exactly one. Undefined when they fit, and for other operators.
 */
function operatorValuesProblem(what: string, e: { [key: string]: any }, values: unknown[], numeric: boolean): string | undefined {
  const on = `${what} expression on ${show(e.key)} has operator ${e.operator}`;
  if (e.operator === 'In' || e.operator === 'NotIn') return values.length === 0 ? `${on} but no values; list the label values it matches` : undefined;
  if (e.operator === 'Exists' || e.operator === 'DoesNotExist') return values.length > 0 ? `${on} and values ${show(values)}; ${e.operator} only tests the key, so remove values` : undefined;
  if (numeric && (e.operator === 'Gt' || e.operator === 'Lt')) return values.length !== 1 ? `${on} and ${values.length} values; ${e.operator} compares with exactly one number, such as values: ["3"]` : undefined;
  return undefined;
}

function checkNodeSelectorTerm(ctx: RuleContext, term: unknown, path: FieldPath, labelValues: boolean): void {
  if (!isObject(term)) return;
  if (Array.isArray(term.matchExpressions)) {
    term.matchExpressions.forEach((e: unknown, i: number) => {
      if (!isObject(e)) return;
      const at = [...path, 'matchExpressions', i];
      if (typeof e.key === 'string' && e.key !== '') {
        const problem = qualifiedNameProblem(e.key);
        if (problem) ctx.report([...at, 'key'], `node selector key ${show(e.key)} ${problem}; use a node label key such as 'kubernetes.io/os'`);
      }
      const values = Array.isArray(e.values) ? e.values : [];
      const problem = operatorValuesProblem('node selector', e, values, true);
      if (problem) ctx.report([...at, 'values'], problem);
      if (!labelValues) return;
      values.forEach((v: unknown, j: number) => {
        const problem = typeof v === 'string' ? labelValueProblem(v) : undefined;
        if (problem) ctx.report([...at, 'values', j], `node selector value ${show(v)} ${problem}; use '${toLabelValue(v as string) || 'value'}'`);
      });
    });
  }
  if (Array.isArray(term.matchFields)) {
    term.matchFields.forEach((f: unknown, i: number) => {
      if (!isObject(f)) return;
      const at = [...path, 'matchFields', i];
      const values = Array.isArray(f.values) ? f.values : [];
      if ((f.operator === 'In' || f.operator === 'NotIn') && values.length !== 1) {
        ctx.report([...at, 'values'], `a node field selector with operator ${f.operator} takes exactly one value, got ${values.length}; list one node name, or use one requirement per node`);
      }
      if (typeof f.key === 'string' && f.key !== '' && f.key !== 'metadata.name') { // '' is the required-field rule's
        ctx.report([...at, 'key'], `node field selector key ${show(f.key)} is not a field Kubernetes can select nodes by; use 'metadata.name'`);
      } else if (f.key === 'metadata.name') {
        values.forEach((v: unknown, j: number) => {
          const problem = typeof v === 'string' ? dnsSubdomainProblem(v) : undefined;
          if (problem) ctx.report([...at, 'values', j], `node name ${show(v)} ${problem}; use the name of a node, such as 'node-1'`);
        });
      }
    });
  }
}

/** Whether a (valid) label selector selects `labels`. */
export function selects(sel: { [key: string]: any }, labels: { [key: string]: unknown }): boolean {
  if (isObject(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  }
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    if (!isObject(e)) continue;
    const has = typeof e.key === 'string' && Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A selector with no matchLabels and no matchExpressions. */
function emptySelector(sel: { [key: string]: any }): boolean {
  const labels = isObject(sel.matchLabels) ? Object.keys(sel.matchLabels).length : 0;
  const expressions = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0;
  return labels + expressions === 0;
}

/** Describes the labels of a pod template for messages: `{app: web, tier: frontend}`. */
function showLabels(labels: unknown): string {
  if (!isObject(labels) || Object.keys(labels).length === 0) return 'no labels';
  return `labels {${Object.entries(labels).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : show(v)}`).join(', ')}}`;
}

export const selector = defineRule({
  id: 'selector',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: "workload selectors are valid, not empty and select the pod template's labels (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs with manualSelector); Service, affinity, topology spread and claim selectors use valid label keys and values; node affinity expressions have the values their operator takes (label values in required terms from 1.32), and field selectors one node name under metadata.name",
  check(ctx) {
    const m = ctx.manifest;
    const spec = isObject(m.spec) ? m.spec : undefined;
    if (!spec) return;
    const templateLabels = isObject(spec.template) && isObject(spec.template.metadata) ? spec.template.metadata.labels : undefined;
    const mustSelect = (sel: unknown, path: FieldPath, kind: string) => {
      if (sel === undefined || sel === null) {
        ctx.report(path, `a ${kind} needs spec.selector to find its pods; set selector.matchLabels to labels of the pod template, such as ${isObject(templateLabels) && Object.keys(templateLabels).length > 0 ? `{${Object.keys(templateLabels)[0]}: ${show(templateLabels[Object.keys(templateLabels)[0]])}}` : '{app: my-app}'}`);
        return;
      }
      if (!checkSelector(ctx, sel, path, 'selector') || !isObject(sel)) return;
      if (emptySelector(sel)) {
        ctx.report(path, `the selector of the ${kind} is empty, which would select every pod of the namespace; set matchLabels to labels of the pod template`);
        return;
      }
      if (!selects(sel, isObject(templateLabels) ? templateLabels : {})) {
        ctx.report(['spec', 'template', 'metadata', 'labels'], `the selector of the ${kind} does not select its pod template, which has ${showLabels(templateLabels)}; the ${kind} would never find its pods, so make selector.matchLabels a subset of the template labels`);
      }
    };
    if (SELECTOR_KINDS.includes(m.kind)) mustSelect(spec.selector, ['spec', 'selector'], m.kind);
    if (m.kind === 'Job') {
      if (spec.manualSelector === true) mustSelect(spec.selector, ['spec', 'selector'], 'Job with manualSelector: true');
      else if (isObject(spec.selector)) {
        ctx.report(['spec', 'selector'], "a Job's selector is generated by Kubernetes unless manualSelector is true; remove selector, or set manualSelector: true if you really manage the pod labels yourself");
      }
    }
    if (m.kind === 'CronJob' && isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec)) {
      const js = spec.jobTemplate.spec;
      if (js.selector !== undefined && js.selector !== null) {
        ctx.report(['spec', 'jobTemplate', 'spec', 'selector'], "the Jobs of a CronJob get a generated selector; remove jobTemplate.spec.selector");
      }
      if (js.manualSelector === true) {
        ctx.report(['spec', 'jobTemplate', 'spec', 'manualSelector'], 'the Jobs of a CronJob cannot use manualSelector: true; remove it');
      }
    }
    if (m.kind === 'Service' && isObject(spec.selector)) {
      for (const [key, value] of Object.entries(spec.selector)) {
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem) ctx.report(['spec', 'selector', key], `Service selector key ${show(key)} ${keyProblem}; use the key of a pod label, such as 'app'`);
        if (typeof value === 'string') {
          const valueProblem = labelValueProblem(value);
          if (valueProblem) ctx.report(['spec', 'selector', key], `Service selector ${key}=${show(value)}: the value ${valueProblem}; use '${toLabelValue(value) || 'value'}'`);
        }
      }
    }
    if (m.kind === 'PersistentVolumeClaim') checkSelector(ctx, spec.selector, ['spec', 'selector'], 'claim selector');
    const pod = ctx.pod;
    if (!pod) return;
    const terms = (list: unknown, base: FieldPath, weighted: boolean) => {
      if (!Array.isArray(list)) return;
      list.forEach((t: unknown, i: number) => {
        const term = weighted && isObject(t) ? t.podAffinityTerm : t;
        const at = weighted ? [...base, i, 'podAffinityTerm'] : [...base, i];
        if (isObject(term)) {
          checkSelector(ctx, term.labelSelector, [...at, 'labelSelector'], 'affinity selector');
          checkSelector(ctx, term.namespaceSelector, [...at, 'namespaceSelector'], 'affinity namespace selector');
        }
      });
    };
    const affinity = pod.spec.affinity;
    if (isObject(affinity)) {
      for (const kind of ['podAffinity', 'podAntiAffinity']) {
        const a = affinity[kind];
        if (!isObject(a)) continue;
        terms(a.requiredDuringSchedulingIgnoredDuringExecution, [...pod.specPath, 'affinity', kind, 'requiredDuringSchedulingIgnoredDuringExecution'], false);
        terms(a.preferredDuringSchedulingIgnoredDuringExecution, [...pod.specPath, 'affinity', kind, 'preferredDuringSchedulingIgnoredDuringExecution'], true);
      }
      if (isObject(affinity.nodeAffinity)) checkNodeAffinity(ctx, affinity.nodeAffinity, [...pod.specPath, 'affinity', 'nodeAffinity']);
    }
    if (Array.isArray(pod.spec.topologySpreadConstraints)) {
      pod.spec.topologySpreadConstraints.forEach((c: unknown, i: number) => {
        if (isObject(c)) checkSelector(ctx, c.labelSelector, [...pod.specPath, 'topologySpreadConstraints', i, 'labelSelector'], 'topology spread selector');
      });
    }
  },
});

export const hostname = defineRule({
  id: 'hostname',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: "a pod's hostname and subdomain are DNS-1123 labels, and so are the hostnames StatefulSets and Indexed Jobs make from their names (no dots, at most 63 characters with the index) and, from Kubernetes 1.33, a StatefulSet's serviceName",
  check(ctx) {
    const pod = ctx.pod;
    const m = ctx.manifest;
    const name = isObject(m.metadata) && typeof m.metadata.name === 'string' ? m.metadata.name : undefined;
    if (m.kind === 'StatefulSet') {
      // Its pods are named and hostnamed <name>-<ordinal>; the controller sets their hostname and subdomain.
      if (name !== undefined && name.includes('.') && !dnsSubdomainProblem(name)) {
        ctx.report(['metadata', 'name'], `StatefulSet name ${show(name)} contains dots, and its pods take the name as their hostname, a DNS-1123 label; use '${toDnsName(name, 63)}'`);
      }
      // serviceName becomes the pods' subdomain; from 1.33 the API server checks it is a DNS-1123 label.
      const serviceName = isObject(m.spec) ? m.spec.serviceName : undefined;
      if (typeof serviceName === 'string' && serviceName !== '' && kubernetesMinor(ctx.options) >= 33) {
        const problem = dnsLabelProblem(serviceName);
        if (problem) ctx.report(['spec', 'serviceName'], `serviceName ${show(serviceName)} ${problem} (the pods' subdomain); use '${toDnsName(serviceName, 63)}', the name of a headless Service`);
      }
      return;
    }
    const spec = m.kind === 'Job' && isObject(m.spec) ? m.spec : undefined;
    if (spec && spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0 && name !== undefined && !dnsSubdomainProblem(name)) {
      const last = `${name}-${spec.completions - 1}`;
      const problem = dnsLabelProblem(last);
      if (problem) ctx.report(['metadata', 'name'], `the pods of Indexed Job ${show(name)} get hostnames up to '${last}', which ${problem}; use a shorter name without dots, such as '${toDnsName(name, Math.max(1, 62 - String(spec.completions - 1).length))}'`);
    }
    for (const field of ['hostname', 'subdomain']) {
      const value = pod.spec[field];
      if (typeof value !== 'string' || value === '') continue;
      const problem = dnsLabelProblem(value);
      if (problem) ctx.report([...pod.specPath, field], `${field} ${show(value)} ${problem}; use '${toDnsName(value, 63)}'`);
    }
  },
});

// ---- ConfigMap and Secret data ---------------------------------------------------------------------

/** The most a ConfigMap or Secret may hold, in bytes (MaxSecretSize). */
const DATA_MAX_BYTES = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Keys a Secret of a built-in type must have: type -> [keys, how many of them at least]. */
const SECRET_KEYS: { [type: string]: { keys: string[]; any?: boolean } } = {
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'] },
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'] },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], any: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
};

/** Whether a string is base64 as Go's encoding/json reads []byte (line breaks ignored). */
function isBase64(value: string): boolean {
  const s = value.replace(/[\r\n]/g, '');
  return s.length % 4 === 0 && BASE64.test(s);
}

export const configData = defineRule({
  id: 'config-data',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'ConfigMap and Secret keys are valid file names, not in both data and binaryData; Secret data and binaryData values are base64; all data together at most 1 MiB; a Secret of a built-in type has the keys the type needs',
  check(ctx) {
    const m = ctx.manifest;
    if ((m.kind !== 'ConfigMap' && m.kind !== 'Secret') || m.apiVersion !== 'v1') return;
    const fields = m.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
    const keys = new Set<string>();
    let bytes = 0;
    for (const field of fields) {
      const map = m[field];
      if (!isObject(map)) continue;
      const encoded = (m.kind === 'ConfigMap' && field === 'binaryData') || (m.kind === 'Secret' && field === 'data');
      for (const [key, value] of Object.entries(map)) {
        const problem = configKeyProblem(key);
        if (problem) ctx.report([field, key], `${m.kind} key ${show(key)} ${problem}; keys become file names, so use one such as 'config.yaml'`);
        if (m.kind === 'ConfigMap' && field === 'binaryData' && isObject(m.data) && key in m.data) {
          ctx.report([field, key], `ConfigMap key ${show(key)} is in data and in binaryData; a key may be in one of them only, so rename or remove one`);
        }
        keys.add(key);
        if (typeof value !== 'string') continue; // field-type
        if (encoded && !isBase64(value)) {
          ctx.report([field, key], `${field} value of ${show(key)} is not base64, and the API server cannot decode it; encode it (\`base64 -w0\`) or put the plain text in ${m.kind === 'Secret' ? 'stringData' : 'data'}`);
          continue;
        }
        bytes += encoded ? Math.floor((value.replace(/[\r\n=]/g, '').length * 3) / 4) : Buffer.byteLength(value, 'utf8');
      }
    }
    if (bytes > DATA_MAX_BYTES) {
      ctx.report(fields[0] in m ? [fields[0]] : [], `the ${m.kind} holds ${bytes} bytes of data, more than the 1048576 (1 MiB) Kubernetes allows; split it, or mount the files from a volume instead`);
    }
    if (m.kind !== 'Secret' || typeof m.type !== 'string') return;
    const need = SECRET_KEYS[m.type];
    if (need) {
      const missing = need.keys.filter(k => !keys.has(k));
      if (need.any ? missing.length === need.keys.length : missing.length > 0) {
        ctx.report(['data'], `a Secret of type ${m.type} needs ${need.any ? `${need.keys.join(' or ')}` : need.keys.map(k => `'${k}'`).join(' and ')} in data, and ${missing.map(k => `'${k}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; add ${missing.length === 1 ? 'it' : 'them'}, or use type Opaque`);
      }
    }
    if (m.type === 'kubernetes.io/service-account-token') {
      const name = isObject(m.metadata) && isObject(m.metadata.annotations) ? m.metadata.annotations['kubernetes.io/service-account.name'] : undefined;
      if (typeof name !== 'string' || name === '') {
        ctx.report(['metadata', 'annotations'], "a Secret of type kubernetes.io/service-account-token needs the annotation kubernetes.io/service-account.name naming its ServiceAccount; add it");
      }
    }
  },
});
