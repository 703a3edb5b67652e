import { ContainerRef, containersOf, defineRule, describe, forEachVolume, formatPath, isObject, show } from './engine';
import { dns1035Problem, dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, pathSegmentProblem, portNameProblem, qualifiedNameProblem, toDnsName, toLabelValue } from './formats';

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
const groupOf = (apiVersion: unknown): string => (typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

export const objectName = defineRule({
  id: 'object-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: 'metadata.name is present and valid for the kind: a DNS-1123 subdomain, a DNS-1035 label for Services, a path segment for RBAC roles and bindings (system:auth-delegator), at most 52 characters for CronJobs',
  check(ctx) {
    const md = ctx.manifest.metadata;
    if (md !== undefined && md !== null && !isObject(md)) return; // field-type
    if (md?.name === undefined || md.name === null || md.name === '') {
      if (md?.generateName === undefined) ctx.report(['metadata', 'name'], "metadata.name is missing; give the object a name such as 'my-pod'");
      return;
    }
    if (typeof md.name !== 'string') return;
    const kind = ctx.manifest.kind;
    const group = groupOf(ctx.manifest.apiVersion);
    if (ANY_NAME_KINDS[group]?.includes(kind)) return;
    if (PATH_SEGMENT_KINDS[group]?.includes(kind)) {
      const segment = pathSegmentProblem(md.name);
      if (segment) ctx.report(['metadata', 'name'], `name ${show(md.name)} of the ${kind} ${segment}; use '${md.name.replace(/[/%]/g, '-')}'`);
      return;
    }
    let problem: string | undefined;
    if (DNS1035_KINDS.includes(kind)) problem = dns1035Problem(md.name);
    else if (DNS1123_LABEL_KINDS.includes(kind)) problem = dnsLabelProblem(md.name);
    else problem = dnsSubdomainProblem(md.name);
    if (problem) {
      ctx.report(['metadata', 'name'], `name ${show(md.name)} ${problem}; use '${toDnsName(md.name, 253)}'`);
      return;
    }
    const limit = NAME_LIMITS[kind];
    if (limit !== undefined && md.name.length > limit) {
      ctx.report(['metadata', 'name'], `${kind} name ${show(md.name)} has ${md.name.length} characters, more than ${limit} (the controller appends a suffix to the names it creates); shorten it`);
    }
  },
});

export const containerName = defineRule({
  id: 'container-name',
  family: 'names',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'every container has a name that is a DNS-1123 label',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
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
    for (const ref of containersOf(ctx.pod!)) {
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
    checkLabelMap(ctx, ctx.pod!.spec.nodeSelector, [...ctx.pod!.specPath, 'nodeSelector'], 'nodeSelector');
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
    const pod = ctx.pod!;
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
    for (const ref of containersOf(ctx.pod!)) {
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
    const pod = ctx.pod!;
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
