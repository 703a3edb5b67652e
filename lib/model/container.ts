import type * as kplus from 'cdk8s-plus-28';
import { EnvFrom, EnvValue } from './env';
import { ContainerLifecycle, Probe } from './probe';
import type { FieldPath } from '../rules/engine';
import { show } from '../rules/engine';
import { Volume } from './volume';
import { _compact, _isPlainObject, _nonEmpty, _quantity, _Report, _snapshot } from './_util';

/** A port a container listens on. Containers of a pod share one network namespace. */
export interface ContainerPort {
  /** The port number, 1 to 65535. */
  readonly number: number;
  /**
   * A name for the port (an IANA service name: at most 15 characters, lower case), which probes
   * and Services can refer to.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * `TCP`, `UDP` or `SCTP`.
   * @default - TCP (`protocol` is not emitted)
   */
  readonly protocol?: kplus.Protocol;
  /**
   * Also expose the port on the node at this number.
   * @default - not exposed on the node
   */
  readonly hostPort?: number;
}

/** Where and how a container mounts a pod volume. */
export interface VolumeMount {
  /**
   * The volume, as the `Volume` object (declared on the pod if it is not already) or by the name of
   * a volume the pod declares.
   */
  readonly volume: Volume | string;
  /** The absolute path in the container, such as `/usr/share/nginx/html`. */
  readonly path: string;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this relative path of the volume.
   * @default - the whole volume
   */
  readonly subPath?: string;
  /**
   * Like `subPath`, with `$(VAR)` expanded from the container's environment.
   * @default - none
   */
  readonly subPathExpr?: string;
  /**
   * How mounts propagate between host and container.
   * @default - None (`mountPropagation` is not emitted)
   */
  readonly propagation?: kplus.MountPropagation;
}

/** Requests and limits of a container, with extended resources such as GPUs. */
export interface ContainerResources extends kplus.ContainerResources {
  /**
   * Extended resources, such as `{ 'nvidia.com/gpu': 1 }`, as whole numbers. They are emitted as
   * limits; Kubernetes sets the request equal to the limit.
   * @default - none
   */
  readonly extended?: { readonly [resourceName: string]: number };
}

/** Linux capabilities to add to or drop from a container. */
export interface Capabilities {
  /** @default - none */
  readonly add?: Array<kplus.Capability | string>;
  /** @default - none */
  readonly drop?: Array<kplus.Capability | string>;
}

/** The seccomp profile of a pod or container. */
export interface SeccompProfile {
  /** `RuntimeDefault`, `Localhost` or `Unconfined`. */
  readonly type: kplus.SeccompProfileType;
  /**
   * The profile file on the node, for `Localhost`.
   * @default - none
   */
  readonly localhostProfile?: string;
}

/**
 * The security context of one container. Every field defaults to the container runtime's own
 * default and is emitted only when set; see `SecurityPresets` for opt-in hardened values.
 */
export interface ContainerSecurityContext {
  /** @default - the image's user */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default - not enforced */
  readonly runAsNonRoot?: boolean;
  /** @default false */
  readonly privileged?: boolean;
  /** @default false */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Whether a process can gain more privileges than its parent (setuid binaries): `false` sets no_new_privs.
   * It is always true for a privileged container and one with CAP_SYS_ADMIN, whatever is set here.
   * @default - not emitted: escalation is allowed (no_new_privs is not set)
   */
  readonly allowPrivilegeEscalation?: boolean;
  /** @default - the runtime's default set */
  readonly capabilities?: Capabilities;
  /** @default - the pod's profile */
  readonly seccompProfile?: SeccompProfile;
}

/** The definition of a container. */
export interface ContainerProps {
  /** The container name, a DNS-1123 label unique in the pod. */
  readonly name: string;
  /** The image reference, such as `nginx:1.25`. */
  readonly image: string;
  /**
   * When the kubelet pulls the image.
   * @default - Kubernetes' default: Always for `:latest` or no tag, IfNotPresent otherwise (not emitted)
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * The entrypoint, replacing the image's ENTRYPOINT. `$(VAR)` expands from the container's env.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint, replacing the image's CMD.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * A single port, shorthand for `ports: [{ number: port }]`.
   * @default - none
   */
  readonly port?: number;
  /**
   * Ports the container listens on.
   * @default - none
   */
  readonly ports?: ContainerPort[];
  /**
   * Environment variables in order; a value may reference variables declared before it with `$(NAME)`.
   * A string is a literal value.
   * @default - none
   */
  readonly env?: { readonly [name: string]: EnvValue | string };
  /**
   * Whole ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Compute resources. See `ResourcePresets` for opt-in sizes.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * Pod volumes this container mounts.
   * @default - none
   */
  readonly volumeMounts?: VolumeMount[];
  /** @default - no liveness probe */
  readonly liveness?: Probe;
  /** @default - no readiness probe */
  readonly readiness?: Probe;
  /** @default - no startup probe */
  readonly startup?: Probe;
  /** @default - no hooks */
  readonly lifecycle?: ContainerLifecycle;
  /** @default - none (the runtime's defaults) */
  readonly securityContext?: ContainerSecurityContext;
}

/**
 * A container of a pod. Create it with `pod.addContainer()`, `pod.addInitContainer()` or
 * `pod.addSidecar()`; its ports, env and mounts can still grow until synth.
 *
 * The props are copied when the container is made: changing the objects passed in afterwards
 * has no effect. Change a container through its methods (`addPort()`, `addEnv()`, `mount()`, ...).
 */
export class Container {
  /** The container name. */
  public readonly name: string;
  /** The image reference. */
  public readonly image: string;

  /** The props as given (a copy), or undefined when they are not an object (a plain-JS caller's null). */
  private readonly props: ContainerProps | undefined;
  /** What was given instead of props, rendered as it is. */
  private readonly invalid: unknown;
  private readonly _ports: ContainerPort[] = [];
  private readonly _env: Array<[string, unknown]> = [];
  private readonly _envFrom: EnvFrom[] = [];
  private readonly _mounts: VolumeMount[] = [];
  private readonly _extended: { [resourceName: string]: number } = {};
  /** List or map props that are not lists or maps (plain-JS callers), reported at render. */
  private _odd?: { [field: string]: unknown };
  /** @internal */
  public _restartPolicy?: string;
  /** @internal Bumped by every change, so the pod knows when its cached render is stale. */
  public _version = 0;

  public constructor(props: ContainerProps) {
    const p = _snapshot(props);
    this.props = typeof p === 'object' && p !== null && !Array.isArray(p) ? p : undefined;
    this.invalid = this.props ? undefined : p;
    const q: Partial<ContainerProps> = this.props ?? {};
    this.name = q.name as string;
    this.image = q.image as string;
    if (q.port !== undefined) this._ports.push({ number: q.port });
    this.addList('ports', q.ports, x => this._ports.push(x));
    if (_isPlainObject(q.env)) {
      for (const [name, value] of Object.entries(q.env)) this._env.push([name, value]);
    } else if (q.env !== undefined && q.env !== null) {
      (this._odd ??= {}).env = q.env;
    }
    this.addList('envFrom', q.envFrom, x => this._envFrom.push(x));
    this.addList('volumeMounts', q.volumeMounts, x => this._mounts.push(x));
    const extended = q.resources?.extended;
    if (_isPlainObject(extended)) Object.assign(this._extended, extended);
    else if (extended !== undefined && extended !== null) (this._odd ??= {}).extended = extended;
  }

  /** The ports the container listens on. */
  public get ports(): ContainerPort[] {
    return _snapshot(this._ports);
  }

  /** The volume mounts of the container. */
  public get volumeMounts(): VolumeMount[] {
    return _snapshot(this._mounts);
  }

  /** The names of the environment variables, in order. */
  public get envNames(): string[] {
    return this._env.map(([name]) => name);
  }

  /** Adds a port (a copy of it). */
  public addPort(port: ContainerPort): void {
    this._version++;
    this._ports.push(_snapshot(port));
  }

  /** Adds an environment variable after those already declared. A string is a literal value. */
  public addEnv(name: string, value: EnvValue | string): void {
    this._version++;
    this._env.push([name, value]);
  }

  /** Adds a whole ConfigMap or Secret as environment variables. */
  public addEnvFrom(source: EnvFrom): void {
    this._version++;
    this._envFrom.push(source);
  }

  /** Mounts a pod volume at `path`. */
  public mount(path: string, volume: Volume | string, options: Omit<VolumeMount, 'volume' | 'path'> = {}): void {
    this._version++;
    this._mounts.push(_snapshot({ ...options, volume, path }));
  }

  /** Sets a whole-number limit of an extended resource, such as `nvidia.com/gpu`. */
  public setExtendedResource(resourceName: string, amount: number): void {
    this._version++;
    this._extended[resourceName] = amount;
  }

  /** @internal The limit of an extended resource, as set. */
  public _extendedResource(resourceName: string): number | undefined {
    return this._extended[resourceName];
  }

  /** @internal Volume objects this container mounts by reference. */
  public _mountedVolumes(): Volume[] {
    const out: Volume[] = [];
    for (const m of this._mounts) {
      if (_isVolume(m?.volume)) out.push(m.volume);
    }
    return out;
  }

  private addList<T>(field: string, items: T[] | undefined, add: (item: T) => void): void {
    if (Array.isArray(items)) for (const item of items) add(item);
    else if (items !== undefined && items !== null) (this._odd ??= {})[field] = items;
  }

  /**
   * @internal The container as Kubernetes JSON. Never throws: values it cannot render are
   * rendered as they are, for the rules to report, or reported to `report` at their path.
   * @param path where the container sits in the manifest, such as `['spec', 'containers', 0]`
   */
  public _toJson(path: FieldPath = [], report: _Report = () => undefined): unknown {
    const p = this.props;
    if (!p) return this.invalid; // null, undefined or another odd value: field-type reports it
    const label = `container ${show(p.name)}`;
    const at = (...segments: Array<string | number>) => [...path, ...segments];
    for (const [field, value] of Object.entries(this._odd ?? {})) {
      const [segments, expected] = ODD_PROPS[field];
      report(at(...segments), `${field} of ${label} is ${show(value)} but must be ${expected}`);
    }
    const probe = (field: string, value: unknown, prop: string) => {
      if (value === undefined) return undefined;
      if (typeof (value as Probe | null)?._toJson === 'function') return (value as Probe)._toJson();
      report(at(field), `${prop} of ${label} is ${show(value)} but must be a Probe; build it with Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc()`);
      return undefined;
    };
    return _compact({
      name: p.name,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      restartPolicy: this._restartPolicy,
      command: Array.isArray(p.command) ? [...p.command] : p.command,
      args: Array.isArray(p.args) ? [...p.args] : p.args,
      workingDir: p.workingDir,
      ports: _nonEmpty(this._ports.map(renderPort)),
      envFrom: _nonEmpty(this._envFrom.map((e, i) => renderEnvFrom(e, at('envFrom', i), label, report))),
      env: _nonEmpty(this._env.map(([name, v], i) => renderEnv(name, v, at('env', i), label, report))),
      resources: renderResources(p.resources, this._extended, at('resources'), label, report),
      volumeMounts: _nonEmpty(this._mounts.map((m, i) => renderMount(m, at('volumeMounts', i), label, report))),
      livenessProbe: probe('livenessProbe', p.liveness, 'liveness'),
      readinessProbe: probe('readinessProbe', p.readiness, 'readiness'),
      startupProbe: probe('startupProbe', p.startup, 'startup'),
      lifecycle: renderLifecycle(p.lifecycle, at('lifecycle'), label, report),
      securityContext: p.securityContext !== undefined ? renderSecurityContext(p.securityContext) : undefined,
    });
  }
}

/** @internal Whether `value` is a `Volume` (by duck type, so copies of this library mix). */
/**
 * @internal The name of the volume a mount refers to: the name given, or the Volume object's name;
 * undefined for anything else (a plain-JS caller's odd value, which renderMount reports).
 */
export function _mountedVolumeName(m: VolumeMount | null | undefined): string | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  return typeof m.volume === 'string' ? m.volume : _isVolume(m.volume) ? m.volume.name : undefined;
}

export function _isVolume(value: unknown): value is Volume {
  return value instanceof Volume || (typeof value === 'object' && value !== null && typeof (value as Volume)._toJson === 'function' && 'kind' in value);
}

function renderPort(p: ContainerPort): unknown {
  if (!_isPlainObject(p)) return p; // null or another odd item: field-type
  return _compact({ name: p.name, containerPort: p.number, hostPort: p.hostPort, protocol: p.protocol });
}

function renderEnv(name: string, value: unknown, path: FieldPath, label: string, report: _Report): object {
  if (typeof value === 'string') return { name, value };
  if (value instanceof EnvValue || (isEnvValueLike(value))) {
    const v = value as EnvValue;
    return v.valueFrom ? { name, valueFrom: v.valueFrom } : _compact({ name, value: v.value });
  }
  if (typeof value === 'number' || typeof value === 'boolean') return { name, value }; // field-type: quote it
  report([...path, 'value'], `env ${show(name)} of ${label} is ${show(value)} but must be a string or an EnvValue; set a value such as 'production' or EnvValue.fromSecret(secret, 'key'), or remove ${show(name)}`);
  return { name };
}

function isEnvValueLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !_isPlainObject(value) && 'valueFrom' in value && 'value' in value;
}

/** Where a list or map prop of a container renders, and what it must be, with the fix. */
const ODD_PROPS: { [field: string]: [string[], string] } = {
  ports: [['ports'], "a list of ports; write it as [{ number: 8080, name: 'http' }]"],
  env: [['env'], "a map of names to values; write it as { PROFILE: 'production', PASSWORD: EnvValue.fromSecret(secret, 'password') }"],
  envFrom: [['envFrom'], 'a list of EnvFrom; write it as [EnvFrom.configMap(config)]'],
  volumeMounts: [['volumeMounts'], "a list of mounts; write it as [{ volume: Volume.emptyDir('cache'), path: '/cache' }]"],
  extended: [['resources', 'limits'], "a map of resource names to whole numbers; write it as { 'nvidia.com/gpu': 1 }"],
};

function renderEnvFrom(e: EnvFrom, path: FieldPath, label: string, report: _Report): unknown {
  if (_isPlainObject((e as EnvFrom | null)?._json)) return e._json;
  if (e === null || e === undefined) return e; // field-type: the empty item
  report(path, `envFrom item of ${label} is ${show(e)} but must be an EnvFrom; build it with EnvFrom.configMap() or EnvFrom.secret()`);
  return {};
}

function renderMount(m: VolumeMount, path: FieldPath, label: string, report: _Report): unknown {
  if (!_isPlainObject(m)) return m; // null or another odd item: field-type
  const name = _mountedVolumeName(m);
  if (name === undefined) {
    report([...path, 'name'], `volume of the mount at ${show(m.path)} in ${label} is ${show(m.volume)} but must be a Volume or the name of a volume the pod declares; pass the Volume object, such as Volume.emptyDir('cache'), or its name`);
  }
  return _compact({
    name,
    mountPath: m.path,
    readOnly: m.readOnly,
    subPath: m.subPath,
    subPathExpr: m.subPathExpr,
    mountPropagation: m.propagation,
  });
}

function renderLifecycle(lc: ContainerLifecycle | undefined, path: FieldPath, label: string, report: _Report): unknown {
  if (lc === undefined) return undefined;
  if (!_isPlainObject(lc)) return lc; // field-type
  const hook = (name: 'postStart' | 'preStop') => {
    const h = lc[name];
    if (h === undefined) return undefined;
    if (_isPlainObject((h as { _json?: unknown } | null)?._json)) return h._json;
    report([...path, name], `lifecycle.${name} of ${label} is ${show(h)} but must be a LifecycleHandler; build it with LifecycleHandler.exec() or LifecycleHandler.httpGet()`);
    return undefined;
  };
  return _compact({ postStart: hook('postStart'), preStop: hook('preStop') });
}

/** A cdk8s-plus `Cpu` as its amount; anything else as it is, for the rules to judge. */
function cpuAmount(cpu: unknown): unknown {
  return typeof cpu === 'object' && cpu !== null && 'amount' in cpu ? (cpu as kplus.Cpu).amount : cpu;
}

function renderResources(r: ContainerResources | undefined, extended: { [name: string]: number }, path: FieldPath, label: string, report: _Report): object | undefined {
  if (r !== undefined && r !== null && !_isPlainObject(r)) {
    report(path, `resources of ${label} is ${show(r)} but must be an object such as { cpu: { request: Cpu.millis(250) }, memory: { limit: Size.mebibytes(512) } }; write it as one`);
    return undefined;
  }
  const requests = _compact({
    'cpu': cpuAmount(r?.cpu?.request),
    'memory': _quantity(r?.memory?.request),
    'ephemeral-storage': _quantity(r?.ephemeralStorage?.request),
  });
  const limits: { [key: string]: unknown } = {
    ..._compact({
      'cpu': cpuAmount(r?.cpu?.limit),
      'memory': _quantity(r?.memory?.limit),
      'ephemeral-storage': _quantity(r?.ephemeralStorage?.limit),
    }),
    ...extended,
  };
  const out = _compact({
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** @internal */
export function _renderSeccomp(s: SeccompProfile | undefined): unknown {
  if (s === undefined) return undefined;
  return _isPlainObject(s) ? _compact({ type: s.type, localhostProfile: s.localhostProfile }) : s;
}

function renderSecurityContext(s: ContainerSecurityContext): unknown {
  if (!_isPlainObject(s)) return s; // field-type
  const caps = s.capabilities;
  return _compact({
    runAsUser: s.runAsUser,
    runAsGroup: s.runAsGroup,
    runAsNonRoot: s.runAsNonRoot,
    privileged: s.privileged,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
    allowPrivilegeEscalation: s.allowPrivilegeEscalation,
    capabilities: caps === undefined ? undefined : _isPlainObject(caps) ? _compact({ add: _nonEmpty(caps.add), drop: _nonEmpty(caps.drop) }) : caps,
    seccompProfile: _renderSeccomp(s.seccompProfile),
  });
}
