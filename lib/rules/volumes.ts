import { checkEnum, containersOf, defineRule, describe, didYouMean, FieldPath, forEachVolume, formatPath, isObject, RuleContext, show } from './engine';
import { fieldPathProblem, resourceFieldProblems, VOLUME_FIELD_PATHS } from './env';
import { dnsLabelProblem, dnsSubdomainProblem, localPathProblem, parseQuantity, quantityFix, toDnsName, toLocalPath } from './formats';

/** A volume for messages: `volume 'html'`, or its position when it has no usable name. */
function volumeLabel(v: any, path: FieldPath): string {
  return typeof v.name === 'string' && v.name !== '' ? `volume '${v.name}'` : `the volume at ${formatPath(path)}`;
}

/** Every volume source of the core/v1 Volume type (Kubernetes 1.28). */
export const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'iscsi', 'nfs',
  'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO', 'secret',
  'storageos', 'vsphereVolume',
];

export const volumeSource = defineRule({
  id: 'volume-source',
  family: 'volumes',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'every volume has exactly one source (a volume with none silently becomes an emptyDir)',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const sources = VOLUME_SOURCES.filter(s => v[s] !== undefined);
      if (sources.length === 0) {
        // 'name' is close to no source, so every key can be tried.
        const hint = Object.keys(v).map(k => didYouMean(k, VOLUME_SOURCES)).find(x => x !== undefined);
        ctx.report(path, `${volumeLabel(v, path)} has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {}${hint ? ` (did you mean '${hint}'?)` : ''}`);
      } else if (sources.length > 1) {
        ctx.report(path, `${volumeLabel(v, path)} has ${sources.length} sources (${sources.join(', ')}); a volume has exactly one, so split it into ${sources.length} volumes`);
      }
    });
  },
});

export const mountUndeclared = defineRule({
  id: 'mount-undeclared',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'every volumeMount names a volume the pod declares',
  check(ctx) {
    // Only string names can be mounted; a volume named 123 (a number in YAML) or with no name is
    // reported by field-type and volume-name, and matches no mount.
    const declared = new Set<string>();
    forEachVolume(ctx, v => {
      if (typeof v.name === 'string') declared.add(v.name);
    });
    // A StatefulSet's volumeClaimTemplates become volumes of its pods, under the template's name.
    const claims = ctx.pod.ownerKind === 'StatefulSet' ? ctx.manifest.spec.volumeClaimTemplates : undefined;
    if (Array.isArray(claims)) {
      for (const c of claims) if (typeof c?.metadata?.name === 'string') declared.add(c.metadata.name);
    }
    for (const ref of containersOf(ctx.pod)) {
      forEachMount(ref.container, (m, i) => {
        if (typeof m.name !== 'string' || declared.has(m.name)) return;
        const hint = didYouMean(m.name, declared);
        ctx.report([...ref.path, 'volumeMounts', i, 'name'], `${describe(ref)} mounts volume '${m.name}', which the pod does not declare; ${hint ? `did you mean '${hint}'? Otherwise ` : ''}add it to spec.volumes`);
      });
    }
  },
});

export const mountPath = defineRule({
  id: 'mount-path',
  family: 'volumes',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: 'every volumeMount has a mountPath, unique within its container, and Bidirectional mount propagation only in a privileged container',
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      const seen = new Map<string, number>();
      const privileged = isObject(ref.container.securityContext) && ref.container.securityContext.privileged === true;
      forEachMount(ref.container, (m, i) => {
        if (m.mountPropagation === 'Bidirectional' && !privileged) {
          ctx.report([...ref.path, 'volumeMounts', i, 'mountPropagation'], `mount of volume ${show(m.name)} in ${describe(ref)} has mountPropagation Bidirectional, which Kubernetes allows only in privileged containers; use HostToContainer, or set securityContext.privileged: true on the container`);
        }
        const path = [...ref.path, 'volumeMounts', i, 'mountPath'];
        if (m.mountPath === undefined || m.mountPath === null || m.mountPath === '') {
          ctx.report(path, `mount of volume ${show(m.name)} in ${describe(ref)} has no mountPath; set the absolute path to mount it at`);
          return;
        }
        if (typeof m.mountPath !== 'string') return; // field-type
        const normal = m.mountPath.replace(/\/+$/, '') || '/';
        const first = seen.get(normal);
        if (first !== undefined) {
          ctx.report(path, `${describe(ref)} mounts two volumes at ${m.mountPath} (volumeMounts[${first}] and [${i}]); each mountPath may be used once, so pick another path`);
        } else {
          seen.set(normal, i);
        }
      });
    }
  },
});

export const subPath = defineRule({
  id: 'sub-path',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: "subPath and subPathExpr are relative, without '..', and not both set",
  check(ctx) {
    for (const ref of containersOf(ctx.pod)) {
      forEachMount(ref.container, (m, i) => {
        const path = [...ref.path, 'volumeMounts', i];
        // The API server rejects the two only when both are non-empty ('' and null are unset).
        if (typeof m.subPath === 'string' && m.subPath !== '' && typeof m.subPathExpr === 'string' && m.subPathExpr !== '') {
          ctx.report(path, `mount of volume ${show(m.name)} in ${describe(ref)} sets both subPath and subPathExpr; keep one`);
        }
        for (const field of ['subPath', 'subPathExpr']) {
          const value = m[field];
          if (typeof value !== 'string') continue;
          if (value.startsWith('/')) {
            ctx.report([...path, field], `${field} ${show(value)} of ${describe(ref)} is absolute; it is relative to the volume, so use '${value.replace(/^\/+/, '')}'`);
          } else if (value.split('/').includes('..')) {
            ctx.report([...path, field], `${field} ${show(value)} of ${describe(ref)} contains '..'; it must stay inside the volume, so use '${toLocalPath(value)}'`);
          }
        }
      });
    }
  },
});

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

export const hostPath = defineRule({
  id: 'host-path',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: "hostPath has an absolute path without '..' and a valid type",
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const hp = v.hostPath;
      if (!isObject(hp)) return;
      if (hp.path === undefined || hp.path === null || hp.path === '') {
        ctx.report([...path, 'hostPath', 'path'], `hostPath volume ${show(v.name)} has no path; set the node path, such as /data/mysql`);
      } else if (typeof hp.path === 'string' && hp.path.split('/').includes('..')) {
        ctx.report([...path, 'hostPath', 'path'], `hostPath ${show(hp.path)} of volume '${v.name}' contains '..'; use a normalised absolute path`);
      }
      checkEnum(ctx, hp.type, [...path, 'hostPath', 'type'], 'hostPath type', HOST_PATH_TYPES);
    });
  },
});

export const emptyDir = defineRule({
  id: 'empty-dir',
  family: 'volumes',
  severity: 'error',
  basis: 'runtime',
  target: 'pod',
  description: "emptyDir medium is '' or Memory (exact case) and sizeLimit a positive quantity",
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const ed = v.emptyDir;
      if (!isObject(ed)) return;
      const medium = ed.medium;
      // null is unset (node storage); other non-strings are field-type findings.
      if (typeof medium === 'string' && medium !== '' && medium !== 'Memory' && !/^HugePages(-.+)?$/.test(medium)) {
        const hint = medium.toLowerCase() === 'memory' ? "; did you mean 'Memory'?" : '';
        ctx.report([...path, 'emptyDir', 'medium'], `emptyDir medium ${show(medium)} of volume ${show(v.name)} is not '' or 'Memory' (case-sensitive)${hint || "; use 'Memory' for a tmpfs, or remove medium for node storage"}`);
      }
      if (ed.sizeLimit !== undefined) {
        const q = parseQuantity(ed.sizeLimit);
        if (q && q.value <= 0) ctx.report([...path, 'emptyDir', 'sizeLimit'], `emptyDir sizeLimit ${show(ed.sizeLimit)} of volume '${v.name}' is not positive; give a size such as 1Gi, or remove it`);
        else if (!q && typeof ed.sizeLimit === 'string') {
          const fix = quantityFix(ed.sizeLimit);
          ctx.report([...path, 'emptyDir', 'sizeLimit'], `emptyDir sizeLimit ${show(ed.sizeLimit)} of volume '${v.name}' is not a quantity; use ${fix ? `'${fix}'` : 'a size such as 1Gi'}`);
        }
      }
    });
  },
});

/** Where the file modes of a volume live, as [field, mode-field] pairs. */
function modesOf(v: any, path: FieldPath): Array<{ value: unknown; path: FieldPath }> {
  const out: Array<{ value: unknown; path: FieldPath }> = [];
  const pushItems = (items: unknown, base: FieldPath) => {
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      if (isObject(item) && item.mode !== undefined) out.push({ value: item.mode, path: [...base, 'items', i, 'mode'] });
    });
  };
  for (const kind of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const src = v[kind];
    if (!isObject(src)) continue;
    const base = [...path, kind];
    if (src.defaultMode !== undefined) out.push({ value: src.defaultMode, path: [...base, 'defaultMode'] });
    pushItems(src.items, base);
    if (kind === 'projected' && Array.isArray(src.sources)) {
      src.sources.forEach((s: any, i: number) => {
        if (!isObject(s)) return;
        for (const k of ['configMap', 'secret', 'downwardAPI']) {
          if (isObject(s[k])) pushItems(s[k].items, [...base, 'sources', i, k]);
        }
      });
    }
  }
  return out;
}

export const fileMode = defineRule({
  id: 'file-mode',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'defaultMode and item modes are between 0 and 0777 (a YAML 644 is decimal, not octal)',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      for (const { value, path: p } of modesOf(v, path)) {
        if (typeof value !== 'number' || (Number.isInteger(value) && value >= 0 && value <= 0o777)) continue;
        const looksOctal = Number.isInteger(value) && /^[0-7]{3,4}$/.test(String(value));
        const fix = looksOctal ? `; ${value} is decimal here: write 0${value} (octal, YAML 1.1) or ${parseInt(String(value), 8)} (decimal)` : '; use an octal mode such as 0644 (420 in decimal)';
        ctx.report(p, `file mode ${show(value)} of volume ${show(v.name)} is outside 0-0777${fix}`);
      }
    });
  },
});

function forEachMount(container: any, fn: (m: any, i: number) => void) {
  if (!Array.isArray(container.volumeMounts)) return;
  container.volumeMounts.forEach((m: any, i: number) => {
    if (isObject(m)) fn(m, i);
  });
}

/** Every item of a volume that is written to a file path, with its path, for item-path and downward-api. */
interface VolumeFile {
  readonly item: { [key: string]: any };
  readonly path: FieldPath;
  /** `configMap`, `secret`, `downwardAPI` or `serviceAccountToken`. */
  readonly kind: string;
  /** Index of the projected source, for projected volumes. */
  readonly source?: number;
}

function filesOf(v: any, path: FieldPath): VolumeFile[] {
  const out: VolumeFile[] = [];
  const items = (list: unknown, base: FieldPath, kind: string, source?: number) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (isObject(item)) out.push({ item, path: [...base, 'items', i], kind, source });
    });
  };
  for (const kind of ['configMap', 'secret', 'downwardAPI']) {
    if (isObject(v[kind])) items(v[kind].items, [...path, kind], kind);
  }
  const sources = isObject(v.projected) ? v.projected.sources : undefined;
  if (Array.isArray(sources)) {
    sources.forEach((s: unknown, i: number) => {
      if (!isObject(s)) return;
      const base = [...path, 'projected', 'sources', i];
      for (const kind of ['configMap', 'secret', 'downwardAPI']) {
        if (isObject(s[kind])) items(s[kind].items, [...base, kind], kind, i);
      }
      if (isObject(s.serviceAccountToken)) out.push({ item: s.serviceAccountToken, path: [...base, 'serviceAccountToken'], kind: 'serviceAccountToken', source: i });
    });
  }
  return out;
}

export const itemPath = defineRule({
  id: 'item-path',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: "file paths of configMap, secret, downwardAPI and projected volume items are relative, without '..', and unique in a projected volume",
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const seen = new Map<string, FieldPath>();
      for (const file of filesOf(v, path)) {
        const value = file.item.path;
        if (typeof value !== 'string' || value === '') continue; // missing: required-field
        const problem = localPathProblem(value);
        if (problem) {
          ctx.report([...file.path, 'path'], `${file.kind} item path ${show(value)} of ${volumeLabel(v, path)} ${problem}; it is a file inside the volume, so use a relative path such as '${toLocalPath(value)}'`);
        }
        // The API server checks that projected configMap, secret and downwardAPI files have distinct paths; a
        // service account token's path is not part of that check.
        if (file.source === undefined || file.kind === 'serviceAccountToken') continue;
        const first = seen.get(value);
        if (first) {
          ctx.report([...file.path, 'path'], `projected ${volumeLabel(v, path)} writes '${value}' twice (${formatSegments(first)} and ${formatSegments(file.path)}); give each file its own path`);
        } else {
          seen.set(value, file.path);
        }
      }
    });
  },
});

/** `projected.sources[1].secret.items[0]`: a path inside a volume, for messages. */
function formatSegments(path: FieldPath): string {
  return formatPath(path.slice(path.lastIndexOf('volumes') + 2));
}

export const downwardApi = defineRule({
  id: 'downward-api',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'a downwardAPI file has exactly one of fieldRef (metadata.name, namespace, uid, labels, annotations) and resourceFieldRef (with containerName and a supported resource)',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      for (const file of filesOf(v, path)) {
        if (file.kind !== 'downwardAPI') continue;
        const { item } = file;
        const what = `downwardAPI file ${show(item.path)} of ${volumeLabel(v, path)}`;
        const hasField = item.fieldRef !== undefined && item.fieldRef !== null;
        const hasResource = item.resourceFieldRef !== undefined && item.resourceFieldRef !== null;
        if (!hasField && !hasResource) {
          ctx.report(file.path, `${what} has no source; set fieldRef: { fieldPath: metadata.labels } or resourceFieldRef: { containerName: ..., resource: limits.memory }`);
        } else if (hasField && hasResource) {
          ctx.report(file.path, `${what} has both fieldRef and resourceFieldRef; a file holds one value, so keep one of them`);
        }
        if (isObject(item.fieldRef) && typeof item.fieldRef.fieldPath === 'string' && item.fieldRef.fieldPath !== '') {
          const problem = fieldPathProblem(item.fieldRef.fieldPath, VOLUME_FIELD_PATHS);
          if (problem) ctx.report([...file.path, 'fieldRef', 'fieldPath'], `fieldRef ${show(item.fieldRef.fieldPath)} of ${what} ${problem}`);
        }
        if (isObject(item.resourceFieldRef)) {
          const r = item.resourceFieldRef;
          if (r.containerName === undefined || r.containerName === null || r.containerName === '') {
            ctx.report([...file.path, 'resourceFieldRef', 'containerName'], `resourceFieldRef of ${what} has no containerName; a volume belongs to the pod, so name the container whose resources it reads`);
          }
          for (const [field, message] of resourceFieldProblems(r, what)) ctx.report([...file.path, 'resourceFieldRef', field], message);
        }
      }
    });
  },
});

/** The longest a projected service account token may live: 2^32 seconds. */
const TOKEN_MAX_SECONDS = 2 ** 32;

export const projectedSource = defineRule({
  id: 'projected-source',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'pod',
  description: 'each projected volume source is one kind, and a projected service account token expires after 10 minutes to 2^32 seconds',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const sources = isObject(v.projected) ? v.projected.sources : undefined;
      if (!Array.isArray(sources)) return;
      sources.forEach((s: unknown, i: number) => {
        if (!isObject(s)) return;
        const base = [...path, 'projected', 'sources', i];
        // Not clusterTrustBundle: the API server drops it before validation (ClusterTrustBundleProjection is off by
        // default up to 1.34; at 1.28 it is no field at all, which unknown-field reports).
        const kinds = ['configMap', 'secret', 'downwardAPI', 'serviceAccountToken'].filter(k => s[k] !== undefined && s[k] !== null);
        if (kinds.length > 1) {
          ctx.report(base, `source ${i} of projected ${volumeLabel(v, path)} has ${kinds.length} kinds (${kinds.join(', ')}); give each its own entry in sources`);
        }
        checkTokenLifetime(ctx, s.serviceAccountToken, [...base, 'serviceAccountToken', 'expirationSeconds'], volumeLabel(v, path));
      });
    });
  },
});

function checkTokenLifetime(ctx: RuleContext, token: unknown, path: FieldPath, volume: string): void {
  if (!isObject(token)) return;
  const seconds = token.expirationSeconds;
  if (!Number.isInteger(seconds)) return; // absent: 3600 by default; other values: field-type
  if (seconds < 600) {
    ctx.report(path, `service account token of projected ${volume} expires after ${seconds} seconds; Kubernetes requires at least 600 (10 minutes), so use 600 or more (3600 is the default)`);
  } else if (seconds > TOKEN_MAX_SECONDS) {
    ctx.report(path, `service account token of projected ${volume} expires after ${seconds} seconds, more than 2^32; use a shorter lifetime such as 3600`);
  }
}

// ---- Persistent volume claims ----------------------------------------------------------------------

/** The claim specs of an object: a PersistentVolumeClaim's, a StatefulSet's volumeClaimTemplates, a pod's ephemeral volumes. */
function claimSpecs(ctx: RuleContext): Array<{ spec: any; path: FieldPath; what: string }> {
  const m = ctx.manifest;
  const out: Array<{ spec: any; path: FieldPath; what: string }> = [];
  if (m.kind === 'PersistentVolumeClaim' && (isObject(m.spec) || m.spec === undefined || m.spec === null)) out.push({ spec: isObject(m.spec) ? m.spec : {}, path: ['spec'], what: 'the PersistentVolumeClaim' });
  if (m.kind === 'StatefulSet' && isObject(m.spec) && Array.isArray(m.spec.volumeClaimTemplates)) {
    m.spec.volumeClaimTemplates.forEach((t: unknown, i: number) => {
      if (!isObject(t)) return;
      const name = isObject(t.metadata) && typeof t.metadata.name === 'string' ? `volumeClaimTemplate '${t.metadata.name}'` : `volumeClaimTemplates[${i}]`;
      if (isObject(t.spec)) out.push({ spec: t.spec, path: ['spec', 'volumeClaimTemplates', i, 'spec'], what: name });
    });
  }
  const pod = ctx.pod;
  if (pod) {
    forEachVolume({ ...ctx, pod }, (v, path) => {
      const t = isObject(v.ephemeral) ? v.ephemeral.volumeClaimTemplate : undefined;
      if (isObject(t) && isObject(t.spec)) out.push({ spec: t.spec, path: [...path, 'ephemeral', 'volumeClaimTemplate', 'spec'], what: `ephemeral ${volumeLabel(v, path)}` });
    });
  }
  return out;
}

export const volumeClaim = defineRule({
  id: 'volume-claim',
  family: 'volumes',
  severity: 'error',
  basis: 'apiserver',
  target: 'object',
  description: "a volume claim (PersistentVolumeClaim, volumeClaimTemplate, ephemeral volume) has access modes, ReadWriteOncePod alone, a positive storage request, a DNS-1123 storageClassName and a dataSource that agrees with its dataSourceRef (none beside a namespaced one in a template); a volumeClaimTemplate has a name, and it is a volume name (a DNS-1123 label)",
  check(ctx) {
    const m = ctx.manifest;
    if (m.kind === 'StatefulSet' && isObject(m.spec) && Array.isArray(m.spec.volumeClaimTemplates)) {
      m.spec.volumeClaimTemplates.forEach((t: unknown, i: number) => {
        if (!isObject(t)) return;
        const name = isObject(t.metadata) ? t.metadata.name : undefined;
        const at = ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'];
        // From 1.34 the API server adds each template to the pod template as a volume, and rejects one without a name;
        // before, the StatefulSet is accepted and its pods are rejected.
        if (name === undefined || name === null || name === '') {
          ctx.report(at, `volumeClaimTemplate ${i} has no name, and it becomes the name of a pod volume and of each claim; name it, such as 'data'`);
          return;
        }
        if (typeof name !== 'string') return; // field-type
        const problem = dnsLabelProblem(name);
        if (problem) ctx.report(at, `volumeClaimTemplate name ${show(name)} ${problem}, and it becomes the name of a pod volume; use '${toDnsName(name, 63)}'`);
      });
    }
    for (const { spec, path, what } of claimSpecs(ctx)) {
      const modes = spec.accessModes;
      if (modes === undefined || modes === null || (Array.isArray(modes) && modes.length === 0)) {
        ctx.report([...path, 'accessModes'], `${what} has no accessModes; set at least one, such as [ReadWriteOnce]`);
      } else if (Array.isArray(modes) && modes.includes('ReadWriteOncePod') && modes.some((x: unknown) => x !== 'ReadWriteOncePod')) {
        ctx.report([...path, 'accessModes'], `${what} combines ReadWriteOncePod with other access modes; ReadWriteOncePod must be the only one`);
      }
      const resources = isObject(spec.resources) ? spec.resources : undefined;
      const requests = resources && isObject(resources.requests) ? resources.requests : undefined;
      const storage = requests ? requests.storage : undefined;
      if (storage === undefined || storage === null) {
        ctx.report([...path, 'resources', 'requests', 'storage'], `${what} requests no storage; set resources.requests.storage, such as 10Gi`);
      } else {
        const q = parseQuantity(storage);
        if (q && q.value <= 0) ctx.report([...path, 'resources', 'requests', 'storage'], `storage request ${show(storage)} of ${what} is not positive; request a size such as 10Gi`);
        else if (!q && typeof storage === 'string') {
          const fix = quantityFix(storage);
          ctx.report([...path, 'resources', 'requests', 'storage'], `storage request ${show(storage)} of ${what} is not a quantity; use ${fix ? `'${fix}'` : 'a size such as 10Gi'}`);
        }
      }
      if (typeof spec.storageClassName === 'string' && spec.storageClassName !== '') {
        const problem = dnsSubdomainProblem(spec.storageClassName);
        if (problem) ctx.report([...path, 'storageClassName'], `storageClassName ${show(spec.storageClassName)} of ${what} ${problem}; use the name of a StorageClass, such as '${toDnsName(spec.storageClassName, 253)}'`);
      }
      const ds = spec.dataSource;
      const dsr = spec.dataSourceRef;
      if (isObject(ds) && isObject(dsr)) {
        if (typeof dsr.namespace === 'string' && dsr.namespace !== '') {
          // A claim object drops such a dataSourceRef (CrossNamespaceVolumeDataSource is off by default); a template keeps it.
          if (m.kind !== 'PersistentVolumeClaim') ctx.report([...path, 'dataSource'], `${what} sets dataSource beside a dataSourceRef with a namespace, which Kubernetes rejects; keep only dataSourceRef`);
        } else {
          // apiGroup '' and no apiGroup differ (the API server compares the pointers' targets, reflect.DeepEqual).
          const same = (ds.apiGroup ?? undefined) === (dsr.apiGroup ?? undefined) && (ds.kind ?? '') === (dsr.kind ?? '') && (ds.name ?? '') === (dsr.name ?? '');
          if (!same) ctx.report([...path, 'dataSourceRef'], `dataSource and dataSourceRef of ${what} name different objects; they must agree, so keep only dataSourceRef`);
        }
      }
    }
  },
});
