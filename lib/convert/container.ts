// Containers of a pod spec as `ContainerProps` expressions.
import * as kplus from 'cdk8s-plus-28';
import { arr, call, Expr, isEmptyObject, json, Key, obj } from './code';
import { cpuExpr, enumMember, Fields, isBool, isInt, isNumber, isObject, isString, isStringList, Notes, pointer, secondsExpr, Segments, sizeExpr } from './fields';

/** How a container refers to a volume of its pod, chosen by the pod converter. */
export type VolumeRef = (name: string) => Expr;

/** A container as `ContainerProps`, the mounts left out by the caller (GpuPod's `sharedMemory`) skipped. */
export function containerProps(c: { readonly [key: string]: any }, at: Segments, notes: Notes, volumeRef: VolumeRef, skipMounts: ReadonlySet<number> = new Set(), skipExtended: ReadonlySet<string> = new Set()): Expr {
  const f = new Fields(c, at, 'ContainerProps', notes);
  const entries: Array<[Key, Expr | undefined]> = [];
  const name = f.take('name');
  const image = f.take('image');
  // name and image are required props: a missing or mistyped one is written as '' and patched back.
  entries.push(['name', json(isString(name) ? name : '')]);
  if (!isString(name)) notes.set(pointer([...at, 'name']), 'ContainerProps.name must be a string');
  entries.push(['image', json(isString(image) ? image : '')]);
  if (!isString(image)) notes.set(pointer([...at, 'image']), 'ContainerProps.image must be a string');

  const pull = f.take('imagePullPolicy');
  entries.push(['imagePullPolicy', pull === undefined ? undefined : enumMember('ImagePullPolicy', kplus.ImagePullPolicy, pull)]);
  // restartPolicy: Always is what makes a native sidecar; the pod converter decides.
  f.skip('restartPolicy', 'ContainerProps has no restartPolicy: native sidecars come from the sidecars prop with SidecarMode.NATIVE');
  for (const key of ['command', 'args'] as const) {
    const v = f.take(key);
    entries.push([key, isStringList(v) ? json(v) : undefined]);
  }
  const workingDir = f.take('workingDir');
  entries.push(['workingDir', isString(workingDir) ? json(workingDir) : undefined]);
  entries.push(...ports(f.take('ports')));
  entries.push(['envFrom', envFrom(f.take('envFrom'), [...at, 'envFrom'], notes)]);
  entries.push(['env', env(f.take('env'), [...at, 'env'], notes)]);
  entries.push(['resources', resources(f.take('resources'), [...at, 'resources'], notes, skipExtended)]);
  entries.push(['volumeMounts', mounts(f.take('volumeMounts'), [...at, 'volumeMounts'], notes, volumeRef, skipMounts)]);
  entries.push(['liveness', probe(f.take('livenessProbe'), [...at, 'livenessProbe'], notes)]);
  entries.push(['readiness', probe(f.take('readinessProbe'), [...at, 'readinessProbe'], notes)]);
  entries.push(['startup', probe(f.take('startupProbe'), [...at, 'startupProbe'], notes)]);
  entries.push(['lifecycle', lifecycle(f.take('lifecycle'), [...at, 'lifecycle'], notes)]);
  entries.push(['securityContext', containerSecurity(f.take('securityContext'), [...at, 'securityContext'], notes)]);
  f.done();
  return obj(entries);
}

function ports(value: unknown): Array<[Key, Expr | undefined]> {
  if (!Array.isArray(value) || value.length === 0 || !value.every(p => isObject(p) && isInt(p.containerPort))) return [];
  if (value.length === 1 && Object.keys(value[0]).length === 1) return [['port', json(value[0].containerPort)]];
  return [['ports', arr(value.map(p => obj([
    ['number', json(p.containerPort)],
    ['name', isString(p.name) ? json(p.name) : undefined],
    ['protocol', p.protocol === undefined ? undefined : enumMember('Protocol', kplus.Protocol, p.protocol)],
    ['hostPort', isInt(p.hostPort) ? json(p.hostPort) : undefined],
  ])))]];
}

/** Names that JavaScript orders before the others in an object (array indexes) cannot keep their place in the env map. */
const INDEX_LIKE = /^(0|[1-9][0-9]*)$/;

function env(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const names = new Set<string>();
  const entries: Array<[Key, Expr]> = [];
  for (const [i, e] of value.entries()) {
    if (!isObject(e) || !isString(e.name) || names.has(e.name) || INDEX_LIKE.test(e.name)) {
      notes.set(pointer(at), 'the env map of ContainerProps holds each name once, in order (a repeated or numeric name cannot be written in it)');
      return undefined;
    }
    names.add(e.name);
    const keys = Object.keys(e).filter(k => k !== 'name');
    let v: Expr | undefined;
    if (keys.length === 1 && keys[0] === 'value' && isString(e.value)) v = json(e.value);
    else if (keys.length === 1 && keys[0] === 'valueFrom') v = valueFrom(e.valueFrom, [...at, i, 'valueFrom'], notes);
    if (v === undefined) {
      notes.set(pointer(at), `env ${e.name} cannot be written as a string or an EnvValue`);
      return undefined;
    }
    entries.push([e.name, v]);
  }
  return obj(entries);
}

function valueFrom(v: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(v) || Object.keys(v).length !== 1) return undefined;
  const [kind] = Object.keys(v);
  const ref = v[kind];
  if (!isObject(ref)) return undefined;
  const f = new Fields(ref, [...at, kind], `EnvValue (${kind})`, notes);
  let out: Expr | undefined;
  if (kind === 'configMapKeyRef' || kind === 'secretKeyRef') {
    const name = f.take('name');
    const key = f.take('key');
    const optional = f.take('optional');
    if (!isString(name) || !isString(key) || (optional !== undefined && !isBool(optional))) return undefined;
    out = call(kind === 'configMapKeyRef' ? 'EnvValue.fromConfigMap' : 'EnvValue.fromSecret', json(name), json(key), ...(optional !== undefined ? [obj([['optional', json(optional)]])] : []));
  } else if (kind === 'fieldRef') {
    const path = f.take('fieldPath');
    if (!isString(path)) return undefined;
    out = call('EnvValue.fromField', enumMember('EnvFieldPaths', kplus.EnvFieldPaths, path) ?? json(path));
  } else if (kind === 'resourceFieldRef') {
    const resource = f.take('resource');
    const container = f.take('containerName');
    const divisor = f.take('divisor');
    if (!isString(resource) || (container !== undefined && !isString(container)) || (divisor !== undefined && !isString(divisor))) return undefined;
    const options = obj([['container', container === undefined ? undefined : json(container)], ['divisor', divisor === undefined ? undefined : json(divisor)]]);
    out = call('EnvValue.fromResource', enumMember('ResourceFieldPaths', kplus.ResourceFieldPaths, resource) ?? json(resource),
      ...(isEmptyObject(options) ? [] : [options]));
  } else {
    return undefined;
  }
  f.done();
  return out;
}

function envFrom(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const items: Expr[] = [];
  for (const [i, e] of value.entries()) {
    if (!isObject(e)) return undefined;
    const kind = 'configMapRef' in e ? 'configMapRef' : 'secretRef' in e ? 'secretRef' : undefined;
    if (kind === undefined || ('configMapRef' in e && 'secretRef' in e) || !isObject(e[kind]) || !isString(e[kind].name)) return undefined;
    if (e.prefix !== undefined && !isString(e.prefix)) return undefined;
    const f = new Fields(e, [...at, i], 'EnvFrom', notes);
    f.take(kind);
    f.take('prefix');
    f.done();
    new Fields(e[kind], [...at, i, kind], 'EnvFrom', notes).take('name');
    for (const key of Object.keys(e[kind])) if (key !== 'name') notes.set(pointer([...at, i, kind, key]), `EnvFrom has no ${key}`);
    items.push(call(kind === 'configMapRef' ? 'EnvFrom.configMap' : 'EnvFrom.secret', json(e[kind].name), ...(e.prefix !== undefined ? [json(e.prefix)] : [])));
  }
  return arr(items);
}

function resources(value: unknown, at: Segments, notes: Notes, skipExtended: ReadonlySet<string>): Expr | undefined {
  if (!isObject(value)) return undefined;
  const f = new Fields(value, at, 'ContainerResources', notes);
  const requests = f.take('requests');
  const limits = f.take('limits');
  f.done();
  const req = isObject(requests) ? requests : {};
  const lim = isObject(limits) ? limits : {};
  const pair = (key: string, typed: (v: unknown) => Expr | undefined) => {
    const request = key in req ? typed(req[key]) : undefined;
    const limit = key in lim ? typed(lim[key]) : undefined;
    for (const [v, side, e] of [[req[key], 'requests', request], [lim[key], 'limits', limit]] as const) {
      if (v === undefined || e !== undefined) continue;
      const type = key === 'cpu' ? 'Cpu' : 'Size';
      notes.set(pointer([...at, side, key]), typeof v === 'number'
        ? `the number ${v} has no ${type} form (${type} writes quantities as strings)`
        : `${JSON.stringify(v)} has no exact ${type} form`);
    }
    return request === undefined && limit === undefined ? undefined : obj([['request', request], ['limit', limit]]);
  };
  const extended: Array<[Key, Expr]> = [];
  for (const [key, v] of Object.entries(lim)) {
    if (key === 'cpu' || key === 'memory' || key === 'ephemeral-storage' || skipExtended.has(key)) continue;
    if (isInt(v)) extended.push([key, json(v)]);
    else notes.set(pointer([...at, 'limits', key]), 'ContainerResources.extended takes whole numbers');
  }
  for (const key of Object.keys(req)) {
    if (key !== 'cpu' && key !== 'memory' && key !== 'ephemeral-storage') {
      notes.set(pointer([...at, 'requests', key]), `ContainerResources has no request for ${key} (extended resources are emitted as limits only; Kubernetes sets the request equal to the limit)`);
    }
  }
  const out = obj([
    ['cpu', pair('cpu', cpuExpr)],
    ['memory', pair('memory', sizeExpr)],
    ['ephemeralStorage', pair('ephemeral-storage', sizeExpr)],
    ['extended', extended.length > 0 ? obj(extended) : undefined],
  ]);
  return isEmptyObject(out) ? undefined : out;
}

function mounts(value: unknown, at: Segments, notes: Notes, volumeRef: VolumeRef, skip: ReadonlySet<number>): Expr | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every(m => isObject(m) && isString(m.name) && isString(m.mountPath))) return undefined;
  const items: Expr[] = [];
  value.forEach((m, i) => {
    if (skip.has(i)) return;
    const f = new Fields(m, [...at, i], 'VolumeMount', notes);
    f.take('name');
    f.take('mountPath');
    const readOnly = f.take('readOnly');
    const subPath = f.take('subPath');
    const subPathExpr = f.take('subPathExpr');
    const propagation = f.take('mountPropagation');
    f.done();
    items.push(obj([
      ['volume', volumeRef(m.name)],
      ['path', json(m.mountPath)],
      ['readOnly', isBool(readOnly) ? json(readOnly) : undefined],
      ['subPath', isString(subPath) ? json(subPath) : undefined],
      ['subPathExpr', isString(subPathExpr) ? json(subPathExpr) : undefined],
      ['propagation', propagation === undefined ? undefined : enumMember('MountPropagation', kplus.MountPropagation, propagation)],
    ]));
  });
  return items.length > 0 ? arr(items) : undefined;
}

const TIMING: ReadonlyArray<[string, string, 'duration' | 'count']> = [
  ['initialDelaySeconds', 'initialDelay', 'duration'],
  ['periodSeconds', 'period', 'duration'],
  ['timeoutSeconds', 'timeout', 'duration'],
  ['failureThreshold', 'failureThreshold', 'count'],
  ['successThreshold', 'successThreshold', 'count'],
];

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

function probe(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(value)) return undefined;
  const kinds = HANDLERS.filter(h => h in value);
  if (kinds.length !== 1) return undefined;
  const [kind] = kinds;
  const f = new Fields(value, at, 'Probe', notes);
  const timing: Array<[Key, Expr | undefined]> = [];
  for (const [field, prop, type] of TIMING) {
    const v = f.take(field);
    if (v === undefined) continue;
    const e = type === 'duration' ? secondsExpr(v) : isInt(v) ? json(v) : undefined;
    timing.push([prop, e]);
  }
  const handler = f.take(kind);
  f.done();
  if (!isObject(handler)) return undefined;
  const h = new Fields(handler, [...at, kind], `Probe.${kind}()`, notes);
  let out: Expr | undefined;
  if (kind === 'httpGet') {
    const http = httpGet(h);
    if (http) out = call('Probe.httpGet', json(http.path), obj([...http.options, ...timing]));
  } else if (kind === 'tcpSocket') {
    const port = h.take('port');
    if (isInt(port) || isString(port)) out = call('Probe.tcpSocket', json(port), ...optional(timing));
  } else if (kind === 'exec') {
    const command = h.take('command');
    if (isStringList(command)) out = call('Probe.exec', json(command), ...optional(timing));
  } else {
    const port = h.take('port');
    const service = h.take('service');
    if (isInt(port) && (service === undefined || isString(service))) out = call('Probe.grpc', json(port), ...optional([['service', service === undefined ? undefined : json(service)], ...timing]));
  }
  h.done();
  return out;
}

function optional(entries: Array<[Key, Expr | undefined]>): Expr[] {
  return entries.some(([, e]) => e !== undefined) ? [obj(entries)] : [];
}

/** The path and options of an httpGet handler (probe or hook), or undefined when they do not fit the typed API. */
function httpGet(h: Fields): { path: string; options: Array<[Key, Expr | undefined]> } | undefined {
  const path = h.take('path');
  const port = h.take('port');
  const scheme = h.take('scheme');
  const headers = h.take('httpHeaders');
  if (!isString(path) || !(isInt(port) || isString(port)) || (scheme !== undefined && scheme !== 'HTTP' && scheme !== 'HTTPS')) return undefined;
  let headerMap: Expr | undefined;
  if (headers !== undefined) {
    if (!Array.isArray(headers) || !headers.every(x => isObject(x) && Object.keys(x).length === 2 && isString(x.name) && isString(x.value) && !INDEX_LIKE.test(x.name))) return undefined;
    if (new Set(headers.map(x => x.name)).size !== headers.length) return undefined;
    headerMap = obj(headers.map(x => [x.name, json(x.value)] as [Key, Expr]));
  }
  return { path, options: [['port', json(port)], ['scheme', scheme === undefined ? undefined : json(scheme)], ['headers', headerMap]] };
}

function lifecycle(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(value)) return undefined;
  const f = new Fields(value, at, 'ContainerLifecycle', notes);
  const hooks: Array<[Key, Expr | undefined]> = [];
  for (const name of ['postStart', 'preStop']) {
    const hook = f.take(name);
    if (hook === undefined) continue;
    if (!isObject(hook) || Object.keys(hook).length !== 1) {
      hooks.push([name, undefined]);
      continue;
    }
    const h = new Fields(hook, [...at, name], 'LifecycleHandler', notes);
    let e: Expr | undefined;
    const exec = h.take('exec');
    const http = h.take('httpGet');
    if (isObject(exec)) {
      const x = new Fields(exec, [...at, name, 'exec'], 'LifecycleHandler.exec()', notes);
      const command = x.take('command');
      x.done();
      if (isStringList(command)) e = call('LifecycleHandler.exec', json(command));
    } else if (isObject(http)) {
      const x = new Fields(http, [...at, name, 'httpGet'], 'LifecycleHandler.httpGet()', notes);
      const parsed = httpGet(x);
      x.done();
      if (parsed) e = call('LifecycleHandler.httpGet', json(parsed.path), obj(parsed.options));
    }
    h.done();
    hooks.push([name, e]);
  }
  f.done();
  // An empty `lifecycle: {}` is written as it is.
  return hooks.some(([, e]) => e !== undefined) || Object.keys(value).length === 0 ? obj(hooks) : undefined;
}

/** A seccomp profile of a pod or container. */
export function seccomp(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(value)) return undefined;
  const f = new Fields(value, at, 'SeccompProfile', notes);
  const type = enumMember('SeccompProfileType', kplus.SeccompProfileType, f.take('type'));
  const profile = f.take('localhostProfile');
  f.done();
  if (!type || (profile !== undefined && !isString(profile))) return undefined;
  return obj([['type', type], ['localhostProfile', profile === undefined ? undefined : json(profile)]]);
}

function containerSecurity(value: unknown, at: Segments, notes: Notes): Expr | undefined {
  if (!isObject(value)) return undefined;
  const f = new Fields(value, at, 'ContainerSecurityContext', notes);
  const entries: Array<[Key, Expr | undefined]> = [];
  for (const key of ['runAsUser', 'runAsGroup']) {
    const v = f.take(key);
    entries.push([key, isNumber(v) ? json(v) : undefined]);
  }
  for (const key of ['runAsNonRoot', 'privileged', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation']) {
    const v = f.take(key);
    entries.push([key, isBool(v) ? json(v) : undefined]);
  }
  const caps = f.take('capabilities');
  if (isObject(caps)) {
    const c = new Fields(caps, [...at, 'capabilities'], 'Capabilities', notes);
    const list = (key: string) => {
      const v = c.take(key);
      // An empty list is not emitted by the typed API: the escape hatch keeps it.
      if (!isStringList(v) || v.length === 0) return undefined;
      return arr(v.map(x => enumMember('Capability', kplus.Capability, x) ?? json(x)));
    };
    const add = list('add');
    const drop = list('drop');
    c.done();
    entries.push(['capabilities', obj([['add', add], ['drop', drop]])]);
  }
  entries.push(['seccompProfile', seccomp(f.take('seccompProfile'), [...at, 'seccompProfile'], notes)]);
  f.done();
  return obj(entries);
}


