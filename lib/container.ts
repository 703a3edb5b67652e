import type * as kplus from 'cdk8s-plus-28';
import { EnvFrom, EnvValue } from './env';
import { ContainerLifecycle, Probe } from './probe';
import { Volume } from './volume';
import { _compact, _nonEmpty, _sizeToQuantity } from './_util';

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
  /** @default - true unless privileged is false and CAP_SYS_ADMIN is absent (Kubernetes' rule) */
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
 */
export class Container {
  /** The container name. */
  public readonly name: string;
  /** The image reference. */
  public readonly image: string;

  private readonly props: ContainerProps;
  private readonly _ports: ContainerPort[] = [];
  private readonly _env: Array<[string, EnvValue]> = [];
  private readonly _envFrom: EnvFrom[] = [];
  private readonly _mounts: VolumeMount[] = [];
  private readonly _extended: { [resourceName: string]: number } = {};
  /** @internal */
  public _restartPolicy?: string;
  /** @internal Bumped by every change, so the pod knows when its cached render is stale. */
  public _version = 0;

  public constructor(props: ContainerProps) {
    this.props = props;
    this.name = props.name;
    this.image = props.image;
    if (props.port !== undefined) this._ports.push({ number: props.port });
    for (const p of props.ports ?? []) this._ports.push(p);
    for (const [name, value] of Object.entries(props.env ?? {})) this.addEnv(name, value);
    for (const e of props.envFrom ?? []) this._envFrom.push(e);
    for (const m of props.volumeMounts ?? []) this._mounts.push(m);
    Object.assign(this._extended, props.resources?.extended);
  }

  /** The ports the container listens on. */
  public get ports(): ContainerPort[] {
    return [...this._ports];
  }

  /** The volume mounts of the container. */
  public get volumeMounts(): VolumeMount[] {
    return [...this._mounts];
  }

  /** The names of the environment variables, in order. */
  public get envNames(): string[] {
    return this._env.map(([name]) => name);
  }

  /** Adds a port. */
  public addPort(port: ContainerPort): void {
    this._version++;
    this._ports.push(port);
  }

  /** Adds an environment variable after those already declared. A string is a literal value. */
  public addEnv(name: string, value: EnvValue | string): void {
    this._version++;
    this._env.push([name, typeof value === 'string' ? EnvValue.literal(value) : value]);
  }

  /** Adds a whole ConfigMap or Secret as environment variables. */
  public addEnvFrom(source: EnvFrom): void {
    this._version++;
    this._envFrom.push(source);
  }

  /** Mounts a pod volume at `path`. */
  public mount(path: string, volume: Volume | string, options: Omit<VolumeMount, 'volume' | 'path'> = {}): void {
    this._version++;
    this._mounts.push({ ...options, volume, path });
  }

  /** Sets a whole-number limit of an extended resource, such as `nvidia.com/gpu`. */
  public setExtendedResource(resourceName: string, amount: number): void {
    this._version++;
    this._extended[resourceName] = amount;
  }

  /** @internal Volume objects this container mounts by reference. */
  public _mountedVolumes(): Volume[] {
    const out: Volume[] = [];
    for (const m of this._mounts) {
      if (typeof m.volume !== 'string') out.push(m.volume);
    }
    return out;
  }

  /** @internal */
  public _toJson(): object {
    const p = this.props;
    return _compact({
      name: this.name,
      image: this.image,
      imagePullPolicy: p.imagePullPolicy,
      restartPolicy: this._restartPolicy,
      command: p.command ? [...p.command] : undefined,
      args: p.args ? [...p.args] : undefined,
      workingDir: p.workingDir,
      ports: _nonEmpty(this._ports.map(renderPort)),
      envFrom: _nonEmpty(this._envFrom.map(e => e._json)),
      env: _nonEmpty(this._env.map(([name, v]) => v.valueFrom ? { name, valueFrom: v.valueFrom } : { name, value: v.value })),
      resources: renderResources(p.resources, this._extended),
      volumeMounts: _nonEmpty(this._mounts.map(renderMount)),
      livenessProbe: p.liveness?._toJson(),
      readinessProbe: p.readiness?._toJson(),
      startupProbe: p.startup?._toJson(),
      lifecycle: p.lifecycle ? _compact({ postStart: p.lifecycle.postStart?._json, preStop: p.lifecycle.preStop?._json }) : undefined,
      securityContext: p.securityContext ? renderSecurityContext(p.securityContext) : undefined,
    });
  }
}

function renderPort(p: ContainerPort): object {
  return _compact({ name: p.name, containerPort: p.number, hostPort: p.hostPort, protocol: p.protocol });
}

function renderMount(m: VolumeMount): object {
  return _compact({
    name: typeof m.volume === 'string' ? m.volume : m.volume.name,
    mountPath: m.path,
    readOnly: m.readOnly,
    subPath: m.subPath,
    subPathExpr: m.subPathExpr,
    mountPropagation: m.propagation,
  });
}

function renderResources(r: ContainerResources | undefined, extended: { [name: string]: number }): object | undefined {
  const requests = _compact({
    'cpu': r?.cpu?.request?.amount,
    'memory': r?.memory?.request ? _sizeToQuantity(r.memory.request) : undefined,
    'ephemeral-storage': r?.ephemeralStorage?.request ? _sizeToQuantity(r.ephemeralStorage.request) : undefined,
  });
  const limits: { [key: string]: string | number } = {
    ..._compact({
      'cpu': r?.cpu?.limit?.amount,
      'memory': r?.memory?.limit ? _sizeToQuantity(r.memory.limit) : undefined,
      'ephemeral-storage': r?.ephemeralStorage?.limit ? _sizeToQuantity(r.ephemeralStorage.limit) : undefined,
    }) as { [key: string]: string },
    ...extended,
  };
  const out = _compact({
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** @internal */
export function _renderSeccomp(s: SeccompProfile | undefined): object | undefined {
  return s ? _compact({ type: s.type, localhostProfile: s.localhostProfile }) : undefined;
}

function renderSecurityContext(s: ContainerSecurityContext): object {
  return _compact({
    runAsUser: s.runAsUser,
    runAsGroup: s.runAsGroup,
    runAsNonRoot: s.runAsNonRoot,
    privileged: s.privileged,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
    allowPrivilegeEscalation: s.allowPrivilegeEscalation,
    capabilities: s.capabilities ? _compact({ add: _nonEmpty(s.capabilities.add), drop: _nonEmpty(s.capabilities.drop) }) : undefined,
    seccompProfile: _renderSeccomp(s.seccompProfile),
  });
}
