// A pod (a Pod's metadata and spec, or a workload's pod template) as the construct that says what
// it is: GpuPod, SidecarPod, SharedVolumePod or Pod. The converter proposes candidates, most
// idiomatic first; the chart converter keeps the first that synthesizes the input exactly.
import * as kplus from 'cdk8s-plus-28';
import { NodeLabel } from '../model/node-selector';
import { TolerationOperator } from '../model/toleration';
import { arr, call, Expr, json, Key, obj, ref, Stmt, sym } from './code';
import { containerProps, seccomp } from './container';
import { enumMember, Fields, isBool, isInt, isNumber, isObject, isString, isStringMap, Notes, pointer, secondsExpr, Segments, sizeExpr } from './fields';
import { volumeExpr } from './volume';

/** The construct classes a pod can become. */
export type PodClass = 'Pod' | 'SidecarPod' | 'GpuPod' | 'SharedVolumePod';

/** One way to write a pod: statements that declare its volumes, then `new <cls>(scope, id, props)`. */
export interface PodCandidate {
  readonly cls: PodClass;
  readonly before: Stmt[];
  readonly props: Expr;
  /** Why fields are left to the escape hatch, by JSON pointer (relative to the object). */
  readonly notes: Notes;
}

/** Where a pod's metadata and spec sit in the object (`['metadata']`, `['spec']` for a Pod). */
export interface PodPaths {
  readonly metadata: Segments;
  readonly spec: Segments;
}

/** Chooses variable names in the scope the statements are written in. */
export type FreshName = (base: string, taken: ReadonlySet<string>) => string;

interface Plan {
  readonly cls: PodClass;
  /** `auto`: a volume mounted once is written inline in its mount and declared by the pod; `declared`: every volume is declared in order. */
  readonly style: 'auto' | 'declared';
  /** GpuPod only: write the /dev/shm emptyDir as `sharedMemory`. */
  readonly shm: boolean;
  /** The pod is a workload's template: it has no name or namespace of its own. */
  readonly template: boolean;
}

const GPU_VENDORS: ReadonlyArray<{ test: (r: string) => boolean; taint: string; expr: (r: string) => Expr | undefined }> = [
  { test: r => r === 'nvidia.com/gpu', taint: 'nvidia.com/gpu', expr: () => undefined },
  { test: r => r === 'amd.com/gpu', taint: 'amd.com/gpu', expr: () => sym('GpuVendor.AMD') },
  { test: r => r === 'gpu.intel.com/i915', taint: 'gpu.intel.com/i915', expr: () => sym('GpuVendor.INTEL') },
  { test: r => /^nvidia\.com\/mig-.+$/.test(r), taint: 'nvidia.com/gpu', expr: r => call('GpuVendor.nvidiaMig', json(r.slice('nvidia.com/mig-'.length))) },
];

interface Gpu {
  readonly resource: string;
  readonly count: number;
  readonly taint: string;
  readonly vendor?: Expr;
}

function gpuOf(c: unknown): Gpu | undefined {
  const limits = isObject(c) && isObject(c.resources) && isObject(c.resources.limits) ? c.resources.limits : undefined;
  if (!limits) return undefined;
  for (const [resource, count] of Object.entries(limits)) {
    const vendor = GPU_VENDORS.find(v => v.test(resource));
    if (vendor && isInt(count) && count >= 1) return { resource, count, taint: vendor.taint, vendor: vendor.expr(resource) };
  }
  return undefined;
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/**
 * The ways to write a pod, most idiomatic first: a GpuPod for a container with whole GPUs, a
 * SidecarPod for an app with helpers on its localhost (native sidecars, or classic ones), a
 * SharedVolumePod for volumes two containers mount, else a Pod; each with its volumes inline
 * where the pod declares them in the same order, and declared one by one where it does not.
 */
export function podCandidates(metadata: unknown, spec: unknown, paths: PodPaths, fresh: FreshName, options: { readonly template?: boolean } = {}): PodCandidate[] {
  const s = isObject(spec) ? spec : {};
  const regular = list(s.containers);
  const inits = list(s.initContainers);
  const natives = inits.map((c, i) => (isObject(c) && c.restartPolicy === 'Always' ? i : -1)).filter(i => i >= 0);
  const gpus = regular.map(gpuOf);
  const shared = sharedVolumeNames(s);
  const classes: PodClass[] = [];
  if (gpus[0] && gpus.filter(g => g).length === 1) classes.push('GpuPod');
  if (natives.length > 0 && regular.length === 1) classes.push('SidecarPod');
  if (shared.size > 0) classes.push('SharedVolumePod');
  if (natives.length === 0 && regular.length >= 2) classes.push('SidecarPod');
  classes.push('Pod');
  const out: PodCandidate[] = [];
  for (const cls of [...new Set(classes)]) {
    for (const shm of cls === 'GpuPod' ? [true, false] : [false]) {
      for (const style of ['auto', 'declared'] as const) {
        const c = build({ cls, style, shm, template: options.template ?? false }, metadata, s, paths, fresh);
        if (c) out.push(c);
      }
    }
  }
  return out;
}

/** Names of volumes mounted by two or more containers. */
function sharedVolumeNames(spec: { [key: string]: any }): Set<string> {
  const users = new Map<string, Set<number>>();
  [...list(spec.initContainers), ...list(spec.containers)].forEach((c, i) => {
    for (const m of isObject(c) ? list(c.volumeMounts) : []) {
      if (isObject(m) && isString(m.name)) users.set(m.name, (users.get(m.name) ?? new Set()).add(i));
    }
  });
  return new Set([...users].filter(([, u]) => u.size >= 2).map(([name]) => name));
}

function build(plan: Plan, metadata: unknown, spec: { [key: string]: any }, paths: PodPaths, fresh: FreshName): PodCandidate | undefined {
  const notes: Notes = new Map();
  const at = paths.spec;
  const regular = list(spec.containers);
  const inits = list(spec.initContainers);
  const nativeIdx = inits.map((c, i) => (isObject(c) && c.restartPolicy === 'Always' ? i : -1)).filter(i => i >= 0);
  const plainIdx = inits.map((_, i) => i).filter(i => !nativeIdx.includes(i));
  const nativesLast = nativeIdx.length > 0 && plainIdx.every(p => p < nativeIdx[0]);
  const gpu = gpuOf(regular[0]);

  // Which containers go where, per construct.
  let main: 'app' | 'container' | 'containers' = 'containers';
  let sidecars: number[] = [];
  let sidecarMode: 'NATIVE' | 'CLASSIC' | undefined;
  let initList = inits.map((_, i) => i);
  let regularList = regular.map((_, i) => i);
  const useNatives = () => {
    sidecars = nativeIdx;
    sidecarMode = 'NATIVE';
    initList = plainIdx;
  };
  switch (plan.cls) {
    case 'GpuPod':
      if (!gpu || !isObject(regular[0])) return undefined;
      main = 'container';
      if (regular.length > 1) {
        if (nativeIdx.length > 0) return undefined;
        sidecars = regularList.slice(1);
        sidecarMode = 'CLASSIC';
      } else if (nativeIdx.length > 0) {
        if (!nativesLast) return undefined;
        useNatives();
      }
      regularList = [0];
      break;
    case 'SidecarPod':
      if (!isObject(regular[0])) return undefined;
      main = 'app';
      if (nativeIdx.length > 0) {
        if (regular.length !== 1 || !nativesLast) return undefined;
        useNatives();
      } else {
        if (regular.length < 2) return undefined;
        sidecars = regularList.slice(1);
        sidecarMode = 'CLASSIC';
      }
      regularList = [0];
      break;
    default:
      if (nativesLast) useNatives();
      break;
  }

  // Volumes: which are shared, which get a variable, how mounts refer to them.
  const volumes = list(spec.volumes);
  const volumeExprs = volumes.map((v, i) => volumeExpr(v, [...at, 'volumes', i], notes));
  const mountCount = new Map<string, number>();
  for (const c of [...inits, ...regular]) {
    for (const m of isObject(c) ? list(c.volumeMounts) : []) {
      if (isObject(m) && isString(m.name)) mountCount.set(m.name, (mountCount.get(m.name) ?? 0) + 1);
    }
  }
  const byName = new Map<string, number>();
  volumes.forEach((v, i) => {
    if (isObject(v) && isString(v.name) && volumeExprs[i] && !byName.has(v.name)) byName.set(v.name, i);
  });
  // Volume names given twice: mounts refer to them by name, and the escape hatch keeps the list.
  const duplicated = new Set(volumes.filter((v, i) => isObject(v) && volumes.findIndex(w => isObject(w) && w.name === v.name) !== i).map(v => v.name));
  for (const name of duplicated) byName.delete(name);

  // GpuPod's sharedMemory: a Memory emptyDir mounted only at /dev/shm, last, by the GPU container.
  let shmSize: Expr | undefined;
  let shmMount: number | undefined;
  let shmVolume: number | undefined;
  if (plan.cls === 'GpuPod' && plan.shm) {
    const mounts = list(regular[0].volumeMounts);
    const last = mounts[mounts.length - 1];
    const vi = isObject(last) ? byName.get(last.name) : undefined;
    const v = vi !== undefined ? volumes[vi] : undefined;
    if (!isObject(last) || Object.keys(last).length !== 2 || last.mountPath !== '/dev/shm' || last.name !== 'dshm' || vi === undefined || mountCount.get(last.name) !== 1
      || !isObject(v?.emptyDir) || Object.keys(v.emptyDir).length !== 2 || v.emptyDir.medium !== 'Memory') return undefined;
    shmSize = sizeExpr(v.emptyDir.sizeLimit);
    if (!shmSize) return undefined;
    shmMount = mounts.length - 1;
    shmVolume = vi;
  }

  const sharedNames = plan.cls === 'SharedVolumePod' ? sharedVolumeNames(spec) : new Set<string>();
  const vars = new Map<string, string>();
  const taken = new Set<string>();
  const before: Stmt[] = [];
  volumes.forEach((v, i) => {
    if (i === shmVolume || byName.get(v?.name) !== i) return;
    const count = mountCount.get(v.name) ?? 0;
    if (count >= 2 || (plan.style === 'declared' && count >= 1) || sharedNames.has(v.name)) {
      const name = fresh(camel(v.name), taken);
      taken.add(name);
      vars.set(v.name, name);
      before.push({ declare: name, expr: volumeExprs[i] as Expr });
    }
  });
  const volumeRef = (name: string): Expr => {
    const v = vars.get(name);
    if (v) return ref(v);
    const i = byName.get(name);
    if (plan.style === 'auto' && i !== undefined && i !== shmVolume) return volumeExprs[i] as Expr;
    return json(name);
  };
  const declared: Expr[] = [];
  const sharedList: Expr[] = [];
  volumes.forEach((v, i) => {
    if (i === shmVolume || byName.get(v?.name) !== i) return;
    const count = mountCount.get(v.name) ?? 0;
    if (sharedNames.has(v.name)) sharedList.push(ref(vars.get(v.name) as string));
    else if (plan.style === 'declared') declared.push(vars.has(v.name) ? ref(vars.get(v.name) as string) : volumeExprs[i] as Expr);
    else if (count === 0) declared.push(volumeExprs[i] as Expr);
  });
  if (plan.cls === 'SharedVolumePod' && sharedList.length === 0) return undefined;
  if (volumes.some((_, i) => !volumeExprs[i]) || duplicated.size > 0) notes.set(pointer([...at, 'volumes']), 'a volume Volume has no factory for is declared by the escape hatch');

  const container = (c: unknown, segments: Segments, skipMounts?: ReadonlySet<number>, skipExtended?: ReadonlySet<string>): Expr =>
    (isObject(c) ? containerProps(c, segments, notes, volumeRef, skipMounts, skipExtended) : obj([['name', json('')], ['image', json('')]]));
  const initExprs = initList.map(i => container(inits[i], [...at, 'initContainers', i]));
  const sidecarExprs = sidecars.map(i => (sidecarMode === 'NATIVE' ? container(inits[i], [...at, 'initContainers', i]) : container(regular[i], [...at, 'containers', i])));
  const regularExprs = regularList.map(i => container(regular[i], [...at, 'containers', i],
    i === 0 && shmMount !== undefined ? new Set([shmMount]) : undefined,
    i === 0 && plan.cls === 'GpuPod' && gpu ? new Set([gpu.resource]) : undefined));
  if (plan.cls === 'GpuPod' && gpu && isObject(regular[0].resources?.requests) && gpu.resource in regular[0].resources.requests) {
    notes.set(pointer([...at, 'containers', 0, 'resources', 'requests', gpu.resource]), 'GpuPod sets the GPU limit only (Kubernetes sets the request equal to it)');
  }
  // The containers' restartPolicy: Always is the sidecar mode's to write; elsewhere it is carried by the escape hatch.
  if (sidecarMode === 'NATIVE') for (const i of sidecars) notes.delete(pointer([...at, 'initContainers', i, 'restartPolicy']));

  // Metadata.
  const meta = isObject(metadata) ? metadata : {};
  const m = new Fields(meta, paths.metadata, 'PodProps', notes);
  const metaEntries: Array<[Key, Expr | undefined]> = [];
  for (const key of ['name', 'namespace']) {
    if (plan.template) {
      m.skip(key, `a pod template has no ${key} in the typed API (the workload gives its pods theirs)`);
      continue;
    }
    const v = m.take(key);
    metaEntries.push([key, isString(v) ? json(v) : undefined]);
  }
  for (const key of ['labels', 'annotations']) {
    const v = m.take(key);
    metaEntries.push([key, isStringMap(v) && Object.keys(v).length > 0 ? json(v) : undefined]);
  }
  m.done();

  // Pod-level fields.
  const f = new Fields(spec, at, 'PodProps', notes);
  for (const key of ['containers', 'initContainers', 'volumes']) f.take(key);
  let tolerations = f.take('tolerations');
  let tolerateGpuTaint: Expr | undefined;
  if (plan.cls === 'GpuPod' && gpu) {
    const lastToleration = Array.isArray(tolerations) ? tolerations[tolerations.length - 1] : undefined;
    const matches = isObject(lastToleration) && Object.keys(lastToleration).length === 3 && lastToleration.key === gpu.taint
      && lastToleration.operator === 'Exists' && lastToleration.effect === 'NoSchedule';
    if (matches) tolerations = (tolerations as unknown[]).slice(0, -1);
    else tolerateGpuTaint = json(false);
  }
  const podEntries = podFields(f, tolerations, notes);
  f.done();

  const props: Array<[Key, Expr | undefined]> = [...metaEntries];
  if (main === 'app') props.push(['app', regularExprs[0]]);
  else if (main === 'container') props.push(['container', regularExprs[0]]);
  if (plan.cls === 'SharedVolumePod') props.push(['sharedVolumes', arr(sharedList)]);
  if (main === 'containers') props.push(['containers', arr(regularExprs)]);
  if (initExprs.length > 0) props.push(['initContainers', arr(initExprs)]);
  if (sidecarMode !== undefined) {
    props.push(['sidecarMode', sym(`SidecarMode.${sidecarMode}`)]);
    props.push(['sidecars', arr(sidecarExprs)]);
  }
  if (plan.cls === 'GpuPod' && gpu) {
    props.push(['gpuCount', json(gpu.count)], ['gpuVendor', gpu.vendor], ['tolerateGpuTaint', tolerateGpuTaint], ['sharedMemory', shmSize]);
  }
  if (declared.length > 0) props.push(['volumes', arr(declared)]);
  props.push(...podEntries);
  return { cls: plan.cls, before, props: obj(props), notes };
}

/** The pod-level fields of PodProps, in the order the Kubernetes docs write them. */
function podFields(f: Fields, tolerations: unknown, notes: Notes): Array<[Key, Expr | undefined]> {
  const at = f.at;
  const str = (key: string) => {
    const v = f.take(key);
    return isString(v) ? json(v) : undefined;
  };
  const bool = (key: string) => {
    const v = f.take(key);
    return isBool(v) ? json(v) : undefined;
  };
  const nodeSelector = f.take('nodeSelector');
  const entries: Array<[Key, Expr | undefined]> = [
    ['nodeSelector', isStringMap(nodeSelector) && Object.keys(nodeSelector).length > 0
      ? obj(Object.entries(nodeSelector).map(([k, v]) => {
        const member = enumMember('NodeLabel', NodeLabel as unknown as { [key: string]: unknown }, k);
        return [member && member.t === 'sym' ? { sym: member.path } : k, json(v)] as [Key, Expr];
      }))
      : undefined],
    ['runtimeClassName', str('runtimeClassName')],
    ['priorityClassName', str('priorityClassName')],
    ['serviceAccount', str('serviceAccountName')],
    ['automountServiceAccountToken', bool('automountServiceAccountToken')],
    ['hostNetwork', bool('hostNetwork')],
  ];
  const dns = f.take('dnsPolicy');
  entries.push(['dnsPolicy', dns === undefined ? undefined : enumMember('DnsPolicy', kplus.DnsPolicy, dns)]);
  const restart = f.take('restartPolicy');
  entries.push(['restartPolicy', restart === undefined ? undefined : enumMember('RestartPolicy', kplus.RestartPolicy, restart)]);
  const grace = f.take('terminationGracePeriodSeconds');
  entries.push(['terminationGracePeriod', grace === undefined ? undefined : secondsExpr(grace)]);
  entries.push(['securityContext', podSecurity(f.take('securityContext'), [...at, 'securityContext'], notes)]);
  const secrets = f.take('imagePullSecrets');
  entries.push(['imagePullSecrets', Array.isArray(secrets) && secrets.length > 0 && secrets.every(s => isObject(s) && Object.keys(s).length === 1 && isString(s.name))
    ? json(secrets.map(s => s.name)) : undefined]);
  if (Array.isArray(tolerations) && tolerations.length > 0 && tolerations.every(isObject)) {
    entries.push(['tolerations', arr(tolerations.map((t, i) => toleration(t, [...at, 'tolerations', i], notes)))]);
  }
  return entries;
}

function toleration(t: { [key: string]: any }, at: Segments, notes: Notes): Expr {
  const f = new Fields(t, at, 'Toleration', notes);
  const key = f.take('key');
  const operator = f.take('operator');
  const value = f.take('value');
  const effect = f.take('effect');
  const seconds = f.take('tolerationSeconds');
  f.done();
  return obj([
    ['key', isString(key) ? json(key) : undefined],
    ['operator', operator === undefined ? undefined : enumMember('TolerationOperator', TolerationOperator, operator)],
    ['value', isString(value) ? json(value) : undefined],
    ['effect', effect === undefined ? undefined : enumMember('TaintEffect', kplus.TaintEffect, effect)],
    ['tolerationSeconds', isInt(seconds) ? json(seconds) : undefined],
  ]);
}

function podSecurity(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(value)) return undefined;
  const f = new Fields(value, at, 'PodSecurityContext', notes);
  const entries: Array<[Key, Expr | undefined]> = [];
  for (const key of ['runAsUser', 'runAsGroup']) {
    const v = f.take(key);
    entries.push([key, isNumber(v) ? json(v) : undefined]);
  }
  const nonRoot = f.take('runAsNonRoot');
  entries.push(['runAsNonRoot', isBool(nonRoot) ? json(nonRoot) : undefined]);
  const fsGroup = f.take('fsGroup');
  entries.push(['fsGroup', isNumber(fsGroup) ? json(fsGroup) : undefined]);
  const groups = f.take('supplementalGroups');
  entries.push(['supplementalGroups', Array.isArray(groups) && groups.length > 0 && groups.every(isNumber) ? json(groups) : undefined]);
  entries.push(['seccompProfile', seccomp(f.take('seccompProfile'), [...at, 'seccompProfile'], notes)]);
  const sysctls = f.take('sysctls');
  if (Array.isArray(sysctls) && sysctls.length > 0 && sysctls.every(s => isObject(s) && Object.keys(s).length === 2 && isString(s.name) && isString(s.value) && !/^(0|[1-9][0-9]*)$/.test(s.name))
    && new Set(sysctls.map(s => s.name)).size === sysctls.length) {
    entries.push(['sysctls', obj(sysctls.map(s => [s.name, json(s.value)] as [Key, Expr]))]);
  }
  f.done();
  return obj(entries);
}

/** `nginx-logs` -> `nginxLogs`, a JavaScript identifier. */
export function camel(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(w => w !== '');
  const out = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (out === '') return 'volume';
  return /^[0-9]/.test(out) ? `v${out}` : out;
}


