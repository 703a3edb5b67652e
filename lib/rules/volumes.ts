import { checkEnum, containersOf, defineRule, describe, didYouMean, FieldPath, forEachVolume, isObject, show } from './engine';
import { parseQuantity, quantityFix } from './formats';

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
  target: 'pod',
  description: 'every volume has exactly one source (a volume with none silently becomes an emptyDir)',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const sources = VOLUME_SOURCES.filter(s => v[s] !== undefined);
      if (sources.length === 0) {
        const stray = Object.keys(v).filter(k => k !== 'name');
        const hint = stray.map(k => didYouMean(k, VOLUME_SOURCES)).find(x => x !== undefined);
        ctx.report(path, `volume '${v.name}' has no source, and Kubernetes silently makes it an emptyDir; add one such as hostPath: { path: /data } or emptyDir: {}${hint ? ` (did you mean '${hint}'?)` : ''}`);
      } else if (sources.length > 1) {
        ctx.report(path, `volume '${v.name}' has ${sources.length} sources (${sources.join(', ')}); a volume has exactly one, so split it into ${sources.length} volumes`);
      }
    });
  },
});

export const mountUndeclared = defineRule({
  id: 'mount-undeclared',
  family: 'volumes',
  severity: 'error',
  target: 'pod',
  description: 'every volumeMount names a volume the pod declares',
  check(ctx) {
    const declared = new Set<string>();
    forEachVolume(ctx, v => declared.add(v.name));
    // A StatefulSet's volumeClaimTemplates become volumes of its pods, under the template's name.
    const claims = ctx.pod!.ownerKind === 'StatefulSet' ? ctx.manifest.spec?.volumeClaimTemplates : undefined;
    if (Array.isArray(claims)) {
      for (const c of claims) if (typeof c?.metadata?.name === 'string') declared.add(c.metadata.name);
    }
    for (const ref of containersOf(ctx.pod!)) {
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
  target: 'pod',
  description: 'every volumeMount has a mountPath, unique within its container',
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      const seen = new Map<string, number>();
      forEachMount(ref.container, (m, i) => {
        const path = [...ref.path, 'volumeMounts', i, 'mountPath'];
        if (typeof m.mountPath !== 'string' || m.mountPath === '') {
          ctx.report(path, `mount of volume '${m.name}' in ${describe(ref)} has no mountPath; set the absolute path to mount it at`);
          return;
        }
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
  target: 'pod',
  description: "subPath and subPathExpr are relative, without '..', and not both set",
  check(ctx) {
    for (const ref of containersOf(ctx.pod!)) {
      forEachMount(ref.container, (m, i) => {
        const path = [...ref.path, 'volumeMounts', i];
        if (m.subPath !== undefined && m.subPathExpr !== undefined) {
          ctx.report(path, `mount of volume '${m.name}' in ${describe(ref)} sets both subPath and subPathExpr; keep one`);
        }
        for (const field of ['subPath', 'subPathExpr']) {
          const value = m[field];
          if (typeof value !== 'string') continue;
          if (value.startsWith('/')) {
            ctx.report([...path, field], `${field} ${show(value)} of ${describe(ref)} is absolute; it is relative to the volume, so use '${value.replace(/^\/+/, '')}'`);
          } else if (value.split('/').includes('..')) {
            ctx.report([...path, field], `${field} ${show(value)} of ${describe(ref)} contains '..'; it must stay inside the volume`);
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
  target: 'pod',
  description: "hostPath has an absolute path without '..' and a valid type",
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const hp = v.hostPath;
      if (!isObject(hp)) return;
      if (typeof hp.path !== 'string' || hp.path === '') {
        ctx.report([...path, 'hostPath', 'path'], `hostPath volume '${v.name}' has no path; set the node path, such as /data/mysql`);
      } else if (hp.path.split('/').includes('..')) {
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
  target: 'pod',
  description: "emptyDir medium is '' or Memory (exact case) and sizeLimit a positive quantity",
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      const ed = v.emptyDir;
      if (!isObject(ed)) return;
      const medium = ed.medium;
      if (medium !== undefined && medium !== '' && medium !== 'Memory' && !(typeof medium === 'string' && /^HugePages(-.+)?$/.test(medium))) {
        const hint = typeof medium === 'string' && medium.toLowerCase() === 'memory' ? "; did you mean 'Memory'?" : '';
        ctx.report([...path, 'emptyDir', 'medium'], `emptyDir medium ${show(medium)} of volume '${v.name}' is not '' or 'Memory' (case-sensitive)${hint}`);
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
  target: 'pod',
  description: 'defaultMode and item modes are between 0 and 0777 (a YAML 644 is decimal, not octal)',
  check(ctx) {
    forEachVolume(ctx, (v, path) => {
      for (const { value, path: p } of modesOf(v, path)) {
        if (typeof value !== 'number' || (Number.isInteger(value) && value >= 0 && value <= 0o777)) continue;
        const looksOctal = Number.isInteger(value) && /^[0-7]{3,4}$/.test(String(value));
        const fix = looksOctal ? `; ${value} is decimal here: write 0${value} (octal, YAML 1.1) or ${parseInt(String(value), 8)} (decimal)` : '; use an octal mode such as 0644 (420 in decimal)';
        ctx.report(p, `file mode ${value} of volume '${v.name}' is outside 0-0777${fix}`);
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
